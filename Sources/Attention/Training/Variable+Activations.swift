import Foundation

// The non-linearities of a transformer's feed-forward block, with PyTorch's formulas.

/// Which formula `gelu` uses, like PyTorch's `approximate=` argument.
public enum GELUApproximation: Sendable, Hashable {
    /// `x·Φ(x) = 0.5·x·(1 + erf(x/√2))` (`approximate='none'`, PyTorch's default).
    case none
    /// `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))` (`approximate='tanh'`, GPT-2's).
    case tanh
}

extension Tensor {
    /// `max(x, 0)` elementwise, like `F.relu`.
    public func relu() -> Tensor { map { Swift.max($0, 0) } }

    /// The Gaussian error linear unit elementwise, like `F.gelu(x, approximate=…)`; see
    /// ``GELUApproximation`` for the two formulas.
    public func gelu(approximate: GELUApproximation = .none) -> Tensor {
        switch approximate {
        case .none: map { 0.5 * $0 * (1 + erf($0 * geluInverseSquareRootOfTwo)) }
        case .tanh: map { 0.5 * $0 * (1 + Foundation.tanh(geluTanhArgument($0))) }
        }
    }
}

extension Variable {
    /// `max(x, 0)`, like `F.relu`. The gradient is `g·(x > 0)`: 0 at exactly 0, as in PyTorch.
    public func relu() -> Variable {
        let input = value
        return Variable.result(value.relu(), of: [self]) { gradient in
            [gradient.maskedFill(input .<= 0, with: 0)]
        }
    }

    /// GELU, like `F.gelu(x, approximate=…)`. Derivatives: exact, `Φ(x) + x·φ(x)`; tanh,
    /// `0.5(1 + tanh u) + 0.5x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²)` with
    /// `u = √(2/π)(x + 0.044715x³)`.
    public func gelu(approximate: GELUApproximation = .none) -> Variable {
        let input = value
        return Variable.result(value.gelu(approximate: approximate), of: [self]) { gradient in
            let slope: Tensor
            switch approximate {
            case .none:
                slope = input.map { x in
                    let cdf = 0.5 * (1 + erf(x * geluInverseSquareRootOfTwo))
                    let pdf = Foundation.exp(-0.5 * x * x) * geluInverseSquareRootOfTwoPi
                    return cdf + x * pdf
                }
            case .tanh:
                slope = input.map { x in
                    let t = Foundation.tanh(geluTanhArgument(x))
                    let du = geluSquareRootOfTwoOverPi * (1 + 3 * geluCubicCoefficient * x * x)
                    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du
                }
            }
            return [gradient * slope]
        }
    }
}

private let geluInverseSquareRootOfTwo = Float(1 / 2.0.squareRoot())
private let geluInverseSquareRootOfTwoPi = Float(1 / (2 * Double.pi).squareRoot())
private let geluSquareRootOfTwoOverPi = Float((2 / Double.pi).squareRoot())
private let geluCubicCoefficient: Float = 0.044715

/// `u = √(2/π)·(x + 0.044715·x³)`, the argument of tanh in the approximate GELU.
private func geluTanhArgument(_ x: Float) -> Float {
    geluSquareRootOfTwoOverPi * (x + geluCubicCoefficient * x * x * x)
}
