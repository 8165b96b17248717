import Testing

@testable import Attention

@Suite("scaledDotProductAttention against F.scaled_dot_product_attention")
struct ScaledDotProductAttentionTests {
    static let cases = Reference.cases("sdpa")

    /// The arguments a reference case passes to PyTorch.
    static func arguments(_ reference: JSON) -> (mask: AttentionMask?, isCausal: Bool, scale: Float?, enableGQA: Bool) {
        var mask: AttentionMask?
        if let allowed = reference.optional("bool_mask") { mask = .allowed(allowed.mask) }
        if let additive = reference.optional("float_mask") { mask = .additive(additive.tensor) }
        return (
            mask, reference.optional("is_causal") != nil, reference.optional("scale").map { Float($0.number) },
            reference.optional("enable_gqa") != nil
        )
    }

    @Test("every reference case", arguments: cases.map { $0["name"].string })
    func matchesTorch(name: String) {
        let reference = Self.cases.first { $0["name"].string == name }!
        let (mask, isCausal, scale, enableGQA) = Self.arguments(reference)
        let output = scaledDotProductAttention(
            query: reference["query"].tensor, key: reference["key"].tensor, value: reference["value"].tensor,
            mask: mask, isCausal: isCausal, scale: scale, enableGQA: enableGQA)
        expectClose(output, reference["output"].tensor, name)
    }

    @Test func fullyMaskedRowGivesZerosNotNaN() {
        let reference = Self.cases.first { $0["name"].string == "bool_mask_empty_row" }!
        let allowed = reference["bool_mask"].mask
        #expect(allowed[0] == Mask([false, false, false, false]))
        let arguments = (query: reference["query"].tensor, key: reference["key"].tensor)
        let weights = scaledDotProductAttentionWeights(
            query: arguments.query, key: arguments.key, mask: .allowed(allowed))
        #expect(weights[0][0][0] == Tensor.zeros([4]))
        expectClose(weights.sum(dim: -1)[0][0], Tensor([0, 1, 1, 1]), "row sums")
        // The same row blocked with an all −inf additive mask is zeroed too…
        let additive = Tensor.zeros([4, 4]).maskedFill(!allowed, with: -.infinity)
        let viaAdditive = scaledDotProductAttentionWeights(
            query: arguments.query, key: arguments.key, mask: .additive(additive))
        #expect(viaAdditive == weights)
        // …but −1e9 is a number, so that row becomes uniform attention.
        let finite = Tensor.zeros([4, 4]).maskedFill(!allowed, with: -1e9)
        let uniform = scaledDotProductAttentionWeights(
            query: arguments.query, key: arguments.key, mask: .additive(finite))
        expectClose(uniform[0][0][0], Tensor.full([4], 0.25), "uniform row")
    }

    @Test func causalFlagEqualsCausalMaskAndAllowedTril() {
        let reference = Self.cases.first { $0["name"].string == "causal_rect" }!
        let (q, k, v) = (reference["query"].tensor, reference["key"].tensor, reference["value"].tensor)
        let expected = reference["output"].tensor
        expectClose(scaledDotProductAttention(query: q, key: k, value: v, mask: .causal), expected, ".causal")
        expectClose(
            scaledDotProductAttention(query: q, key: k, value: v, mask: .allowed(Mask.causal(queries: 3, keys: 5))),
            expected, ".allowed(causal)")
        expectClose(
            scaledDotProductAttention(query: q, key: k, value: v, mask: .blocked(!Mask.causal(queries: 3, keys: 5))),
            expected, ".blocked(!causal)")
        // Lower-right alignment is a different mask when L ≠ S.
        let lowerRight = scaledDotProductAttention(
            query: q, key: k, value: v, mask: .allowed(Mask.causal(queries: 3, keys: 5, alignment: .lowerRight)))
        #expect(!lowerRight.allClose(expected))
    }

    @Test func groupedQueryAttentionEqualsRepeatedHeads() {
        let reference = Self.cases.first { $0["name"].string == "gqa" }!
        let (q, k, v) = (reference["query"].tensor, reference["key"].tensor, reference["value"].tensor)
        #expect(q.shape[1] == 4 && k.shape[1] == 2)
        // Query heads 0, 1 use key/value head 0; heads 2, 3 use head 1.
        let repeated = { (t: Tensor) in Tensor.stacked([t[0][0], t[0][0], t[0][1], t[0][1]]).unsqueezed(at: 0) }
        let explicit = scaledDotProductAttention(query: q, key: repeated(k), value: repeated(v))
        expectClose(scaledDotProductAttention(query: q, key: k, value: v, enableGQA: true), explicit, "gqa")
    }

    @Test func unbatchedMatrixInputs() {
        let q = Tensor([[1, 0], [0, 1], [1, 1]])
        let k = Tensor([[1, 0], [0, 1]])
        let v = Tensor([[10, 0], [0, 10]])
        let weights = scaledDotProductAttentionWeights(query: q, key: k)
        #expect(weights.shape == [3, 2])
        expectClose(weights, (matmul(q, k.T) / Float(2).squareRoot()).softmax(dim: -1), "weights")
        expectClose(scaledDotProductAttention(query: q, key: k, value: v), matmul(weights, v), "output")
    }
}
