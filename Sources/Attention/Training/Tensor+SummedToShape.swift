extension Tensor {
    /// The tensor summed over the dimensions that broadcasting added or stretched, so that it
    /// has `target`'s shape: the gradient of an operand that was broadcast (PyTorch's
    /// `sum_to_size`). `[2, 3, 4]` summed to `[4]` or `[3, 1]` adds up the copies each element made.
    ///
    /// - Precondition: `target` broadcasts to this tensor's shape.
    func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        check(
            broadcastShape(target, shape, "summed(toShape:)") == shape,
            "summed(toShape:): shape \(target) does not broadcast to \(shape)")
        var result = [Float](repeating: 0, count: elementCount(target))
        for (element, position) in broadcastPositions(from: target, to: shape).enumerated() {
            result[position] += scalars[element]
        }
        return Tensor(shape: target, scalars: result)
    }
}
