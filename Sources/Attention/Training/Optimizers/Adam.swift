import Foundation

/// Adam, like `torch.optim.Adam(params, lr, betas, eps, weight_decay)` with PyTorch's
/// single-tensor (CPU) implementation and its float32 roundings:
///
/// ```
/// t = t + 1
/// g = g + weightDecay·p                          (Adam's coupled L2 penalty, if weightDecay ≠ 0)
/// p = p·(1 − learningRate·weightDecay)           (instead, for AdamW: decoupled decay)
/// m = m + (1 − β₁)·(g − m)                       (exp_avg.lerp_(g, 1 − β₁))
/// v = β₂·v + (1 − β₂)·g²
/// p = p − learningRate/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + eps)
/// ```
/// Each line uses a fused multiply-add where PyTorch's kernel does; the bias corrections are
/// computed in `Double` like PyTorch's Python floats. With IEEE square roots the results stay
/// within about 1e-7 of PyTorch's (whose MKL `sqrt` is sometimes 1 ulp off).
public class Adam: Optimizer {
    /// One parameter's state, like `optimizer.state[p]`.
    public struct State: Sendable, Hashable {
        /// The number of steps taken (PyTorch's `step`).
        public var step: Int
        /// The running average of the gradients, m (PyTorch's `exp_avg`).
        public var expAvg: Tensor
        /// The running average of the squared gradients, v (PyTorch's `exp_avg_sq`).
        public var expAvgSq: Tensor
    }

    public let parameters: [Variable]
    /// The step size (PyTorch's `lr`).
    public var learningRate: Double
    /// The decay rates of the two running averages (PyTorch's `betas`).
    public var betas: (Double, Double)
    /// Added to the denominator for stability (PyTorch's `eps`).
    public var eps: Double
    /// The weight decay: an L2 penalty in the gradient for Adam, a shrinking of the parameters
    /// for AdamW.
    public var weightDecay: Double
    /// Whether weight decay is decoupled from the gradient (AdamW; PyTorch's
    /// `decoupled_weight_decay`).
    public let decoupledWeightDecay: Bool
    /// Each parameter's state, `nil` before its first step.
    public private(set) var states: [State?]

    /// - Parameters: PyTorch's defaults: `lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0`.
    public init(
        _ parameters: [Variable], learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        eps: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.states = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        let (beta1, beta2) = betas
        let oneMinusBeta1 = Float(1 - beta1)
        let (beta2Float, oneMinusBeta2) = (Float(beta2), Float(1 - beta2))
        let (epsFloat, decay, shrink) = (Float(eps), Float(weightDecay), Float(1 - learningRate * weightDecay))
        for (index, parameter) in parameters.enumerated() {
            guard let (gradient, initialValue) = gradientAndValue(of: parameter, "Adam") else { continue }
            var value = initialValue
            let zeros = [Float](repeating: 0, count: value.count)
            var m = states[index]?.expAvg.scalars ?? zeros
            var v = states[index]?.expAvgSq.scalars ?? zeros
            let t = (states[index]?.step ?? 0) + 1
            let biasCorrection1 = 1 - Foundation.pow(beta1, Double(t))
            let biasCorrection2Root = Float(Foundation.pow(1 - Foundation.pow(beta2, Double(t)), 0.5))
            let stepSize = Float(-(learningRate / biasCorrection1))
            for i in value.indices {
                var g = gradient[i]
                if weightDecay != 0 {
                    if decoupledWeightDecay { value[i] *= shrink } else { g = g.addingProduct(value[i], decay) }
                }
                m[i] = m[i].addingProduct(oneMinusBeta1, g - m[i])
                v[i] = (v[i] * beta2Float).addingProduct(oneMinusBeta2 * g, g)
                let denominator = v[i].squareRoot() / biasCorrection2Root + epsFloat
                value[i] = value[i] + (stepSize * m[i]) / denominator
            }
            states[index] = State(
                step: t, expAvg: Tensor(shape: parameter.shape, scalars: m),
                expAvgSq: Tensor(shape: parameter.shape, scalars: v))
            parameter.value = Tensor(shape: parameter.shape, scalars: value)
        }
    }
}

/// Adam with decoupled weight decay, like `torch.optim.AdamW` (PyTorch 2.13: `Adam` with
/// `decoupled_weight_decay=True`): before the Adam update each parameter is multiplied by
/// `1 − learningRate·weightDecay`. PyTorch's defaults: `lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
/// weight_decay=1e-2`, applied to every parameter of the group (biases and norms included).
public final class AdamW: Adam {
    public init(
        _ parameters: [Variable], learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        eps: Double = 1e-8, weightDecay: Double = 1e-2
    ) {
        super.init(
            parameters, learningRate: learningRate, betas: betas, eps: eps, weightDecay: weightDecay,
            decoupledWeightDecay: true)
    }
}
