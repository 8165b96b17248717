import Foundation
import Testing

@testable import Attention

/// The fused, streaming attention kernel against the reference definition, on shapes that leave
/// partial query and key tiles, with every kind of mask, grouped-query heads and explicit scales.
@Suite("Fused attention against the reference")
struct FastAttentionTests {
    static func random(_ shape: [Int], seed: UInt64, spread: Float = 2) -> Tensor {
        var generator = Generator(seed: seed)
        return (Tensor.rand(shape, using: &generator) * 2 - 1) * spread
    }

    /// A seeded mask with roughly `fraction` of its entries true.
    static func randomMask(_ shape: [Int], seed: UInt64, fraction: Float = 0.7) -> Mask {
        var generator = Generator(seed: seed)
        let draws = Tensor.rand(shape, using: &generator)
        return Mask(shape: shape, values: draws.scalars.map { $0 < fraction })
    }

    /// Expects the fused kernel (both register blocks) to agree with the reference.
    static func expectAgreement(
        query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask? = nil, isCausal: Bool = false,
        scale: Float? = nil, enableGQA: Bool = false, tolerance: Float = 1e-5, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = scaledDotProductAttentionReference(
            query: query, key: key, value: value, mask: mask, isCausal: isCausal, scale: scale, enableGQA: enableGQA)
        let narrow = fusedScaledDotProductAttention(
            NarrowRegisterBlock.self, query: query, key: key, value: value, mask: mask, isCausal: isCausal,
            scale: scale, enableGQA: enableGQA)
        let wide = fusedScaledDotProductAttention(
            WideRegisterBlock.self, query: query, key: key, value: value, mask: mask, isCausal: isCausal,
            scale: scale, enableGQA: enableGQA)
        guard let narrow, let wide else {
            Issue.record("\(what): the fused kernel declined", sourceLocation: sourceLocation)
            return
        }
        expectClose(narrow, expected, tolerance: tolerance, "\(what) (narrow)", sourceLocation: sourceLocation)
        expectClose(wide, expected, tolerance: tolerance, "\(what) (wide)", sourceLocation: sourceLocation)
        #expect(!narrow.scalars.contains { $0.isNaN }, "\(what): NaN", sourceLocation: sourceLocation)
    }

    /// (batch, heads, queries, keys, depth, value depth): tails of both tile sizes, one-row and
    /// one-key edge cases, a head size that is not a multiple of the register width.
    static let shapes: [[Int]] = [
        [1, 1, 1, 1, 1, 1], [1, 2, 5, 7, 3, 2], [2, 2, 49, 65, 16, 8], [1, 1, 50, 70, 64, 64],
        [1, 1, 47, 70, 33, 17], [3, 1, 50, 13, 8, 40],
    ]

    @Test(arguments: shapes.indices)
    func everyMaskKind(index: Int) {
        let shape = Self.shapes[index]
        let (batch, heads, queries, keys, depth, valueDepth) = (
            shape[0], shape[1], shape[2], shape[3], shape[4], shape[5]
        )
        let seed = UInt64(10 * index)
        let q = Self.random([batch, heads, queries, depth], seed: seed)
        let k = Self.random([batch, heads, keys, depth], seed: seed + 1)
        let v = Self.random([batch, heads, keys, valueDepth], seed: seed + 2)
        let allowed = Self.randomMask([queries, keys], seed: seed + 3)
        let bias = Self.random([heads, 1, keys], seed: seed + 4).maskedFill(
            Self.randomMask([heads, 1, keys], seed: seed + 5, fraction: 0.2), with: -.infinity)
        let name = "\(shape)"
        Self.expectAgreement(query: q, key: k, value: v, name)
        Self.expectAgreement(query: q, key: k, value: v, isCausal: true, "\(name) is_causal")
        Self.expectAgreement(query: q, key: k, value: v, mask: .causal, "\(name) .causal")
        Self.expectAgreement(
            query: q, key: k, value: v,
            mask: .allowed(Mask.causal(queries: queries, keys: keys, alignment: .lowerRight)), "\(name) lower right")
        Self.expectAgreement(query: q, key: k, value: v, mask: .allowed(allowed), "\(name) allowed")
        Self.expectAgreement(query: q, key: k, value: v, mask: .blocked(allowed), "\(name) blocked")
        Self.expectAgreement(query: q, key: k, value: v, mask: .additive(bias), "\(name) additive")
        Self.expectAgreement(query: q, key: k, value: v, scale: -0.3, "\(name) scale −0.3")
    }

    @Test func fullyMaskedRowsAndTilesGiveZeros() {
        let (queries, keys) = (50, 140)
        let q = Self.random([2, queries, 16], seed: 1)
        let k = Self.random([2, keys, 16], seed: 2)
        let v = Self.random([2, keys, 8], seed: 3)
        // Rows 0–9 see nothing; the other rows see only keys 100..<110 (whole key tiles blocked).
        let allowed = Mask(
            shape: [queries, keys],
            values: (0..<queries * keys).map { $0 / keys >= 10 && (100..<110).contains($0 % keys) })
        Self.expectAgreement(query: q, key: k, value: v, mask: .allowed(allowed), "blocked tiles")
        let output = fusedScaledDotProductAttention(
            query: q, key: k, value: v, mask: .allowed(allowed), isCausal: false, scale: nil, enableGQA: false)!
        #expect(output[0].scalars.prefix(10 * 8).allSatisfy { $0 == 0 })
        // Lower-right causal with more queries than keys: the first queries see no key.
        Self.expectAgreement(
            query: q, key: k.split(sizes: [20, keys - 20], along: 1)[0],
            value: v.split(sizes: [20, keys - 20], along: 1)[0],
            mask: .allowed(Mask.causal(queries: queries, keys: 20, alignment: .lowerRight)), "lower right, L > S")
        // −1e9 is a number: such rows attend uniformly.
        let finite = Tensor.zeros([queries, keys]).maskedFill(!allowed, with: -1e9)
        Self.expectAgreement(query: q, key: k, value: v, mask: .additive(finite), "−1e9")
    }

