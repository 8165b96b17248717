extension Tensor {
    /// The element at a full index, one position per dimension (negatives count from the end).
    ///
    /// ```swift
    /// let x = Tensor([[1.16, 0.23], [0.57, 1.36]])
    /// x[1, 0]        // 0.57
    /// x[-1, -1]      // 1.36
    /// ```
    /// For a 1-D tensor use `v[i].item` (`v[i]` is the 0-D slice, as in PyTorch).
    ///
    /// - Precondition: exactly `rank` indices, each within its dimension.
    public subscript(_ first: Int, _ second: Int, _ rest: Int...) -> Float {
        get { scalars[flatOffset(of: [first, second] + rest, in: shape, "Tensor subscript")] }
        set { scalars[flatOffset(of: [first, second] + rest, in: shape, "Tensor subscript")] = newValue }
    }

    /// The `index`-th slice along dimension 0 (negatives count from the end): a row of a matrix,
    /// a matrix of a 3-D tensor, a 0-D tensor of a vector — like PyTorch's `t[i]`.
    ///
    /// Setting it replaces that slice; the new value must have the slice's shape.
    public subscript(_ index: Int) -> Tensor {
        get {
            check(rank >= 1, "Tensor subscript: a 0-dimensional tensor cannot be indexed")
            let (start, size) = sliceRange(index)
            return Tensor(shape: Array(shape.dropFirst()), scalars: Array(scalars[start..<(start + size)]))
        }
        set {
            check(rank >= 1, "Tensor subscript: a 0-dimensional tensor cannot be indexed")
            let sliceShape = Array(shape.dropFirst())
            check(
                newValue.shape == sliceShape,
                "Tensor subscript: cannot assign shape \(newValue.shape) to a slice of shape \(sliceShape) of \(shape)")
            let (start, size) = sliceRange(index)
            scalars.replaceSubrange(start..<(start + size), with: newValue.scalars)
        }
    }

    /// The value of a tensor with exactly one element, like PyTorch's `t.item()`.
    ///
    /// - Precondition: `count == 1`.
    public var item: Float {
        check(count == 1, "Tensor.item: tensor of shape \(shape) has \(count) elements, not 1")
        return scalars[0]
    }

    /// Where slice `index` along dimension 0 starts in `scalars`, and how many elements it holds.
    private func sliceRange(_ index: Int) -> (start: Int, size: Int) {
        let position = normalizedIndex(index, size: shape[0], dimension: 0, shape: shape, "Tensor subscript")
        let size = count / Swift.max(shape[0], 1)
        return (position * size, size)
    }
}
