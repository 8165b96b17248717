import Foundation

/// Layer normalization over the last dimension, like `F.layer_norm(x, (D,), weight, bias, eps)`:
///
/// ```
/// y = (x − μ) / √(σ² + eps) · weight + bias       μ, σ² = mean and biased variance (÷D) of each row
/// ```
/// Gradients, with `x̂ = (x − μ)/√(σ² + eps)` and `ĝ = g·weight`:
/// `∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) / √(σ² + eps)`, `∂weight = Σ g·x̂`, `∂bias = Σ g`.
///
/// The moments are accumulated in `Double`, then everything is `Float`.
///
/// - Parameters:
///   - input: `[..., D]`.
///   - weight: `[D]` (γ), or `nil` for none.
///   - bias: `[D]` (β), or `nil` for none.
///   - eps: added to the variance (PyTorch's default `1e-5`).
/// - Precondition: `input` has at least one dimension and `weight`/`bias` are `[D]`.
public func layerNorm(_ input: Variable, weight: Variable?, bias: Variable?, eps: Float = 1e-5) -> Variable {
    let x = input.value
    check(x.rank >= 1, "layerNorm: input needs at least one dimension, got shape \(x.shape)")
    let width = x.shape[x.rank - 1]
    for (name, parameter) in [("weight", weight), ("bias", bias)] {
        if let parameter {
            check(
                parameter.shape == [width],
                "layerNorm: \(name) of shape \(parameter.shape) does not match the normalized dimension \(width) of input \(x.shape)"
            )
        }
    }
    let rows = x.count / Swift.max(width, 1)
    var normalized = [Float](repeating: 0, count: x.count)
    var inverseDeviations = [Float](repeating: 0, count: rows)
    for row in 0..<rows {
        let line = x.scalars[(row * width)..<((row + 1) * width)]
        let mean = line.reduce(0.0) { $0 + Double($1) } / Double(width)
        let variance = line.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(width)
        let inverseDeviation = 1 / (Float(variance) + eps).squareRoot()
        inverseDeviations[row] = inverseDeviation
        for (feature, element) in line.enumerated() {
            normalized[row * width + feature] = (element - Float(mean)) * inverseDeviation
        }
    }
    let xHat = Tensor(shape: x.shape, scalars: normalized)
    var output = xHat
    if let weight { output = output * weight.value }
    if let bias { output = output + bias.value }
    let operands = [input] + [weight, bias].compactMap { $0 }
    return Variable.result(output, of: operands) { gradient in
        let scaled = weight.map { gradient * $0.value } ?? gradient
        let meanScaled = scaled.mean(dim: -1, keepingDim: true)
        let meanScaledTimesXHat = (scaled * xHat).mean(dim: -1, keepingDim: true)
        let deviations = Tensor(shape: Array(x.shape.dropLast()) + [1], scalars: inverseDeviations)
        var gradients: [Tensor?] = [(scaled - meanScaled - xHat * meanScaledTimesXHat) * deviations]
        if weight != nil { gradients.append((gradient * xHat).summed(toShape: [width])) }
        if bias != nil { gradients.append(gradient.summed(toShape: [width])) }
        return gradients
    }
}
