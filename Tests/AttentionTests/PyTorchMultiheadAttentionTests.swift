import Testing

@testable import Attention

@Suite("PyTorchMultiheadAttention against nn.MultiheadAttention")
struct PyTorchMultiheadAttentionTests {
    static let cases = Reference.cases("multihead_attention")

    static func module(_ reference: JSON) -> PyTorchMultiheadAttention {
        PyTorchMultiheadAttention(
            inProjWeight: reference["in_proj_weight"].tensor, inProjBias: reference.optional("in_proj_bias")?.tensor,
            outProjWeight: reference["out_proj_weight"].tensor,
            outProjBias: reference.optional("out_proj_bias")?.tensor,
            numHeads: reference["num_heads"].int)
    }

    /// The masks the reference case passed: a key padding mask (true = ignore) and, for the
    /// causal case, `generate_square_subsequent_mask(L)` as a float mask.
    static func masks(_ reference: JSON) -> (padding: Mask?, attention: AttentionMask?) {
        let padding = reference.optional("key_padding_mask_true_means_ignore")?.mask
        guard reference.optional("causal") != nil else { return (padding, nil) }
        let length = reference["query"].tensor.shape[1]
        return (padding, .additive(Tensor.full([length, length], -.infinity).triu(diagonal: 1)))
    }

    @Test("every reference case", arguments: cases.indices)
    func matchesTorch(index: Int) {
        let reference = Self.cases[index]
        let mha = Self.module(reference)
        let query = reference["query"].tensor
        let keyValue = reference["key_value"].tensor
        let (padding, attention) = Self.masks(reference)

        let averaged = mha(
            query: query, key: keyValue, value: keyValue, keyPaddingMask: padding, attentionMask: attention)
        expectClose(averaged.output, reference["output"].tensor, "case \(index) output")
        expectClose(averaged.weights, reference["averaged_weights"].tensor, "case \(index) averaged weights")

        let perHead = mha(
            query: query, key: keyValue, value: keyValue, keyPaddingMask: padding, attentionMask: attention,
            averageWeights: false)
        #expect(perHead.weights.shape == [2, mha.numHeads, query.shape[1], keyValue.shape[1]])
        expectClose(perHead.weights, reference["per_head_weights"].tensor, "case \(index) per-head weights")
        expectClose(perHead.output, averaged.output, "case \(index) output without averaging")
    }

    @Test func causalCaseAlsoWorksWithTheCausalMaskCase() {
        let reference = Self.cases[2]
        #expect(reference.optional("causal") != nil)
        let mha = Self.module(reference)
        let (query, keyValue) = (reference["query"].tensor, reference["key_value"].tensor)
        let result = mha(query: query, key: keyValue, value: keyValue, attentionMask: .causal)
        expectClose(result.output, reference["output"].tensor, "output")
        // MHA's boolean masks mean true = blocked: that is `.blocked`.
        let viaBool = mha(query: query, key: keyValue, value: keyValue, attentionMask: .blocked(!Mask.causal(5)))
        expectClose(viaBool.weights, reference["averaged_weights"].tensor, "weights")
    }

    @Test func unbatchedInputDropsTheBatchDimension() {
        let reference = Self.cases[1]
        let mha = Self.module(reference)
        let (query, keyValue) = (reference["query"].tensor, reference["key_value"].tensor)
        let padding = reference["key_padding_mask_true_means_ignore"].mask
        let single = mha(
            query: query[0], key: keyValue[0], value: keyValue[0], keyPaddingMask: Mask(Array(padding.values.prefix(5)))
        )
        #expect(single.output.shape == [3, 8])
        #expect(single.weights.shape == [3, 5])
        expectClose(single.output, reference["output"].tensor[0], "output")
        expectClose(single.weights, reference["averaged_weights"].tensor[0], "weights")
        let perHead = mha(query: query[0], key: keyValue[0], value: keyValue[0], averageWeights: false)
        #expect(perHead.weights.shape == [4, 3, 5])
    }

    @Test func paddedKeysGetNoWeight() {
        let reference = Self.cases[1]
        let weights = Self.module(reference)(
            query: reference["query"].tensor, key: reference["key_value"].tensor, value: reference["key_value"].tensor,
            keyPaddingMask: reference["key_padding_mask_true_means_ignore"].mask
        ).weights
        // Sequence 0 ignores its last two keys, sequence 1 its last one.
        #expect(weights[0].transposed(0, 1)[3] == Tensor.zeros([3]))
        #expect(weights[0].transposed(0, 1)[4] == Tensor.zeros([3]))
        #expect(weights[1].transposed(0, 1)[4] == Tensor.zeros([3]))
        #expect(weights[1].transposed(0, 1)[3] != Tensor.zeros([3]))
    }
}

@Suite("PyTorchMultiheadAttention drawn from Generator(seed: 99)")
struct SeededPyTorchMultiheadAttentionTests {
    /// The reference script seeds once, then for each case builds the module and draws the
    /// query and key/value with randn: replaying that sequence reproduces every case.
    @Test func initialisationAndInputsReplayTheReferenceScript() {
        var generator = Generator(seed: 99)
        for (index, reference) in PyTorchMultiheadAttentionTests.cases.enumerated() {
            let mha = PyTorchMultiheadAttention(
                embedDim: reference["embed_dim"].int, numHeads: reference["num_heads"].int,
                bias: reference["bias"] == .bool(true), using: &generator)
            let query = Tensor.randn(reference["query"].tensor.shape, using: &generator)
            let keyValue = Tensor.randn(reference["key_value"].tensor.shape, using: &generator)
            #expect(mha.inProjWeight == reference["in_proj_weight"].tensor, "case \(index) in_proj_weight")
            #expect(mha.outProj.weight == reference["out_proj_weight"].tensor, "case \(index) out_proj.weight")
            #expect(mha.inProjBias == reference.optional("in_proj_bias")?.tensor, "case \(index) in_proj_bias")
            #expect(mha.outProj.bias == reference.optional("out_proj_bias")?.tensor, "case \(index) out_proj.bias")
            #expect(query == reference["query"].tensor, "case \(index) query")
            let (padding, attention) = PyTorchMultiheadAttentionTests.masks(reference)
            let result = mha(
                query: query, key: keyValue, value: keyValue, keyPaddingMask: padding, attentionMask: attention)
            expectClose(result.output, reference["output"].tensor, "case \(index) output")
        }
    }
}