    @Test func groupedQueryHeadsAndScale() {
        let q = Self.random([2, 4, 50, 16], seed: 7)
        let k = Self.random([2, 2, 70, 16], seed: 8)
        let v = Self.random([2, 2, 70, 8], seed: 9)
        Self.expectAgreement(query: q, key: k, value: v, enableGQA: true, "gqa")
        Self.expectAgreement(query: q, key: k, value: v, isCausal: true, scale: 0.05, enableGQA: true, "gqa causal")
        Self.expectAgreement(
            query: q, key: k, value: v, mask: .blocked(Self.randomMask([2, 1, 50, 70], seed: 10)), enableGQA: true,
            "gqa per-batch mask")
    }

    @Test func headsPackedAGroupAtATime() {
        // 2 × 3 key/value heads, GQA groups of 2; packed one head at a time, then two at a time
        // (groups of 2, 2, 2 over the 6 heads).
        let q = Self.random([2, 6, 50, 16], seed: 20)
        let k = Self.random([2, 3, 70, 16], seed: 21)
        let v = Self.random([2, 3, 70, 8], seed: 22)
        let whole = fusedScaledDotProductAttention(
            query: q, key: k, value: v, mask: nil, isCausal: true, scale: nil, enableGQA: true)
        // Packed floats per head: keys padded to whole panels times depth, plus values.
        let headFloats =
            paddedCount(70, toMultipleOf: DefaultRegisterBlock.columns) * 16
            + paddedCount(8, toMultipleOf: DefaultRegisterBlock.columns) * 70
        for budget in [1, 2 * headFloats] {
            let grouped = fusedScaledDotProductAttention(
                query: q, key: k, value: v, mask: nil, isCausal: true, scale: nil, enableGQA: true,
                packingBudget: budget)
            #expect(grouped == whole, "budget \(budget)")
        }
        Self.expectAgreement(query: q, key: k, value: v, isCausal: true, enableGQA: true, "six heads")
    }

    @Test func largeScoresDoNotOverflow() {
        // Scores up to about 2000: the running maximum keeps exp finite. A score that large is
        // only known to about 1e-4 (float's 6e-8 relative), and so are the weights, whichever
        // order either path sums in.
        let q = Self.random([1, 50, 32], seed: 11, spread: 20)
        let k = Self.random([1, 70, 32], seed: 12, spread: 20)
        let v = Self.random([1, 70, 16], seed: 13)
        Self.expectAgreement(query: q, key: k, value: v, tolerance: 1e-4, "large scores")
    }

    @Test func publicFunctionUsesTheKernelForLargeInputsOnly() {
        let q = Self.random([1, 2, 64, 64], seed: 14)
        let (k, v) = (Self.random([1, 2, 64, 64], seed: 15), Self.random([1, 2, 64, 64], seed: 16))
        #expect(64 * 64 * 128 >= fusedAttentionMinimumWork)
        let fused = fusedScaledDotProductAttention(
            query: q, key: k, value: v, mask: nil, isCausal: true, scale: nil, enableGQA: false)
        #expect(scaledDotProductAttention(query: q, key: k, value: v, isCausal: true) == fused)
        // The course's sizes: exactly the reference's numbers.
        let small = (Self.random([3, 2], seed: 17), Self.random([3, 2], seed: 18), Self.random([3, 2], seed: 19))
        #expect(
            scaledDotProductAttention(query: small.0, key: small.1, value: small.2)
                == scaledDotProductAttentionReference(query: small.0, key: small.1, value: small.2))
        // Batch dimensions that broadcast are left to the reference.
        #expect(
            fusedScaledDotProductAttention(
                query: q, key: k.split(count: 2, along: 1)[0], value: v.split(count: 2, along: 1)[0], mask: nil,
                isCausal: false, scale: nil,
                enableGQA: false) == nil)
    }

    @Test func vectorExpMatchesFoundation() {
        var worst: Float = 0
        for start in stride(from: -90, to: 10, by: 0.37) {
            let x = SIMD8<Float>((0..<8).map { Float(start) + Float($0) * 0.041 })
            let y = vectorExp(x)
            for lane in 0..<8 {
                let expected = Foundation.exp(x[lane])
                if x[lane] < -87.3 {
                    #expect(y[lane] == 0)
                } else if expected >= Float.leastNormalMagnitude {
                    worst = max(worst, abs(y[lane] - expected) / expected)
                }
            }
        }
        #expect(worst <= 3 * Float.ulpOfOne, "relative error \(worst)")
        #expect(vectorExp(SIMD8(repeating: -.infinity)) == SIMD8(repeating: 0))
        #expect(vectorExp(SIMD8(repeating: 0)) == SIMD8(repeating: 1))
    }
}
