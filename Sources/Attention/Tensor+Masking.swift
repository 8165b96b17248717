// Keeping or replacing elements by position: the triangles behind causal masks, and
// `maskedFill`, which is how the course writes −1e9 over the scores a token may not see.

extension Tensor {
    /// The lower triangle of the last two dimensions: element `[i, j]` is kept where
    /// `j − i ≤ diagonal` and set to 0 elsewhere, like `torch.tril`.
    ///
    /// `diagonal: 0` keeps the main diagonal, `-1` starts below it, `1` above it.
    /// `Tensor.ones([3, 3]).tril()` is the course's "may attend" pattern.
    ///
    /// - Precondition: `rank >= 2`.
    public func tril(diagonal: Int = 0) -> Tensor {
        keepingTriangle("tril") { row, column in column - row <= diagonal }
    }

    /// The upper triangle of the last two dimensions: element `[i, j]` is kept where
    /// `j − i ≥ diagonal` and set to 0 elsewhere, like `torch.triu`.
    ///
    /// `Tensor.full([n, n], -.infinity).triu(diagonal: 1)` is PyTorch's
    /// `generate_square_subsequent_mask(n)`: 0 on and below the diagonal, −∞ above.
    ///
    /// - Precondition: `rank >= 2`.
    public func triu(diagonal: Int = 0) -> Tensor {
        keepingTriangle("triu") { row, column in column - row >= diagonal }
    }

    private func keepingTriangle(_ operation: String, _ keeps: (Int, Int) -> Bool) -> Tensor {
        check(rank >= 2, "\(operation): expects at least 2 dimensions, got shape \(shape)")
        let (rows, columns) = (shape[rank - 2], shape[rank - 1])
        var result = scalars
        for index in result.indices {
            let row = (index / columns) % rows
            if !keeps(row, index % columns) { result[index] = 0 }
        }
        return Tensor(shape: shape, scalars: result)
    }

    /// The tensor with `value` written wherever `mask` is true, like PyTorch's
    /// `masked_fill(mask, value)` (true = fill).
    ///
    /// ```swift
    /// scaled.maskedFill(!Mask.causal(3), with: -1e9)   // hide the future
    /// ```
    /// - Precondition: the mask's shape broadcasts to this tensor's shape.
    public func maskedFill(_ mask: Mask, with value: Float) -> Tensor {
        check(
            broadcastShape(shape, mask.shape, "maskedFill") == shape,
            "maskedFill: mask of shape \(mask.shape) does not broadcast to the tensor's shape \(shape)")
        let fill = broadcastPositions(from: mask.shape, to: shape)
        return Tensor(shape: shape, scalars: zip(scalars, fill).map { mask.values[$1] ? value : $0 })
    }
}
