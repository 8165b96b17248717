// Rearranging elements without changing them: reshape, transpose, broadcast, add or drop a
// size-1 dimension. Dimensions may be given negative, counting from the end (-1 is the last).

extension Tensor {
    /// The same elements in row-major order under a new shape; one size may be `-1`, inferred.
    ///
    /// ```swift
    /// Tensor.zeros([2, 3, 4]).reshaped(to: [6, -1]).shape   // [6, 4]
    /// ```
    /// - Precondition: the new shape holds exactly `count` elements.
    public func reshaped(to newShape: [Int]) -> Tensor {
        Tensor(shape: resolvedShape(newShape, count: count, from: shape, "reshaped"), scalars: scalars)
    }

    /// The tensor with dimensions `first` and `second` swapped, like `torch.transpose(t, d0, d1)`.
    ///
    /// `k.transposed(0, 1)` turns keys `[L, E]` into `[E, L]`; `transposed(-2, -1)` swaps the
    /// last two dimensions of a batch.
    public func transposed(_ first: Int, _ second: Int) -> Tensor {
        let layout = transposedLayout(shape: shape, first, second, "transposed")
        return Tensor(shape: layout.shape, scalars: layout.positions.map { scalars[$0] })
    }

    /// The transpose of a matrix (rows become columns), like PyTorch's `.T`. A 0-D or 1-D
    /// tensor is returned unchanged.
    ///
    /// - Precondition: `rank <= 2` (use `transposed(_:_:)` for more dimensions).
    public var T: Tensor {
        check(rank <= 2, "T: expects at most 2 dimensions, got shape \(shape); use transposed(_:_:)")
        return rank == 2 ? transposed(0, 1) : self
    }

    /// The tensor repeated along its size-1 (or missing leading) dimensions to fill `target`,
    /// like `t.expand(target)` followed by a copy.
    ///
    /// - Precondition: the shape broadcasts to `target`.
    public func broadcast(to target: [Int]) -> Tensor {
        check(
            broadcastShape(shape, target, "broadcast(to:)") == target,
            "broadcast(to:): shape \(shape) cannot be broadcast to \(target)")
        return Tensor(shape: target, scalars: broadcastPositions(from: shape, to: target).map { scalars[$0] })
    }

    /// The tensor with a new dimension of size 1 inserted at `dimension`, like `unsqueeze`.
    ///
    /// `dimension` may be `-1` to append one at the end; it ranges over `-(rank+1)...rank`.
    public func unsqueezed(at dimension: Int) -> Tensor {
        var newShape = shape
        newShape.insert(1, at: normalizedDimension(dimension, shape: shape + [1], "unsqueezed(at:)"))
        return Tensor(shape: newShape, scalars: scalars)
    }

    /// The tensor with the size-1 dimension `dimension` removed, like `squeeze(dim)`.
    ///
    /// - Precondition: that dimension has size 1.
    public func squeezed(at dimension: Int) -> Tensor {
        let position = normalizedDimension(dimension, shape: shape, "squeezed(at:)")
        check(
            shape[position] == 1,
            "squeezed(at:): dimension \(dimension) of shape \(shape) has size \(shape[position]), not 1")
        var newShape = shape
        newShape.remove(at: position)
        return Tensor(shape: newShape, scalars: scalars)
    }
}
