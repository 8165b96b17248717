// Reductions along one dimension (negative counts from the end), like `t.sum(dim, keepdim)`.
// Without `keepingDim` the reduced dimension disappears: `[3, 4].sum(dim: 1)` is `[3]`;
// with it, it stays as size 1 (`[3, 1]`), which broadcasts back against the original.

extension Tensor {
    /// The sum along `dim`. `weights.sum(dim: -1)` checks that every row of attention weights adds up to 1.
    public func sum(dim: Int, keepingDim: Bool = false) -> Tensor {
        reduced(dim, keepingDim, "sum") { $0.reduce(0, +) }
    }

    /// The mean along `dim` (the sum divided by the size of `dim`).
    public func mean(dim: Int, keepingDim: Bool = false) -> Tensor {
        reduced(dim, keepingDim, "mean") { $0.reduce(0, +) / Float($0.count) }
    }

    /// The largest value along `dim` (NaN if any value along it is NaN, like PyTorch).
    ///
    /// - Precondition: the dimension is not empty.
    public func max(dim: Int, keepingDim: Bool = false) -> Tensor {
        reduced(dim, keepingDim, "max") { values in
            values.reduce(-Float.infinity) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
        }
    }

    /// The smallest value along `dim` (NaN if any value along it is NaN, like PyTorch).
    ///
    /// - Precondition: the dimension is not empty.
    public func min(dim: Int, keepingDim: Bool = false) -> Tensor {
        reduced(dim, keepingDim, "min") { values in
            values.reduce(Float.infinity) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
        }
    }

    /// The sum of all elements, as a 0-D tensor (`.item` gives the number).
    public func sum() -> Tensor { Tensor(scalars.reduce(0, +)) }

    /// The mean of all elements, as a 0-D tensor.
    public func mean() -> Tensor { Tensor(scalars.reduce(0, +) / Float(count)) }

    /// The largest of all elements, as a 0-D tensor.
    ///
    /// - Precondition: the tensor is not empty.
    public func max() -> Tensor { reshaped(to: [-1]).max(dim: 0) }

    /// The smallest of all elements, as a 0-D tensor.
    ///
    /// - Precondition: the tensor is not empty.
    public func min() -> Tensor { reshaped(to: [-1]).min(dim: 0) }

    /// Applies `reduce` to each line of values along `dim`.
    private func reduced(
        _ dim: Int, _ keepingDim: Bool, _ operation: String, _ reduce: ([Float]) -> Float
    ) -> Tensor {
        let axis = normalizedDimension(dim, shape: shape, operation)
        let (outer, size, inner) = outerSizeInner(shape, axis)
        check(
            size > 0 || (operation != "max" && operation != "min"),
            "\(operation): dimension \(dim) of shape \(shape) is empty")
        var result = [Float](repeating: 0, count: outer * inner)
        var line = [Float](repeating: 0, count: size)
        for block in 0..<outer {
            for offset in 0..<inner {
                for position in 0..<size {
                    line[position] = scalars[(block * size + position) * inner + offset]
                }
                result[block * inner + offset] = reduce(line)
            }
        }
        var newShape = shape
        if keepingDim { newShape[axis] = 1 } else { newShape.remove(at: axis) }
        return Tensor(shape: newShape, scalars: result)
    }
}
