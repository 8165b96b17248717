extension Tensor {
    /// The fan-in and fan-out of a weight of this shape, as PyTorch's
    /// `nn.init._calculate_fan_in_and_fan_out` defines them.
    ///
    /// `fanIn = shape[1] · receptive` and `fanOut = shape[0] · receptive`, where `receptive` is
    /// the product of `shape[2...]` (1 for a matrix). A `Linear` weight `[out, in]` has
    /// `fanIn = in`, `fanOut = out`.
    ///
    /// - Precondition: `shape` has at least 2 dimensions.
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        precondition(
            shape.count >= 2,
            "fans: fan in and fan out need at least 2 dimensions, got shape \(shape)")
        let receptiveFieldSize = shape.dropFirst(2).reduce(1, *)
        return (fanIn: shape[1] * receptiveFieldSize, fanOut: shape[0] * receptiveFieldSize)
    }

    /// Kaiming (He) uniform initialisation in fan-in mode for a leaky ReLU with negative
    /// slope `a`, like `nn.init.kaiming_uniform_(t, a=a)`.
    ///
    /// Samples `U(−bound, bound)` with, in `Double` and in PyTorch's order,
    /// `gain = √(2 / (1 + a²))`, `std = gain / √fanIn`, `bound = √3 · std`.
    /// `nn.Linear` initialises its weight with `a = √5`, which gives `bound = 1/√fanIn` up to
    /// rounding.
    ///
    /// ```swift
    /// var generator = Generator(seed: 0)
    /// let weight = Tensor.kaimingUniform([3, 4], a: 5.0.squareRoot(), using: &generator)
    /// // bit-identical to torch.manual_seed(0); nn.Linear(4, 3).weight
    /// ```
    ///
    /// - Parameters:
    ///   - shape: at least 2 dimensions (see ``fans(of:)``).
    ///   - a: the negative slope of the leaky ReLU that follows (0 for ReLU).
    ///   - rounding: see ``uniform(_:from:to:rounding:using:)``.
    ///   - generator: consumes one draw per element.
    public static func kaimingUniform(
        _ shape: [Int], a: Double = 0, rounding: FusedMultiplyAdd = .fused,
        using generator: inout Generator
    ) -> Tensor {
        let fanIn = fans(of: shape).fanIn
        // PyTorch only warns about empty tensors and leaves them alone.
        if shape.contains(0) { return Tensor(shape: shape, scalars: []) }
        precondition(fanIn > 0, "kaimingUniform: fan in is 0 for shape \(shape)")
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let std = gain / Double(fanIn).squareRoot()
        let bound = 3.0.squareRoot() * std
        return uniform(shape, from: -bound, to: bound, rounding: rounding, using: &generator)
    }

    /// Xavier (Glorot) uniform initialisation, like `nn.init.xavier_uniform_(t, gain=gain)`.
    ///
    /// Samples `U(−a, a)` with `a = √3 · (gain · √(2 / (fanIn + fanOut)))`, in `Double`.
    ///
    /// - Parameters:
    ///   - shape: at least 2 dimensions (see ``fans(of:)``).
    ///   - gain: the scaling factor (1 for linear layers, 5/3 for tanh, …).
    ///   - rounding: see ``uniform(_:from:to:rounding:using:)``.
    ///   - generator: consumes one draw per element.
    public static func xavierUniform(
        _ shape: [Int], gain: Double = 1, rounding: FusedMultiplyAdd = .fused,
        using generator: inout Generator
    ) -> Tensor {
        let bound = 3.0.squareRoot() * xavierStandardDeviation(shape, gain: gain)
        return uniform(shape, from: -bound, to: bound, rounding: rounding, using: &generator)
    }

    /// Xavier (Glorot) normal initialisation, like `nn.init.xavier_normal_(t, gain=gain)`.
    ///
    /// Samples `N(0, std²)` with `std = gain · √(2 / (fanIn + fanOut))`. Which of the two
    /// normal algorithms runs depends on the element count (see ``normal(_:mean:std:using:)``):
    /// a `[1, 1, 8]` tensor takes the small path, a `[1, 1, 16]` one the block path.
    ///
    /// - Parameters:
    ///   - shape: at least 2 dimensions (see ``fans(of:)``).
    ///   - gain: the scaling factor.
    ///   - generator: the random state to consume.
    public static func xavierNormal(
        _ shape: [Int], gain: Double = 1, using generator: inout Generator
    ) -> Tensor {
        normal(shape, mean: 0, std: xavierStandardDeviation(shape, gain: gain), using: &generator)
    }

    /// `gain · √(2 / (fanIn + fanOut))`, the Xavier standard deviation.
    private static func xavierStandardDeviation(_ shape: [Int], gain: Double) -> Double {
        let (fanIn, fanOut) = fans(of: shape)
        precondition(fanIn + fanOut > 0, "xavier: fan in + fan out is 0 for shape \(shape)")
        return gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
    }
}
