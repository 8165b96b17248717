import Foundation
import Testing

@testable import Attention

/// Cases PyTorch 2.15 computed for seeds, sizes and shapes that torch-reference.json does not
/// hold (Fixtures/make_more_reference.py made them), every input drawn from the seeded
/// generator: the random numbers must be PyTorch's bit for bit, the layers within 2e-6.
@Suite("More seeds and shapes than the reference fixture")
struct MoreSeedsAndShapesTests {
    static let reference: [String: JSON] = {
        guard
            let url = Bundle.module.url(
                forResource: "torch-more-reference", withExtension: "json", subdirectory: "Fixtures"),
            case .object(let cases) = try? JSONDecoder().decode(JSON.self, from: Data(contentsOf: url))
        else { fatalError("Fixtures/torch-more-reference.json is missing or unreadable") }
        return cases
    }()

    static let seeds: [UInt64] = [1, 7, 123, (1 << 40) + 5]

    private func expected(_ key: String, _ member: String? = nil) throws -> [Float] {
        let value = try #require(Self.reference[key], "no case \(key)")
        return (member.map { value[$0] } ?? value).array.map { Float($0.number) }
    }

    private func expectBitExact(_ actual: Tensor, _ key: String) throws {
        let want = try expected(key)
        #expect(actual.scalars.map(\.bitPattern) == want.map(\.bitPattern), "\(key)")
    }

    private func expectClose(_ actual: Tensor, _ key: String, _ member: String? = nil) throws {
        let want = try expected(key, member)
        #expect(actual.count == want.count, "\(key)")
        AttentionTests.expectClose(
            actual.reshaped(to: [actual.count]), Tensor(shape: [want.count], scalars: want), rtol: 0, atol: 2e-6, key)
    }

    @Test(arguments: seeds)
    func randomNumbersAreBitExact(seed: UInt64) throws {
        for n in [1, 3, 33, 100] {
            var generator = Generator(seed: seed)
            try expectBitExact(Tensor.rand([n], using: &generator), "rand/\(seed)/\(n)")
        }
        for n in [1, 2, 7, 15, 16, 31, 32, 33, 100, 1000] {
            var generator = Generator(seed: seed)
            try expectBitExact(Tensor.randn([n], using: &generator), "randn/\(seed)/\(n)")
        }
        // Both normal paths in turn, the cached sample carried between calls, a 3-D shape.
        var generator = Generator(seed: seed)
        let sequence = [[3], [5], [20], [4], [2, 3, 4]].map { Tensor.randn($0, using: &generator) }
        try expectBitExact(
            Tensor(shape: [sequence.map(\.count).reduce(0, +)], scalars: sequence.flatMap(\.scalars)),
            "randnseq/\(seed)")
    }

    @Test(arguments: seeds)
    func initialisationIsBitExact(seed: UInt64) throws {
        var generator = Generator(seed: seed)
        let layers = [
            Linear(inFeatures: 7, outFeatures: 5, using: &generator),
            Linear(inFeatures: 1, outFeatures: 1, using: &generator),
            Linear(inFeatures: 10, outFeatures: 3, bias: false, using: &generator),
            Linear(inFeatures: 33, outFeatures: 17, using: &generator),
        ]
        let drawn = layers.flatMap { $0.weight.scalars + ($0.bias?.scalars ?? []) }
        try expectBitExact(Tensor(drawn), "linear/\(seed)")
        func fresh() -> Generator { Generator(seed: seed) }
        var g = fresh()
        try expectBitExact(Tensor.xavierNormal([5, 7], using: &g), "xaviernormal/\(seed)")
        g = fresh()
        try expectBitExact(Tensor.xavierNormal([3, 2], gain: 2, using: &g), "xaviernormal_small/\(seed)")
        g = fresh()
        try expectBitExact(Tensor.kaimingUniform([6, 4], using: &g), "kaiming/\(seed)")
        g = fresh()
        try expectBitExact(Tensor.normal([40], mean: 0.5, std: 2, using: &g), "normal/\(seed)")
        g = fresh()
        try expectBitExact(Tensor.xavierUniform([9, 11], gain: 1.5, using: &g), "xavieruniform/\(seed)")
    }

    @Test(arguments: [(UInt64(5), 12, 3, 4, 6), (11, 16, 4, 5, 5), (2, 6, 1, 3, 7)])
    func multiheadAttentionFromSeededWeightsAndInputs(seed: UInt64, embed: Int, heads: Int, queries: Int, keys: Int)
        throws
    {
        var generator = Generator(seed: seed)
        let layer = PyTorchMultiheadAttention(embedDim: embed, numHeads: heads, using: &generator)
        let query = Tensor.randn([2, queries, embed], using: &generator)
        let keyValue = Tensor.randn([2, keys, embed], using: &generator)
        let (output, weights) = layer(query: query, key: keyValue, value: keyValue, averageWeights: false)
        try expectClose(output, "mha/\(seed)/\(embed)/\(heads)", "out")
        try expectClose(weights, "mha/\(seed)/\(embed)/\(heads)", "w")
    }

    @Test func scaledDotProductAttentionOnSeededInputs() throws {
        let cases: [(UInt64, [Int], [Int], Int, Bool, Float?)] = [
            (3, [2, 6, 4, 5], [2, 2, 7, 5], 3, false, nil),  // grouped-query, 4 queries × 7 keys
            (4, [1, 2, 5, 8], [1, 2, 3, 8], 8, true, nil),  // causal, more queries than keys
            (9, [1, 1, 6, 16], [1, 1, 6, 16], 4, true, 0.3),  // causal with an explicit scale
        ]
        for (seed, queryShape, keyShape, valueWidth, isCausal, scale) in cases {
            var generator = Generator(seed: seed)
            let query = Tensor.randn(queryShape, using: &generator)
            let key = Tensor.randn(keyShape, using: &generator)
            let value = Tensor.randn(Array(keyShape.dropLast()) + [valueWidth], using: &generator)
            let output = scaledDotProductAttention(
                query: query, key: key, value: value, isCausal: isCausal, scale: scale,
                enableGQA: queryShape[1] != keyShape[1])
            try expectClose(output, "sdpa/\(seed)")
        }
    }

    @Test(arguments: [UInt64(0), 7, 2024])
    func theCoursesModulesWithOtherSeeds(seed: UInt64) throws {
        let encodings = Tensor([[1.16, 0.23], [0.57, 1.36], [4.41, -2.16]])
        var g = Generator(seed: seed)
        try expectClose(SelfAttention(dModel: 2, rowDim: 0, colDim: 1, using: &g)(encodings), "course/self/\(seed)")
        g = Generator(seed: seed)
        try expectClose(
            MaskedSelfAttention(dModel: 2, rowDim: 0, colDim: 1, using: &g)(encodings), "course/masked/\(seed)")
        g = Generator(seed: seed)
        let threeHeads = MultiHeadAttention(dModel: 2, rowDim: 0, colDim: 1, numHeads: 3, using: &g)
        try expectClose(threeHeads(query: encodings, key: encodings, value: encodings), "course/mh3/\(seed)")
        g = Generator(seed: seed)
        let wider = Attention(dModel: 4, rowDim: 0, colDim: 1, using: &g)
        let x = Tensor.randn([5, 4], using: &g)
        try expectClose(wider(query: x, key: x, value: x), "course/d4/\(seed)")
    }
}
