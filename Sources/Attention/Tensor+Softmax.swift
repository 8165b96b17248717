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
        guard count > 0 else { return self }
        var result = [Float](repeating: 0, count: count)
        let lines = outer * inner
        scalars.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                let (source, target) = (source.baseAddress!, Unchecked(target.baseAddress!))
                // Lines are independent: split them across cores when there are many (an exp costs
                // about as much as a dozen multiply-adds).
                let chunks = Parallel.chunks(of: lines, granularity: 1)
                Parallel.forEach(chunks.count, work: 16 * count) { chunk in
                    for line in chunks[chunk] {
                        // Line `line` starts at block · size · inner + offset; its elements are `inner` apart.
                        let start = line / inner * size * inner + line % inner
                        softmaxLine(
                            source + start, target.value + start, size: size, stride: inner,
                            zeroingAllNegativeInfinity: zeroingAllNegativeInfinity)
                    }
                }
            }
        }
        return Tensor(shape: shape, scalars: result)
    }
}

/// Softmax of one line of `size` values `stride` apart, into the same positions of `target`.
/// Sums in order with `Foundation.exp`, so the result does not depend on how lines are split.
private func softmaxLine(
    _ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>, size: Int, stride: Int,
    zeroingAllNegativeInfinity: Bool
) {
    var largest = -Float.infinity
    for index in 0..<size { largest = Swift.max(largest, source[index * stride]) }
    if zeroingAllNegativeInfinity && largest == -.infinity
        && (0..<size).allSatisfy({ source[$0 * stride] == -.infinity })
    {
        for index in 0..<size { target[index * stride] = 0 }
        return
    }
    // -inf - (-inf) is NaN, so an all -inf line comes out NaN as in PyTorch.
    var total: Float = 0
    for index in 0..<size {
        let e = Foundation.exp(source[index * stride] - largest)
        target[index * stride] = e
        total += e
    }
    for index in 0..<size { target[index * stride] /= total }
}
