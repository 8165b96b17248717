import Testing

@testable import Attention

/// The course's worked example ("write a poem", d_model = 2), with the weights PyTorch draws
/// after `torch.manual_seed(42)` taken from the reference file. Printed values are the course's
/// (course-facts.md); the others are checked against torch-reference.json to 1e-5.
@Suite("The course's worked example")
struct CourseTests {
    static let course = Reference.json["course"]
    let encodings = course["encodings"].tensor

    /// The course's three `nn.Linear(2, 2, bias=False)` layers as PyTorch initialised them.
    static var projections: (wQ: Linear, wK: Linear, wV: Linear) {
        let weights = course["self_attention"]
        return (
            Linear(weight: weights["W_q"].tensor), Linear(weight: weights["W_k"].tensor),
            Linear(weight: weights["W_v"].tensor)
        )
    }

    var selfAttention: SelfAttention {
        let p = Self.projections
        return SelfAttention(wQ: p.wQ, wK: p.wK, wV: p.wV)
    }

    @Test func encodingsAreTheCourses() {
        #expect(encodings == Tensor([[1.16, 0.23], [0.57, 1.36], [4.41, -2.16]]))
    }

    @Test func selfAttentionIntermediatesMatchThePrintedTables() {
        let attention = selfAttention
        expectRounded(attention.wQ.weight.T, [[0.5406, -0.1657], [0.5869, 0.6496]], "W_qᵀ")
        expectRounded(attention.wK.weight.T, [[-0.1549, -0.3443], [0.1427, 0.4153]], "W_kᵀ")
        expectRounded(attention.wV.weight.T, [[0.6233, 0.6146], [-0.5188, 0.1323]], "W_vᵀ")
        expectRounded(attention.queries(encodings), [[0.7621, -0.0428], [1.1063, 0.7890], [1.1164, -2.1336]], "q")
        expectRounded(attention.keys(encodings), [[-0.1469, -0.3038], [0.1057, 0.3685], [-0.9914, -2.4152]], "k")
        expectRounded(attention.values(encodings), [[0.6038, 0.7434], [-0.3502, 0.5303], [3.8695, 2.4246]], "v")
        expectRounded(
            attention.similarities(encodings),
            [[-0.0990, 0.0648, -0.6523], [-0.4022, 0.4078, -3.0024], [0.4842, -0.6683, 4.0461]], "sims")
        expectRounded(
            attention.scaledSimilarities(encodings),
            [[-0.0700, 0.0458, -0.4612], [-0.2844, 0.2883, -2.1230], [0.3424, -0.4725, 2.8610]], "scaled sims")
        expectRounded(
            attention.weights(encodings),
            [[0.3573, 0.4011, 0.2416], [0.3410, 0.6047, 0.0542], [0.0722, 0.0320, 0.8959]], "percents")
        expectRounded(attention(encodings), [[1.0100, 1.0641], [0.2040, 0.7057], [3.4989, 2.2427]], "output")
    }

    @Test func selfAttentionMatchesTorch() {
        let reference = Self.course["self_attention"]
        expectClose(selfAttention.weights(encodings), reference["attention_percents"].tensor, "percents")
        expectClose(selfAttention(encodings), reference["output"].tensor, "output")
    }

    @Test func maskedSelfAttentionMatchesThePrintedTablesAndTorch() {
        let p = Self.projections
        let attention = MaskedSelfAttention(wQ: p.wQ, wK: p.wK, wV: p.wV)
        let reference = Self.course["masked_self_attention"]
        let courseMask = reference["mask"].mask  // true = masked, as the course builds it
        #expect(courseMask == Mask([[false, true, true], [false, false, true], [false, false, false]]))
        #expect(courseMask == (Tensor.ones([3, 3]).tril() .== 0))

        expectRounded(
            attention.maskedScaledSimilarities(encodings),
            [[-0.0700, -1e9, -1e9], [-0.2844, 0.2883, -1e9], [0.3424, -0.4725, 2.8610]], "masked scaled sims")
        expectRounded(
            attention.weights(encodings), [[1.0000, 0, 0], [0.3606, 0.6394, 0], [0.0722, 0.0320, 0.8959]],
            "masked percents")
        expectRounded(
            attention(encodings), [[0.6038, 0.7434], [-0.0062, 0.6072], [3.4989, 2.2427]], "masked output")

        expectClose(attention.weights(encodings), reference["attention_percents"].tensor, "masked percents")
        expectClose(attention(encodings), reference["output"].tensor, "masked output")
        // Every way of saying "causal" gives the same result.
        for mask in [AttentionMask.blocked(courseMask), .allowed(Mask.causal(3)), .causal] {
            expectClose(attention(encodings, mask: mask), reference["output"].tensor, "\(mask)")
        }
        // −1e9 added instead of filled gives the same percentages.
        let additive = AttentionMask.additive(Tensor(courseMask) * -1e9)
        expectClose(attention.weights(encodings, mask: additive), reference["attention_percents"].tensor, "additive")
    }

    @Test func crossAttentionMatchesTorch() {
        let p = Self.projections
        let attention = Attention(wQ: p.wQ, wK: p.wK, wV: p.wV)
        let reference = Self.course["cross_attention"]
        let decoder = reference["encodings_for_q"].tensor
        let encoder = reference["encodings_for_k_and_v"].tensor
        #expect(attention.similarities(query: decoder, key: encoder).shape == [3, 4])
        expectClose(
            attention.weights(query: decoder, key: encoder), reference["attention_percents"].tensor, "cross percents")
        expectClose(attention(query: decoder, key: encoder, value: encoder), reference["output"].tensor, "cross output")
        // With the same encodings everywhere it is self-attention.
        expectClose(attention(query: encodings, key: encodings, value: encodings), selfAttention(encodings), "q=k=v")
    }

