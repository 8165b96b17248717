// Joining tensors and cutting them apart along one dimension: how multi-head attention glues
// its heads' outputs together and splits a packed projection into q, k and v.

extension Tensor {
    /// The tensors joined end to end along `dimension`, like `torch.cat(tensors, dim)`.
    ///
    /// ```swift
    /// Tensor.concatenated([a, b], along: 1)   // [3, 2] and [3, 2] → [3, 4]
    /// ```
    /// - Precondition: at least one tensor; all have the same rank and the same sizes except
    ///   along `dimension`.
    public static func concatenated(_ tensors: [Tensor], along dimension: Int) -> Tensor {
        guard let first = tensors.first else {
            fatalError("concatenated: expects at least one tensor")
        }
        let axis = normalizedDimension(dimension, shape: first.shape, "concatenated")
        for (index, tensor) in tensors.enumerated() {
            var expected = first.shape
            var actual = tensor.shape
            if actual.count == expected.count {
                expected[axis] = 0
                actual[axis] = 0
            }
            check(
                actual == expected,
                "concatenated: tensor \(index) has shape \(tensor.shape), which does not match \(first.shape) outside dimension \(dimension)"
            )
        }
        let outer = elementCount(Array(first.shape[..<axis]))
        // Each tensor contributes one contiguous block of `size × inner` elements per outer index.
        let blocks = tensors.map { $0.count / Swift.max(outer, 1) }
        var scalars = [Float]()
        scalars.reserveCapacity(tensors.reduce(0) { $0 + $1.count })
        for block in 0..<outer {
            for (tensor, size) in zip(tensors, blocks) {
                scalars += tensor.scalars[(block * size)..<((block + 1) * size)]
            }
        }
        var shape = first.shape
        shape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// The tensors stacked along a new dimension, like `torch.stack(tensors, dim)`:
    /// three `[L, S]` matrices stacked along 0 give `[3, L, S]`.
    ///
    /// - Precondition: at least one tensor, all of the same shape.
    public static func stacked(_ tensors: [Tensor], along dimension: Int = 0) -> Tensor {
        guard let first = tensors.first else {
            fatalError("stacked: expects at least one tensor")
        }
        for (index, tensor) in tensors.enumerated() {
            check(
                tensor.shape == first.shape,
                "stacked: tensor \(index) has shape \(tensor.shape) but tensor 0 has \(first.shape)")
        }
        return concatenated(tensors.map { $0.unsqueezed(at: dimension) }, along: dimension)
    }

    /// Pieces of the given sizes along `dimension`, like `torch.split(t, sizes, dim)`.
    ///
    /// ```swift
    /// packed.split(sizes: [2, 2, 2], along: -1)   // [L, 6] → three [L, 2]
    /// ```
    /// - Precondition: the sizes are ≥ 0 and add up to the size of `dimension`.
    public func split(sizes: [Int], along dimension: Int) -> [Tensor] {
        let axis = normalizedDimension(dimension, shape: shape, "split")
        check(
            sizes.allSatisfy { $0 >= 0 } && sizes.reduce(0, +) == shape[axis],
            "split: sizes \(sizes) do not add up to size \(shape[axis]) of dimension \(dimension) in shape \(shape)")
        let (outer, size, inner) = outerSizeInner(shape, axis)
        var start = 0
        return sizes.map { pieceSize in
            var scalars = [Float]()
            scalars.reserveCapacity(outer * pieceSize * inner)
            for block in 0..<outer {
                let from = (block * size + start) * inner
                scalars += self.scalars[from..<(from + pieceSize * inner)]
            }
            start += pieceSize
            var pieceShape = shape
            pieceShape[axis] = pieceSize
            return Tensor(shape: pieceShape, scalars: scalars)
        }
    }

    /// `count` equal pieces along `dimension`, like `torch.chunk` when the size divides evenly.
    ///
    /// - Precondition: `count > 0` divides the size of `dimension`.
    public func split(count: Int, along dimension: Int) -> [Tensor] {
        let axis = normalizedDimension(dimension, shape: shape, "split")
        check(
            count > 0 && shape[axis] % count == 0,
            "split: dimension \(dimension) of shape \(shape) (size \(shape[axis])) cannot be split into \(count) equal pieces"
        )
        return split(sizes: [Int](repeating: shape[axis] / count, count: count), along: axis)
    }
}
