import Foundation
import Testing

@testable import Attention

/// Largest absolute elementwise difference between two tensors of the same shape.
private func maxDifference(_ lhs: Tensor, _ rhs: Tensor) -> Float {
    precondition(lhs.shape == rhs.shape, "maxDifference: shapes \(lhs.shape) and \(rhs.shape)")
    return zip(lhs.scalars, rhs.scalars).map { ($0 - $1).magnitude }.max() ?? 0
}

/// The dot product of two 1-D tensors, in Double so that only the inputs' rounding shows.
private func dot(_ lhs: Tensor, _ rhs: Tensor) -> Double {
    zip(lhs.scalars, rhs.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
}

@Suite("Rotary position embedding")
struct RotaryEmbeddingTests {
    @Test("Frequencies are base^(-2i/d)")
    func frequencies() {
        let rope = RotaryEmbedding(dimensions: 8, base: 10_000)
        let expected = [1, 0.1, 0.01, 0.001]
        for (frequency, value) in zip(rope.frequencies, expected) {
            #expect((frequency - value).magnitude <= 1e-15)
        }
        #expect(rope.frequencies.count == 4)
    }

    // Hand-computed: d = 4, base 10 000 → θ = (1, 0.01); x = (1, 2, 3, 4) at position 1.
    // Half-split pairs (x0, x2) by 1 rad and (x1, x3) by 0.01 rad:
    //   x0' = cos 1 − 3 sin 1, x2' = sin 1 + 3 cos 1, x1' = 2 cos .01 − 4 sin .01, x3' = 2 sin .01 + 4 cos .01.
    @Test("Half-split rotation against a hand-computed case")
    func halfSplitByHand() {
        let rope = RotaryEmbedding(dimensions: 4, style: .halfSplit)
        let x = Tensor([[9, 9, 9, 9], [1, 2, 3, 4]])  // row 1 is at position 1
        let rotated = rope(x)
        let expected: [Float] = [-1.98411065, 1.95990067, 2.46237790, 4.01979967]
        #expect(maxDifference(rotated[1], Tensor(expected)) <= 1e-6)
        #expect(rotated[0] == x[0])  // position 0 is the identity
    }

    // Interleaved pairs (x0, x1) by 1 rad and (x2, x3) by 0.01 rad:
    //   x0' = cos 1 − 2 sin 1, x1' = sin 1 + 2 cos 1, x2' = 3 cos .01 − 4 sin .01, x3' = 3 sin .01 + 4 cos .01.
    @Test("Interleaved rotation against a hand-computed case, via offset")
    func interleavedByHand() {
        let rope = RotaryEmbedding(dimensions: 4, style: .interleaved)
        let rotated = rope(Tensor([[1, 2, 3, 4]]), offset: 1)
        let expected: [Float] = [-1.14263966, 1.92207560, 2.95985067, 4.02979950]
        #expect(maxDifference(rotated, Tensor([expected])) <= 1e-6)
    }

    @Test(
        "⟨R_p q, R_p' k⟩ depends only on p − p'",
        arguments: [RotaryEmbedding.Style.halfSplit, .interleaved])
    func relativePosition(style: RotaryEmbedding.Style) {
        var generator = Generator(seed: 0)
        let rope = RotaryEmbedding(dimensions: 16, style: style)
        let q = Tensor.randn([1, 16], using: &generator)
        let k = Tensor.randn([1, 16], using: &generator)
        func score(_ p: Int, _ pPrime: Int) -> Double {
            dot(rope(q, offset: p), rope(k, offset: pPrime))
        }
        for difference in [0, 1, 3, -2, 17] {
            let reference = score(max(0, -difference), max(0, -difference) + difference)
            for p in [5, 40, 250, 1000] {
                #expect((score(p, p + difference) - reference).magnitude <= 5e-6, "p \(p), p − p' \(-difference)")
            }
        }
        // …and does depend on the difference.
        #expect((score(10, 10) - score(10, 13)).magnitude > 1e-2)
    }

    @Test("Rotation keeps each pair's length, and offset shifts positions")
    func normsAndOffset() {
        var generator = Generator(seed: 1)
        let rope = RotaryEmbedding(dimensions: 8)
        let x = Tensor.randn([2, 3, 6, 8], using: &generator)  // [B, H, L, D]
        let rotated = rope(x, offset: 4)
        for row in 0..<(x.count / 8) {
            let before = x.scalars[(row * 8)..<(row * 8 + 8)]
            let after = rotated.scalars[(row * 8)..<(row * 8 + 8)]
            for i in 0..<4 {  // half-split pairs (i, i + 4)
                let a = Double(before[before.startIndex + i]), b = Double(before[before.startIndex + i + 4])
                let c = Double(after[after.startIndex + i]), d = Double(after[after.startIndex + i + 4])
                #expect(((a * a + b * b).squareRoot() - (c * c + d * d).squareRoot()).magnitude <= 1e-5)
            }
        }
        // Rows 4 ..< 10 of a longer sequence from position 0 equal the same rows given offset 4.
        let longer = Tensor.concatenated([Tensor.zeros([2, 3, 4, 8]), x], along: 2)
        let fromStart = rope(longer).split(sizes: [4, 6], along: 2)[1]
        #expect(fromStart == rotated)
    }

    @Test("Partial rotary leaves the features beyond `dimensions` untouched")
    func partialRotary() {
        var generator = Generator(seed: 2)
        let x = Tensor.randn([5, 10], using: &generator)
        let rotated = RotaryEmbedding(dimensions: 6)(x, offset: 3)
        let parts = rotated.split(sizes: [6, 4], along: -1)
        #expect(parts[1] == x.split(sizes: [6, 4], along: -1)[1])
        #expect(parts[0] != x.split(sizes: [6, 4], along: -1)[0])
    }
}

@Suite("KV cache")
struct KVCacheTests {
    @Test("append concatenates along the sequence and tracks count and offset")
    func appendBookkeeping() {
        var cache = KVCache()
        #expect(cache.count == 0 && cache.offset == 0 && cache.keys == nil)
        let k1 = Tensor.full([2, 3, 4], 1), v1 = Tensor.full([2, 3, 5], 2)
        let k2 = Tensor.full([2, 1, 4], 3), v2 = Tensor.full([2, 1, 5], 4)
        _ = cache.append(keys: k1, values: v1)
        let (keys, values) = cache.append(keys: k2, values: v2)
        #expect(cache.count == 4 && cache.offset == 4)
        #expect(keys == Tensor.concatenated([k1, k2], along: 1))
        #expect(values == Tensor.concatenated([v1, v2], along: 1))
        #expect(cache.keys == keys && cache.values == values)

        // A copy is an independent history.
        var fork = cache
        fork.append(keys: k2, values: v2)
        #expect(fork.count == 5 && cache.count == 4)
    }

    /// Full causal attention over the whole sequence against decoding in chunks with a cache:
    /// RoPE at the cache's offset, keys rotated before caching, lower-right causal mask.
    @Test(
        "Incremental decoding equals full causal attention",
        arguments: [[1, 1, 1, 1, 1, 1, 1], [3, 1, 2, 1], [7], [1, 4, 2]])
    func incrementalEqualsFull(chunks: [Int]) {
        let length = chunks.reduce(0, +)
        var generator = Generator(seed: 5)
        let q = Tensor.randn([2, 2, length, 8], using: &generator)  // [B, H, L, D]
        let k = Tensor.randn([2, 2, length, 8], using: &generator)
        let v = Tensor.randn([2, 2, length, 6], using: &generator)
        let rope = RotaryEmbedding(dimensions: 8)

        let full = scaledDotProductAttention(query: rope(q), key: rope(k), value: v, isCausal: true)

        var cache = KVCache()
        var outputs = [Tensor]()
        let qChunks = q.split(sizes: chunks, along: 2)
        let kChunks = k.split(sizes: chunks, along: 2)
        let vChunks = v.split(sizes: chunks, along: 2)
        for ((qChunk, kChunk), vChunk) in zip(zip(qChunks, kChunks), vChunks) {
            let offset = cache.offset
            let (keys, values) = cache.append(keys: rope(kChunk, offset: offset), values: vChunk)
            let mask = Mask.causal(queries: qChunk.shape[2], keys: keys.shape[2], alignment: .lowerRight)
            outputs.append(
                scaledDotProductAttention(
                    query: rope(qChunk, offset: offset), key: keys, value: values, mask: .allowed(mask)))
        }
        let incremental = Tensor.concatenated(outputs, along: 2)
        #expect(cache.count == length)
        #expect(maxDifference(incremental, full) <= 1e-6)
    }

    @Test("With chunks of more than one token, the upper-left causal mask would be wrong")
    func upperLeftIsWrongForChunks() {
        var generator = Generator(seed: 6)
        let q = Tensor.randn([4, 8], using: &generator)
        let k = Tensor.randn([4, 8], using: &generator)
        let v = Tensor.randn([4, 8], using: &generator)
        let full = scaledDotProductAttention(query: q, key: k, value: v, isCausal: true)
        var cache = KVCache()
        cache.append(keys: k.split(sizes: [2, 2], along: 0)[0], values: v.split(sizes: [2, 2], along: 0)[0])
        let (keys, values) = cache.append(
            keys: k.split(sizes: [2, 2], along: 0)[1], values: v.split(sizes: [2, 2], along: 0)[1])
        let lastTwo = q.split(sizes: [2, 2], along: 0)[1]
        let fullLastTwo = full.split(sizes: [2, 2], along: 0)[1]
        let upperLeft = scaledDotProductAttention(query: lastTwo, key: keys, value: values, isCausal: true)
        let lowerRight = scaledDotProductAttention(
            query: lastTwo, key: keys, value: values,
            mask: .allowed(Mask.causal(queries: 2, keys: 4, alignment: .lowerRight)))
        #expect(maxDifference(lowerRight, fullLastTwo) <= 1e-6)
        #expect(maxDifference(upperLeft, fullLastTwo) > 1e-2)
    }
}

@Suite("Sliding-window and ALiBi attention patterns")
struct AttentionPatternTests {
    @Test("Sliding window: query i sees keys i − W < j ≤ i")
    func slidingWindowSquare() {
        let t = true, f = false
        #expect(
            Mask.slidingWindow(queries: 5, keys: 5, window: 3)
                == Mask([
                    [t, f, f, f, f],
                    [t, t, f, f, f],
                    [t, t, t, f, f],
                    [f, t, t, t, f],
                    [f, f, t, t, t],
                ]))
        #expect(
            Mask.slidingWindow(queries: 4, keys: 4, window: 1)
                == Mask([
                    [t, f, f, f], [f, t, f, f], [f, f, t, f], [f, f, f, t],
                ]))
    }

    @Test("Sliding window is lower-right aligned when there are more keys than queries")
    func slidingWindowLowerRight() {
        let t = true, f = false
        // Two new queries at positions 4 and 5 of a 6-key sequence, window 3.
        #expect(
            Mask.slidingWindow(queries: 2, keys: 6, window: 3)
                == Mask([
                    [f, f, t, t, t, f],
                    [f, f, f, t, t, t],
                ]))
        // A window covering everything is the lower-right causal mask.
        #expect(
            Mask.slidingWindow(queries: 3, keys: 7, window: 7)
                == Mask.causal(queries: 3, keys: 7, alignment: .lowerRight))
    }

    @Test("Sliding-window attention only mixes values inside the window")
    func slidingWindowAttention() {
        var generator = Generator(seed: 8)
        let q = Tensor.randn([6, 4], using: &generator)
        let k = Tensor.randn([6, 4], using: &generator)
        let weights = scaledDotProductAttentionWeights(
            query: q, key: k, mask: .allowed(Mask.slidingWindow(queries: 6, keys: 6, window: 2)))
        for i in 0..<6 {
            for j in 0..<6 where !(j <= i && j > i - 2) {
                #expect(weights[i, j] == 0)
            }
            #expect((weights[i].sum().item - 1).magnitude <= 1e-6)
        }
    }

    @Test("ALiBi slopes for 8 heads are 1/2, 1/4, …, 1/256 (Press et al.)")
    func alibiSlopesPowerOfTwo() {
        #expect(Tensor.alibiSlopes(heads: 8) == [0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625])
        // 16 heads: 2^(-0.5), 2^(-1), …, 2^(-8).
        let sixteen = Tensor.alibiSlopes(heads: 16)
        for (h, slope) in sixteen.enumerated() {
            #expect(slope == Float(pow(2, -0.5 * Double(h + 1))))
        }
        #expect(Tensor.alibiSlopes(heads: 1) == [0.00390625])  // 2^-8
    }

    @Test("ALiBi slopes for a non-power of two take every other slope of the next power")
    func alibiSlopesOtherCounts() {
        // 12 heads: the 8-head slopes, then 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5 from the 16-head ones.
        let twelve = Tensor.alibiSlopes(heads: 12)
        let expected =
            (1...8).map { Float(pow(2, -Double($0))) }
            + [0.5, 1.5, 2.5, 3.5].map { Float(pow(2, -$0)) }
        #expect(twelve == expected)
        // 6 heads: 1/4, 1/16, 1/64, 1/256, then 1/2, 1/8.
        #expect(Tensor.alibiSlopes(heads: 6) == [0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125])
    }

    @Test("ALiBi bias is −m_h·(i − j) on and below the diagonal and −∞ above")
    func alibiBiasFormula() {
        let bias = Tensor.alibiBias(heads: 4, queries: 5, keys: 5)
        #expect(bias.shape == [4, 5, 5])
        let slopes: [Float] = [0.25, 0.0625, 0.015625, 0.00390625]
        for h in 0..<4 {
            for i in 0..<5 {
                for j in 0..<5 {
                    if j <= i {
                        #expect(bias[h, i, j] == -slopes[h] * Float(i - j))
                    } else {
                        #expect(bias[h, i, j] == -.infinity)
                    }
                }
            }
        }
        #expect(bias[0, 3, 3].sign == .plus)  // a clean 0 on the diagonal, not −0
    }

    @Test("ALiBi bias is lower-right aligned when decoding with more keys than queries")
    func alibiBiasLowerRight() {
        let full = Tensor.alibiBias(heads: 2, queries: 6, keys: 6)
        let lastTwo = Tensor.alibiBias(heads: 2, queries: 2, keys: 6)
        #expect(lastTwo == full.split(sizes: [4, 2], along: 1)[1])
    }

    @Test("ALiBi as an additive mask: causal attention penalised by distance")
    func alibiAttention() {
        // With equal scores everywhere, the weights are exactly softmax(−m·(i − j)) over j ≤ i.
        let q = Tensor.zeros([2, 4, 3])  // [H, L, E]
        let k = Tensor.zeros([2, 4, 3])
        let weights = scaledDotProductAttentionWeights(
            query: q, key: k, mask: .additive(Tensor.alibiBias(heads: 2, queries: 4, keys: 4)))
        let slope = Double(Tensor.alibiSlopes(heads: 2)[0])  // 1/16 for 2 heads
        #expect(slope == 0.0625)
        let unnormalised = (0...3).map { exp(-slope * Double(3 - $0)) }
        let total = unnormalised.reduce(0, +)
        for j in 0...3 {
            #expect((Double(weights[0, 3, j]) - unnormalised[j] / total).magnitude <= 1e-6)
        }
        #expect(weights[0, 0, 1] == 0)
    }
}
