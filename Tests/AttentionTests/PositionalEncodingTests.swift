import Testing

@testable import Attention

@Suite("Positional encoding")
struct PositionalEncodingTests {
    @Test("matches the PyTorch tutorial code", arguments: Reference.cases("positional_encoding").indices)
    func matchesTorch(index: Int) {
        let reference = Reference.cases("positional_encoding")[index]
        let encoding = positionalEncoding(maxLength: reference["max_len"].int, dModel: reference["d_model"].int)
        expectClose(
            encoding, reference["values"].tensor, tolerance: 1e-7,
            "PE \(reference["max_len"].int)×\(reference["d_model"].int)")
    }

    @Test func interleavesSineAndCosine() {
        let encoding = positionalEncoding(maxLength: 3, dModel: 2)
        expectClose(
            encoding, Tensor([[0, 1], [0.84147098, 0.54030231], [0.90929743, -0.41614684]]), tolerance: 1e-7, "PE 3×2")
        #expect(positionalEncoding(maxLength: 6, dModel: 5).shape == [6, 5])
    }
}
