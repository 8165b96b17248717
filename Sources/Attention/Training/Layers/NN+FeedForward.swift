extension NN {
    /// A transformer's position-wise feed-forward block, `fc2(activation(fc1(x)))`, like
    /// `nn.Sequential(nn.Linear(d, dFF), nn.GELU(), nn.Linear(dFF, d))`.
    public final class FeedForward: Module {
        /// The expansion `dModel → dFF`.
        public let fc1: Linear
        /// The projection back `dFF → dModel`.
        public let fc2: Linear
        /// The non-linearity between them.
        public let activation: Activation

        /// `fc1` then `fc2`, initialised like `nn.Linear` in that order.
        public init(dModel: Int, dFF: Int, activation: Activation = .gelu(.none), using generator: inout Generator) {
            fc1 = Linear(inFeatures: dModel, outFeatures: dFF, using: &generator)
            fc2 = Linear(inFeatures: dFF, outFeatures: dModel, using: &generator)
            self.activation = activation
        }

        /// `[..., dModel]` → `[..., dModel]`.
        public func callAsFunction(_ input: Variable) -> Variable {
            fc2(activation(fc1(input)))
        }
    }
}
