import Foundation

/// The sinusoidal position encodings of "Attention Is All You Need" (§3.5), one row per
/// position, interleaving sine and cosine:
///
/// ```
/// PE[pos, 2i]   = sin(pos / 10000^(2i/dModel))
/// PE[pos, 2i+1] = cos(pos / 10000^(2i/dModel))
/// ```
/// Added to the word embeddings, they let attention tell "Squatch eats pizza" from "Pizza eats
/// Squatch". Computed in double precision like the usual PyTorch code
/// (`exp(arange(0, d, 2) · −ln(10000)/d)`), then stored as `Float`.
///
/// ```swift
/// positionalEncoding(maxLength: 3, dModel: 2)   // [[0, 1], [0.8415, 0.5403], [0.9093, -0.4161]]
/// ```
/// - Returns: `[maxLength, dModel]`.
/// - Precondition: `maxLength >= 0` and `dModel >= 1`.
public func positionalEncoding(maxLength: Int, dModel: Int) -> Tensor {
    check(
        maxLength >= 0 && dModel >= 1,
        "positionalEncoding: needs maxLength ≥ 0 and dModel ≥ 1, got maxLength \(maxLength), dModel \(dModel)")
    var scalars = [Float]()
    scalars.reserveCapacity(maxLength * dModel)
    for position in 0..<maxLength {
        for feature in 0..<dModel {
            let pair = feature / 2
            let frequency = exp(Double(2 * pair) * (-log(10000.0) / Double(dModel)))
            let angle = Double(position) * frequency
            scalars.append(Float(feature.isMultiple(of: 2) ? sin(angle) : cos(angle)))
        }
    }
    return Tensor(shape: [maxLength, dModel], scalars: scalars)
}
