extension NN {
    /// The rectifier `max(x, 0)`, like `nn.ReLU()`.
    public struct ReLU: Sendable, Hashable {
        public init() {}
        /// `max(x, 0)` elementwise.
        public func callAsFunction(_ input: Variable) -> Variable { input.relu() }
    }

    /// The Gaussian error linear unit, like `nn.GELU(approximate=…)`.
    public struct GELU: Sendable, Hashable {
        /// Exact (`erf`) or tanh approximation.
        public let approximate: GELUApproximation
        /// A GELU with the given formula (exact by default, as in PyTorch).
        public init(approximate: GELUApproximation = .none) { self.approximate = approximate }
        /// GELU elementwise.
        public func callAsFunction(_ input: Variable) -> Variable { input.gelu(approximate: approximate) }
    }

    /// The non-linearity of a feed-forward block: ReLU, or GELU with either formula.
    public enum Activation: Sendable, Hashable {
        /// `max(x, 0)`, like `nn.ReLU()`.
        case relu
        /// GELU, like `nn.GELU(approximate=…)`.
        case gelu(GELUApproximation)

        /// The activation applied elementwise.
        public func callAsFunction(_ input: Variable) -> Variable {
            switch self {
            case .relu: input.relu()
            case .gelu(let approximate): input.gelu(approximate: approximate)
            }
        }
    }
}
