import Foundation

extension Tensor {
    /// Softmax along `dim`: each line of values becomes positive weights that add up to 1,
    /// `softmax(x)ᵢ = exp(xᵢ − max x) / Σⱼ exp(xⱼ − max x)`.
    ///
    /// Subtracting the line's maximum first keeps `exp` from overflowing (`[1000, 1001, 1002]`
    /// works) without changing the result. As in `torch.softmax`, a `-inf` entry gets weight 0,
    /// and a line that is entirely `-inf` gives NaN (0/0) — attention functions that must
    /// survive fully masked rows use a safe variant (see `scaledDotProductAttention`).
    ///
    /// `scores.softmax(dim: -1)` normalises each query's row over the keys.
    public func softmax(dim: Int) -> Tensor {
        softmax(dim: dim, zeroingAllNegativeInfinity: false)
    }

    /// Softmax that gives 0 instead of NaN for lines that are entirely `-inf`: PyTorch's
    /// `_safe_softmax`, used by `scaled_dot_product_attention` since 2024.
    func safeSoftmax(dim: Int) -> Tensor {
        softmax(dim: dim, zeroingAllNegativeInfinity: true)
    }

    private func softmax(dim: Int, zeroingAllNegativeInfinity: Bool) -> Tensor {
        let axis = normalizedDimension(dim, shape: shape, "softmax")
        let (outer, size, inner) = outerSizeInner(shape, axis)
        var result = scalars
        for block in 0..<outer {
            for offset in 0..<inner {
                let positions = (0..<size).map { (block * size + $0) * inner + offset }
                let largest = positions.reduce(-Float.infinity) { Swift.max($0, scalars[$1]) }
                if zeroingAllNegativeInfinity && largest == -.infinity
                    && positions.allSatisfy({ scalars[$0] == -.infinity })
                {
                    for position in positions { result[position] = 0 }
                    continue
                }
                // -inf - (-inf) is NaN, so an all -inf line comes out NaN as in PyTorch.
                var total: Float = 0
                for position in positions {
                    let e = Foundation.exp(scalars[position] - largest)
                    result[position] = e
                    total += e
                }
                for position in positions { result[position] /= total }
            }
        }
        return Tensor(shape: shape, scalars: result)
    }
}
