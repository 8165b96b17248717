import Foundation

// Attention patterns of modern language models beyond the plain causal mask: local (sliding
// window) attention and ALiBi's distance penalty. Both are lower-right aligned like
// `Mask.causal(…, alignment: .lowerRight)`: with `keys > queries` the queries are taken to be
// the last `queries` positions of the sequence, as when decoding with a KV cache.

extension Mask {
    /// The causal sliding-window (local attention) mask, **true = allowed**: each query sees
    /// itself and the `window − 1` keys before it.
    ///
    /// Query `i` sits at position `p = i + keys − queries` and may see key `j` iff
    /// `p − window < j ≤ p`. Used by Longformer's local attention and Mistral. Implementations
    /// disagree on the edge; here `window` counts the query's own position, so `window = 1` is
    /// the diagonal and `window >= keys` is the plain lower-right causal mask.
    ///
    /// ```
    /// Mask.slidingWindow(queries: 4, keys: 4, window: 2)
    /// // [[T, F, F, F],
    /// //  [T, T, F, F],
    /// //  [F, T, T, F],
    /// //  [F, F, T, T]]
    /// ```
    ///
    /// - Precondition: `queries >= 0`, `keys >= 0`, `window >= 1`.
    public static func slidingWindow(queries: Int, keys: Int, window: Int) -> Mask {
        precondition(
            queries >= 0 && keys >= 0,
            "Mask.slidingWindow: negative size (queries \(queries), keys \(keys))")
        precondition(window >= 1, "Mask.slidingWindow: window must be >= 1, got \(window)")
        let offset = keys - queries
        var values = [Bool]()
        values.reserveCapacity(queries * keys)
        for query in 0..<queries {
            let position = query + offset
            for key in 0..<keys {
                values.append(key <= position && key > position - window)
            }
        }
        return Mask(shape: [queries, keys], values: values)
    }
}

extension Tensor {
    /// ALiBi's head slopes `m_h` (Press et al., "Train Short, Test Long", arXiv:2108.12409).
    ///
    /// For `n` heads, `n` a power of two, the slopes are the geometric sequence
    /// `m_h = 2^(−8h/n)` for `h = 1 … n`: 8 heads give 1/2, 1/4, …, 1/256. Otherwise, with
    /// `c = 2^⌊log₂ n⌋`, they are the `c` slopes for `c` heads followed by every other slope for
    /// `2c` heads (`[0::2]`), the first `n − c` of them — the rule of the official code.
    ///
    /// - Precondition: `heads >= 1`.
    public static func alibiSlopes(heads: Int) -> [Float] {
        precondition(heads >= 1, "alibiSlopes: heads must be >= 1, got \(heads)")
        func powerOfTwoSlopes(_ n: Int) -> [Float] {
            (1...n).map { Float(pow(2.0, -8.0 * Double($0) / Double(n))) }
        }
        let closestPowerOfTwo = 1 << (Int.bitWidth - 1 - heads.leadingZeroBitCount)
        if closestPowerOfTwo == heads { return powerOfTwoSlopes(heads) }
        let interleaved = powerOfTwoSlopes(2 * closestPowerOfTwo).enumerated()
            .filter { $0.offset % 2 == 0 }.map(\.element)
        return powerOfTwoSlopes(closestPowerOfTwo) + interleaved.prefix(heads - closestPowerOfTwo)
    }

    /// ALiBi's additive attention bias `[heads, queries, keys]`, causal and lower-right aligned.
    ///
    /// Query `i` sits at position `p = i + keys − queries`. For head `h` with slope `m_h`
    /// (``alibiSlopes(heads:)``):
    ///
    /// ```
    /// bias[h, i, j] = −m_h · (p − j)   for j ≤ p      (0 on the diagonal, more negative further back)
    ///               = −∞               for j > p      (the future is masked)
    /// ```
    ///
    /// Add it to the scaled scores before the softmax — e.g. pass it as the float (additive)
    /// mask of scaled dot-product attention — and use no position embeddings. Because softmax
    /// ignores a constant per row, implementations that add `m_h · j` instead are equivalent.
    ///
    /// - Precondition: `heads >= 1`, `queries >= 0`, `keys >= 0`.
    public static func alibiBias(heads: Int, queries: Int, keys: Int) -> Tensor {
        precondition(
            queries >= 0 && keys >= 0,
            "alibiBias: negative size (queries \(queries), keys \(keys))")
        let slopes = alibiSlopes(heads: heads)
        let offset = keys - queries
        var scalars = [Float]()
        scalars.reserveCapacity(heads * queries * keys)
        for slope in slopes {
            for query in 0..<queries {
                let position = query + offset
                for key in 0..<keys {
                    scalars.append(key <= position ? Float(key - position) * slope : -.infinity)
                }
            }
        }
        return Tensor(shape: [heads, queries, keys], scalars: scalars)
    }
}
