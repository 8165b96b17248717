extension NN {
    /// Trainable layer normalization over the last dimension, like `nn.LayerNorm(dim, eps)`; see
    /// ``layerNorm(_:weight:bias:eps:)`` for the formula.
    public final class LayerNorm: Module {
        /// The scale γ `[dim]`, initially ones.
        public let weight: Variable
        /// The shift β `[dim]`, initially zeros.
        public let bias: Variable
        /// Added to the variance.
        public let eps: Float

        /// A layer initialised like `nn.LayerNorm(dim)`: weight 1, bias 0 (no random draws).
        public init(_ dim: Int, eps: Float = 1e-5) {
            weight = Variable(Tensor.ones([dim]), requiresGrad: true)
            bias = Variable(Tensor.zeros([dim]), requiresGrad: true)
            self.eps = eps
        }

        /// The normalized input, `[..., dim]`.
        public func callAsFunction(_ input: Variable) -> Variable {
            layerNorm(input, weight: weight, bias: bias, eps: eps)
        }
    }
}
