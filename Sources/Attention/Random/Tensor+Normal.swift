import Foundation

extension Tensor {
    /// Standard normal samples, like `torch.randn(shape)` on an x86 CPU.
    ///
    /// Same as ``normal(_:mean:std:using:)`` with mean 0 and standard deviation 1; see there for
    /// the two algorithms PyTorch switches between at 16 elements.
    ///
    /// ```swift
    /// var generator = Generator(seed: 0)
    /// Tensor.randn([2], using: &generator).scalars   // [1.5409961, -0.2934289]
    /// ```
    public static func randn(_ shape: [Int], using generator: inout Generator) -> Tensor {
        normal(shape, mean: 0, std: 1, using: &generator)
    }

    /// Normal samples `N(mean, std²)`, like `torch.empty(shape).normal_(mean, std)` on x86.
    ///
    /// PyTorch uses one of two Box–Muller algorithms, chosen by the element count alone:
    ///
    /// - **Fewer than 16 elements:** one element at a time in `Double`. A pair
    ///   `u1, u2` of 53-bit uniforms gives `r = √(−2·log1p(−u2))`, `θ = 2π·u1`; the element is
    ///   `r·cos θ · std + mean`, and `r·sin θ` is cached in the generator for the next element —
    ///   even one requested by a later call. Uses the platform's `log1p`, `sin` and `cos`.
    /// - **16 or more elements:** all elements are first filled with 24-bit uniforms in order;
    ///   then each block of 16 becomes 8 pairs, `u1 = 1 − d[j]`, `u2 = d[j+8]`,
    ///   `d[j] = r·cos θ`, `d[j+8] = r·sin θ` (note the swapped roles), computed in `Float` with
    ///   PyTorch's AVX2 polynomials. If the count is not a multiple of 16, the **last 16**
    ///   elements are drawn afresh and transformed again, overwriting values already produced.
    ///   This consumes `count` draws, plus 16 when `count % 16 != 0`, and leaves the generator's
    ///   cached sample alone.
    ///
    /// - Parameters:
    ///   - shape: the shape of the result, filled in row-major order.
    ///   - mean: the mean (cast to `Float` first on the 16-or-more path, as PyTorch does).
    ///   - std: the standard deviation.
    ///   - generator: the random state to consume.
    /// - Precondition: `std >= 0`.
    ///
    /// Bit-exact with PyTorch 2.15 on x86 with AVX2 or AVX-512. On the small path, `r·cos θ ·
    /// std + mean` is fused like the rest of the AVX2 build; in `Double` that only shows after
    /// rounding to `Float` when `std` is not a power of two, and has not been checked there.
    public static func normal(
        _ shape: [Int], mean: Double = 0, std: Double = 1, using generator: inout Generator
    ) -> Tensor {
        precondition(std >= 0, "normal: expects std >= 0, got \(std)")
        let count = sampleCount(of: shape)
        let scalars: [Float]
        if count >= BlockBoxMuller.blockSize {
            scalars = BlockBoxMuller.samples(
                count: count, mean: Float(mean), std: Float(std), using: &generator)
        } else {
            scalars = (0..<count).map { _ in
                Float(mean.addingProduct(generator.nextStandardNormalDouble(), std))
            }
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}

extension Generator {
    /// One standard normal sample by double-precision Box–Muller, with PyTorch's cache
    /// (`at::normal_distribution<double>`).
    ///
    /// Each fresh pair draws `u1` then `u2`, returns the cosine half and keeps the sine half
    /// for the next call.
    mutating func nextStandardNormalDouble() -> Double {
        if let cached = cachedNormalSample {
            cachedNormalSample = nil
            return cached
        }
        let u1 = nextUnitDouble()
        let u2 = nextUnitDouble()
        let radius = (-2.0 * log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        cachedNormalSample = radius * sin(theta)
        return radius * cos(theta)
    }
}

/// PyTorch's `normal_fill_AVX2`: Box–Muller over blocks of 16 uniforms, in `Float`.
enum BlockBoxMuller {
    static let blockSize = 16

    /// `count` normal samples; see ``Tensor/normal(_:mean:std:using:)`` for the recipe.
    ///
    /// - Precondition: `count >= 16`.
    static func samples(count: Int, mean: Float, std: Float, using generator: inout Generator)
        -> [Float]
    {
        precondition(count >= blockSize, "BlockBoxMuller: needs at least 16 samples, got \(count)")
        var data = (0..<count).map { _ in generator.nextUnitFloat() }
        for start in stride(from: 0, through: count - blockSize, by: blockSize) {
            transformBlock(of: &data, at: start, mean: mean, std: std)
        }
        if count % blockSize != 0 {
            // PyTorch redraws the last 16 values rather than handling a short block.
            let tail = count - blockSize
            for index in tail..<count {
                data[index] = generator.nextUnitFloat()
            }
            transformBlock(of: &data, at: tail, mean: mean, std: std)
        }
        return data
    }

    /// Turns the 16 uniforms `data[start ..< start + 16]` into normals in place
    /// (`normal_fill_16_AVX2`).
    private static func transformBlock(of data: inout [Float], at start: Int, mean: Float, std: Float) {
        let twoPi = Float(2 * Double.pi)
        let half = blockSize / 2
        for j in start..<(start + half) {
            let u1 = 1 - data[j]  // [0, 1) → (0, 1], so the log is finite
            let u2 = data[j + half]
            let radius = (-2 * AVX2MathFunctions.log(u1)).squareRoot()
            let (sine, cosine) = AVX2MathFunctions.sinCos(twoPi * u2)
            // The kernel applies std and mean with an explicit fused multiply-add.
            data[j] = mean.addingProduct(radius * cosine, std)
            data[j + half] = mean.addingProduct(radius * sine, std)
        }
    }
}
