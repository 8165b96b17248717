/// The single-precision `log` and `sincos` that PyTorch's x86 `randn` uses, rounding for rounding.
///
/// PyTorch's AVX2 normal kernel does not call libm: it uses `log256_ps` and `sincos256_ps` from
/// `aten/src/ATen/native/cpu/avx_mathfun.h` (Pommier's and Garberoglio's vector versions of the
/// Cephes `logf`/`sinf`/`cosf` polynomials). This is a scalar reimplementation of one lane.
///
/// Bit-exactness depends on more than the constants: GCC compiles that file with
/// `-ffp-contract=fast` and `-mfma`, which fuses some multiply–add pairs into single-rounding FMAs.
/// The comments mark each place; the pattern was identified against PyTorch 2.15 on x86-64
/// (see `pytorch-semantics.md` §2.4). Swift itself never contracts `a * b + c`, so every
/// unfused step below really rounds twice.
enum AVX2MathFunctions {
    // The constants of avx_mathfun.h. Each Swift literal rounds to the same Float as the C
    // source's double literal converted to float (checked bit pattern by bit pattern).
    private static let sqrtHalf: Float = 0.707106781186547524
    /// The coefficients p0 … p8 of the log polynomial, highest degree first.
    private static let logPolynomial: [Float] = [
        7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1,
        -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1,
    ]
    /// ln 2 split in two, `q2 + q1 ≈ ln 2`, so that `e * q2` is exact.
    private static let logQ1: Float = -2.12194440e-4
    private static let logQ2: Float = 0.693359375

    /// π/4 split in three parts for Cody–Waite argument reduction.
    private static let minusDP1: Float = -0.78515625
    private static let minusDP2: Float = -2.4187564849853515625e-4
    private static let minusDP3: Float = -3.77489497744594108e-8
    private static let sinP0: Float = -1.9515295891E-4
    private static let sinP1: Float = 8.3321608736E-3
    private static let sinP2: Float = -1.6666654611E-1
    private static let cosP0: Float = 2.443315711809948E-005
    private static let cosP1: Float = -1.388731625493765E-003
    private static let cosP2: Float = 4.166664568298827E-002
    private static let fourOverPi: Float = 1.27323954473516

    /// The natural logarithm as `log256_ps` computes it.
    ///
    /// Returns a NaN (all bits set) for `x <= 0`; subnormal inputs are treated as the smallest
    /// normal float.
    static func log(_ input: Float) -> Float {
        if input <= 0 { return Float(bitPattern: 0xffff_ffff) }
        // `_mm256_max_ps(x, min_norm_pos)` returns its second operand when x is NaN.
        let clamped = input > Float.leastNormalMagnitude ? input : Float.leastNormalMagnitude

        // Split x = m · 2^e with the mantissa m in [0.5, 1).
        let bits = clamped.bitPattern
        var e = Float(Int32(bitPattern: bits >> 23) - 0x7f) + 1
        var x = Float(bitPattern: (bits & ~0x7f80_0000) | Float(0.5).bitPattern)

        // Move m to [√½, √2) and subtract 1, so the polynomial sees a value near 0.
        let isBelowSqrtHalf = x < sqrtHalf
        let extra: Float = isBelowSqrtHalf ? x : 0
        x = x - 1
        e = e - (isBelowSqrtHalf ? 1 : 0)
        x = x + extra

        let z = x * x
        // Horner steps `y = y * x + p` are all fused.
        var y = logPolynomial[0]
        for coefficient in logPolynomial.dropFirst() {
            y = coefficient.addingProduct(y, x)
        }
        y = y * x
        // `y * z + e * q1`: the first product in program order is the one fused.
        y = (e * logQ1).addingProduct(y, z)
        y = y.addingProduct(-z, 0.5)  // fused, though z * 0.5 is exact anyway
        // `x + y + e * q2`: the sum is rounded, then the product fused into the final add.
        return (x + y).addingProduct(e, logQ2)
    }

    /// Sine and cosine together, as `sincos256_ps` computes them.
    ///
    /// - Precondition: `|x| * 4/π < 2^31` (the vector code has no reduction for larger
    ///   arguments; `randn` only passes angles in [0, 2π)).
    static func sinCos(_ input: Float) -> (sin: Float, cos: Float) {
        var x = input.magnitude
        var sinSign = input.bitPattern & 0x8000_0000

        // Octant j (rounded up to even) and the reduced argument x − j·π/4.
        let scaled = x * fourOverPi
        precondition(scaled < 0x1p31, "sinCos: argument \(input) is too large")
        var octant = Int32(scaled)  // truncation, like _mm256_cvttps_epi32
        octant = (octant &+ 1) & ~1
        let y = Float(octant)
        sinSign ^= UInt32(bitPattern: octant & 4) << 29
        let cosSign = UInt32(bitPattern: ~(octant &- 2) & 4) << 29
        let sinUsesSinePolynomial = (octant & 2) == 0

        // Cody–Waite reduction; each `x + y * (−DPk)` is fused.
        x = x.addingProduct(y, minusDP1)
        x = x.addingProduct(y, minusDP2)
        x = x.addingProduct(y, minusDP3)

        let z = x * x
        // cos(x) ≈ 1 − z/2 + z²·P(z) on [0, π/4].
        var cosine = cosP1.addingProduct(cosP0, z)
        cosine = cosP2.addingProduct(cosine, z)
        cosine = cosine * z
        cosine = (-(z * 0.5)).addingProduct(cosine, z)  // `y * z − z * 0.5`, first product fused
        cosine = cosine + 1  // not fused
        // sin(x) ≈ x + x·z·Q(z) on [0, π/4].
        var sine = sinP1.addingProduct(sinP0, z)
        sine = sinP2.addingProduct(sine, z)
        sine = sine * z
        sine = x.addingProduct(sine, x)

        // The vector code selects with bit masks and adds the unselected lane as +0, which
        // turns a −0 result into +0; these additions keep that behaviour.
        let sinFromSine: Float = sinUsesSinePolynomial ? sine : 0
        let sinFromCosine: Float = sinUsesSinePolynomial ? 0 : cosine
        let cosFromSine = sine - sinFromSine
        let cosFromCosine = cosine - sinFromCosine
        let sinValue = sinFromCosine + sinFromSine
        let cosValue = cosFromCosine + cosFromSine
        return (
            sin: Float(bitPattern: sinValue.bitPattern ^ sinSign),
            cos: Float(bitPattern: cosValue.bitPattern ^ cosSign)
        )
    }
}
