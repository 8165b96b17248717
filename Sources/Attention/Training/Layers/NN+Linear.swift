/// The library's inference `Linear`, under a name that the `NN.Linear` below does not shadow.
typealias InferenceLinear = Linear

extension NN {
    /// A trainable fully connected layer, `y = x·Wᵀ + b`, like `nn.Linear(in, out, bias)`.
    ///
    /// The weight is `[out, in]` as in PyTorch.
    public final class Linear: Module {
        /// The weight `[outFeatures, inFeatures]`.
        public let weight: Variable
        /// The bias `[outFeatures]`, or `nil`.
        public let bias: Variable?

        /// A layer initialised like `nn.Linear` after `torch.manual_seed`: weight from
        /// `kaiming_uniform_(a=√5)`, then bias uniform on ±1/√inFeatures (see the library's `Linear`).
        public init(inFeatures: Int, outFeatures: Int, bias: Bool = true, using generator: inout Generator) {
            let layer = InferenceLinear(inFeatures: inFeatures, outFeatures: outFeatures, bias: bias, using: &generator)
            weight = Variable(layer.weight, requiresGrad: true)
            self.bias = layer.bias.map { Variable($0, requiresGrad: true) }
        }

        /// A layer with the given weight `[out, in]` and bias `[out]`.
        ///
        /// - Precondition: as the library's `Linear(weight:bias:)`.
        public init(weight: Tensor, bias: Tensor? = nil) {
            let layer = InferenceLinear(weight: weight, bias: bias)
            self.weight = Variable(layer.weight, requiresGrad: true)
            self.bias = layer.bias.map { Variable($0, requiresGrad: true) }
        }

        /// `x·Wᵀ + b` for input `[..., N, inFeatures]`, giving `[..., N, outFeatures]`.
        ///
        /// - Precondition: the input has at least 2 dimensions and ends in `inFeatures`.
        public func callAsFunction(_ input: Variable) -> Variable {
            check(
                input.shape.last == weight.shape[1],
                "Linear: input of shape \(input.shape) does not end in inFeatures = \(weight.shape[1]) (weight \(weight.shape))"
            )
            let product = matmul(input, weight.T)
            guard let bias else { return product }
            return product + bias
        }
    }
}
