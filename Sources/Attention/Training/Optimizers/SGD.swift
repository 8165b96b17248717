/// Stochastic gradient descent, like `torch.optim.SGD(params, lr, momentum, dampening,
/// weight_decay, nesterov)` with PyTorch's single-tensor (CPU) implementation, bit for bit:
///
/// ```
/// g = g + weightDecay·p                          (if weightDecay ≠ 0; fused multiply-add)
/// b = g at the first step, else momentum·b + (1 − dampening)·g      (if momentum ≠ 0)
/// g = nesterov ? g + momentum·b : b
/// p = p − learningRate·g                         (fused multiply-add)
/// ```
/// Hyperparameters are `Double`, like PyTorch's Python floats, and rounded to `Float` where
/// PyTorch's kernels round them.
public final class SGD: Optimizer {
    public let parameters: [Variable]
    /// The step size (PyTorch's `lr`, default 1e-3).
    public var learningRate: Double
    /// The momentum factor μ (0: plain SGD).
    public var momentum: Double
    /// The dampening of the momentum (0 by default).
    public var dampening: Double
    /// The L2 penalty added to the gradient (0 by default).
    public var weightDecay: Double
    /// Nesterov momentum (off by default).
    public var nesterov: Bool
    /// Each parameter's momentum buffer, `nil` before its first step or without momentum.
    public private(set) var momentumBuffers: [Tensor?]

    /// - Precondition: `nesterov` needs a positive momentum and zero dampening, as in PyTorch.
    public init(
        _ parameters: [Variable], learningRate: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false
    ) {
        check(
            !nesterov || (momentum > 0 && dampening == 0),
            "SGD: Nesterov momentum requires a momentum and zero dampening")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        self.momentumBuffers = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        let (decay, mu, keep, step) = (
            Float(weightDecay), Float(momentum), Float(1 - dampening), Float(-learningRate)
        )
        for (index, parameter) in parameters.enumerated() {
            guard var (gradient, value) = gradientAndValue(of: parameter, "SGD") else { continue }
            if weightDecay != 0 {
                for i in gradient.indices { gradient[i] = gradient[i].addingProduct(value[i], decay) }
            }
            if momentum != 0 {
                var buffer = momentumBuffers[index]?.scalars ?? gradient
                if momentumBuffers[index] != nil {
                    for i in buffer.indices { buffer[i] = (buffer[i] * mu).addingProduct(gradient[i], keep) }
                }
                momentumBuffers[index] = Tensor(shape: parameter.shape, scalars: buffer)
                if nesterov {
                    for i in gradient.indices { gradient[i] = gradient[i].addingProduct(buffer[i], mu) }
                } else {
                    gradient = buffer
                }
            }
            for i in value.indices { value[i] = value[i].addingProduct(gradient[i], step) }
            parameter.value = Tensor(shape: parameter.shape, scalars: value)
        }
    }
}
