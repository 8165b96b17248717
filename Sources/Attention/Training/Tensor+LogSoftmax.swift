import Foundation

extension Tensor {
    /// The logarithm of the softmax along `dim`, computed stably like `torch.log_softmax`:
    /// `log_softmax(x)ᵢ = xᵢ − max x − log Σⱼ exp(xⱼ − max x)`.
    ///
    /// More accurate than `softmax(dim:).log()` for very unlikely entries (no `log(0)`), which is
    /// why cross-entropy uses it.
    public func logSoftmax(dim: Int) -> Tensor {
        let axis = normalizedDimension(dim, shape: shape, "logSoftmax")
        let (outer, size, inner) = outerSizeInner(shape, axis)
        var result = scalars
        for block in 0..<outer {
            for offset in 0..<inner {
                let base = block * size * inner + offset
                var largest = -Float.infinity
                for position in 0..<size { largest = Swift.max(largest, scalars[base + position * inner]) }
                var total: Float = 0
                for position in 0..<size { total += Foundation.exp(scalars[base + position * inner] - largest) }
                let logTotal = Foundation.log(total)
                for position in 0..<size {
                    result[base + position * inner] = scalars[base + position * inner] - largest - logTotal
                }
            }
        }
        return Tensor(shape: shape, scalars: result)
    }
}
