// eˣ for eight floats at once, for the softmax inside attention, where calling libm's `expf`
// once per score would cost more than the two matrix products together.
//
// Cephes' `expf` (as in Pommier's `exp256_ps`, the one PyTorch vectorises too): write
// x = n·ln 2 + r with n an integer and |r| ≤ ½ ln 2, approximate eʳ with a degree-7 polynomial
// (about 1 ulp), and multiply by 2ⁿ built directly in the exponent bits. Only adds, multiplies
// and integer shifts: no rounding instruction (SSE2 has none for floats), no table.

/// eˣ for each lane, within about 2 ulp of `Foundation.exp` for x ≥ −87.3; smaller x (and −∞)
/// give exactly 0. Meant for x ≤ 0 (softmax's `score − max`); x is capped at 88.
@inline(__always)
func vectorExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    typealias Vector = SIMD8<Float>
    let lowest: Float = -87.3
    // Compare and select: `clamped(lowerBound:upperBound:)` is not vectorised.
    var clamped = x.replacing(with: lowest, where: x .< Vector(repeating: lowest))
    clamped.replace(with: 88, where: clamped .> Vector(repeating: 88))
    // n = round(x / ln 2): adding 1.5·2²³ pushes the fraction out of the mantissa, rounding to
    // nearest, and leaves n in the low mantissa bits.
    let magic: Float = 12_582_912
    let shifted = clamped * Vector(repeating: 1.442_695_04) + Vector(repeating: magic)
    let n = shifted - Vector(repeating: magic)
    // r = x − n·ln 2, with ln 2 split in two so n·ln2High is exact.
    var r = clamped - n * Vector(repeating: 0.693_359_375)
    r = r - n * Vector(repeating: -2.121_944_4e-4)
    var p = Vector(repeating: 1.987_569_15e-4)
    p = p * r + Vector(repeating: 1.398_199_950_7e-3)
    p = p * r + Vector(repeating: 8.333_451_907_3e-3)
    p = p * r + Vector(repeating: 4.166_579_589_4e-2)
    p = p * r + Vector(repeating: 1.666_666_545_9e-1)
    p = p * r + Vector(repeating: 5.000_000_120_1e-1)
    p = p * (r * r) + r + Vector(repeating: 1)
    // 2ⁿ: the integer n sits in the low bits of `shifted`; move it into the exponent field.
    let nBits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- SIMD8<Int32>(repeating: 0x4B40_0000)
    let twoToN = unsafeBitCast((nBits &+ 127) &<< 23, to: Vector.self)
    return (p * twoToN).replacing(with: 0, where: x .< Vector(repeating: lowest))
}
