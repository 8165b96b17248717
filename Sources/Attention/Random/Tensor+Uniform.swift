extension Tensor {
    /// Uniform samples in [0, 1), like `torch.rand(shape)`.
    ///
    /// Each element takes one 32-bit draw `r` and is `Float(r & 0xFFFFFF) * 2^-24`, filled in
    /// row-major order.
    ///
    /// ```swift
    /// var generator = Generator(seed: 0)
    /// Tensor.rand([2], using: &generator).scalars   // [0.49625659, 0.7682218]
    /// ```
    public static func rand(_ shape: [Int], using generator: inout Generator) -> Tensor {
        uniform(shape, from: 0, to: 1, using: &generator)
    }

    /// Uniform samples in [from, to), like `torch.empty(shape).uniform_(from, to)`.
    ///
    /// PyTorch's recipe, followed exactly: the bounds are first rounded to `Float`; each element
    /// takes one 32-bit draw `r`, sets `x = Float(r & 0xFFFFFF) * 2^-24` and returns
    /// `x * (to − from) + from` computed in `Float` with the given `rounding`; a value that
    /// rounds up to `to` is replaced by `from`, so the result stays in [from, to).
    ///
    /// - Parameters:
    ///   - shape: the shape of the result; elements are filled in row-major order.
    ///   - from: the lower bound (given as `Double`, like PyTorch's Python floats).
    ///   - to: the upper bound.
    ///   - rounding: ``FusedMultiplyAdd/fused`` reproduces PyTorch on x86 with AVX2 (the
    ///     default); ``FusedMultiplyAdd/unfused`` reproduces its `default` CPU capability.
    ///   - generator: consumes one 32-bit draw per element.
    /// - Precondition: `from <= to`, and `to - from` fits in a `Float`.
    public static func uniform(
        _ shape: [Int], from: Double = 0, to: Double = 1,
        rounding: FusedMultiplyAdd = .fused, using generator: inout Generator
    ) -> Tensor {
        precondition(from <= to, "uniform: expects from <= to, got from=\(from) to=\(to)")
        precondition(
            to - from <= Double(Float.greatestFiniteMagnitude),
            "uniform: to - from must fit in Float, got from=\(from) to=\(to)")
        let lower = Float(from)
        let upper = Float(to)
        let width = upper - lower
        let count = sampleCount(of: shape)
        var scalars = [Float]()
        scalars.reserveCapacity(count)
        for _ in 0..<count {
            let value = rounding.multiplyAdd(generator.nextUnitFloat(), width, lower)
            scalars.append(value == upper ? lower : value)
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}

extension Tensor {
    /// The number of elements of `shape`, for the sampling functions.
    ///
    /// - Precondition: every dimension is ≥ 0.
    static func sampleCount(of shape: [Int]) -> Int {
        precondition(shape.allSatisfy { $0 >= 0 }, "random tensor: negative dimension in shape \(shape)")
        return shape.reduce(1, *)
    }
}