    @Test func multiHeadWithOneHeadIsSelfAttention() {
        let p = Self.projections
        let heads = MultiHeadAttention(heads: [Attention(wQ: p.wQ, wK: p.wK, wV: p.wV)])
        expectClose(
            heads(query: encodings, key: encodings, value: encodings),
            Self.course["multi_head"].array[0]["output"].tensor, "1 head")
    }

    @Test func multiHeadOutputsAreConcatenatedHeads() {
        let p = Self.projections
        let first = Attention(wQ: p.wQ, wK: p.wK, wV: p.wV)
        let second = Attention(wQ: p.wV, wK: p.wQ, wV: p.wK)
        let mha = MultiHeadAttention(heads: [first, second])
        let output = mha(query: encodings, key: encodings, value: encodings)
        #expect(output.shape == [3, 4])
        let halves = output.split(count: 2, along: 1)
        expectClose(halves[0], first(query: encodings, key: encodings, value: encodings), "head 0")
        expectClose(halves[1], second(query: encodings, key: encodings, value: encodings), "head 1")
        #expect(mha.weights(query: encodings, key: encodings).shape == [2, 3, 3])
        expectClose(
            mha.weights(query: encodings, key: encodings)[1], second.weights(query: encodings, key: encodings),
            "weights 1")
    }

    @Test func batchedInputsUseRowAndColumnDimensions() {
        // The same example as a batch of two identical sequences: tokens along 1, features along 2.
        let p = Self.projections
        let batched = SelfAttention(wQ: p.wQ, wK: p.wK, wV: p.wV, rowDim: 1, colDim: 2)
        let twice = Tensor.stacked([encodings, encodings])
        let output = batched(twice)
        #expect(output.shape == [2, 3, 2])
        expectClose(output[1], selfAttention(encodings), "batch entry 1")
    }
}

/// The same example the way a note builds it: `Generator(seed: 42)` right before each module,
/// as the course calls `torch.manual_seed(42)`.
@Suite("The course's modules drawn from Generator(seed: 42)")
struct SeededCourseTests {
    static let course = Reference.json["course"]
    let encodings = Tensor([[1.16, 0.23], [0.57, 1.36], [4.41, -2.16]])

    @Test func selfAttentionDrawsTheCoursesWeights() {
        var generator = Generator(seed: 42)
        let attention = SelfAttention(dModel: 2, rowDim: 0, colDim: 1, using: &generator)
        let reference = Self.course["self_attention"]
        #expect(attention.wQ.weight == reference["W_q"].tensor)
        #expect(attention.wK.weight == reference["W_k"].tensor)
        #expect(attention.wV.weight == reference["W_v"].tensor)
        #expect(attention.wQ.bias == nil)
        expectRounded(attention.wQ.weight.T, [[0.5406, -0.1657], [0.5869, 0.6496]], "W_qᵀ")
        expectRounded(
            attention.scaledSimilarities(encodings),
            [[-0.0700, 0.0458, -0.4612], [-0.2844, 0.2883, -2.1230], [0.3424, -0.4725, 2.8610]], "scaled sims")
        expectRounded(
            attention.weights(encodings),
            [[0.3573, 0.4011, 0.2416], [0.3410, 0.6047, 0.0542], [0.0722, 0.0320, 0.8959]], "percents")
        expectRounded(attention(encodings), [[1.0100, 1.0641], [0.2040, 0.7057], [3.4989, 2.2427]], "output")
        expectClose(attention(encodings), reference["output"].tensor, "output")
    }

    @Test func maskedSelfAttention() {
        var generator = Generator(seed: 42)
        let attention = MaskedSelfAttention(using: &generator)
        let reference = Self.course["masked_self_attention"]
        expectRounded(
            attention.weights(encodings), [[1.0000, 0, 0], [0.3606, 0.6394, 0], [0.0722, 0.0320, 0.8959]],
            "masked percents")
        expectRounded(
            attention(encodings), [[0.6038, 0.7434], [-0.0062, 0.6072], [3.4989, 2.2427]], "masked output")
        expectClose(attention(encodings), reference["output"].tensor, "masked output")
    }

    @Test func crossAttention() {
        var generator = Generator(seed: 42)
        let attention = Attention(using: &generator)
        let reference = Self.course["cross_attention"]
        let (decoder, encoder) = (reference["encodings_for_q"].tensor, reference["encodings_for_k_and_v"].tensor)
        expectClose(attention(query: decoder, key: encoder, value: encoder), reference["output"].tensor, "cross output")
        expectClose(
            attention(query: encodings, key: encodings, value: encodings),
            Self.course["self_attention"]["output"].tensor, "q=k=v")
    }

    @Test("multi-head attention", arguments: [1, 2, 3])
    func multiHead(numHeads: Int) {
        var generator = Generator(seed: 42)
        let mha = MultiHeadAttention(dModel: 2, rowDim: 0, colDim: 1, numHeads: numHeads, using: &generator)
        let reference = Self.course["multi_head"].array.first { $0["num_heads"].int == numHeads }!
        let output = mha(query: encodings, key: encodings, value: encodings)
        expectClose(output, reference["output"].tensor, "\(numHeads) heads")
        if numHeads == 2 {
            expectRounded(
                output,
                [
                    [1.0100, 1.0641, -0.7081, -0.8268], [0.2040, 0.7057, -0.7417, -0.9193],
                    [3.4989, 2.2427, -0.7190, -0.8447],
                ],
                "2 heads")
        }
    }
}
