/// Where the diagonal of a causal mask sits when there are fewer or more queries than keys.
public enum CausalAlignment: Sendable, Hashable {
    /// Query `i` sees keys `j ≤ i`: the diagonal starts at the top-left corner. This is
    /// PyTorch's `is_causal=True` (`tril(ones(L, S))`) and suits a prompt processed from scratch.
    case upperLeft
    /// Query `i` sees keys `j ≤ i + (S − L)`: the diagonal ends at the bottom-right corner, so
    /// the last query sees every key. This is what decoding with a KV cache needs (the new
    /// queries come after `S − L` cached keys), and MLX's `"causal"` mode.
    case lowerRight
}

extension Mask {
    /// The `n × n` causal mask, **true = allowed**: token `i` may look at tokens `0...i`
    /// (true on and below the diagonal), like `torch.tril(torch.ones(n, n, dtype=bool))`.
    ///
    /// ```
    /// Mask.causal(3)   // [[true, false, false], [true, true, false], [true, true, true]]
    /// ```
    /// The course's mask (true = blocked) is its negation, `!Mask.causal(3)`.
    public static func causal(_ n: Int) -> Mask {
        causal(queries: n, keys: n)
    }

    /// The `queries × keys` causal mask, **true = allowed**, with the diagonal placed by
    /// `alignment`: query `i` may see key `j` when `j ≤ i` (`.upperLeft`, PyTorch's
    /// `is_causal`) or `j ≤ i + keys − queries` (`.lowerRight`, for a KV cache).
    ///
    /// - Precondition: `queries >= 0` and `keys >= 0`.
    public static func causal(queries: Int, keys: Int, alignment: CausalAlignment = .upperLeft) -> Mask {
        check(queries >= 0 && keys >= 0, "Mask.causal: negative size (queries \(queries), keys \(keys))")
        let offset = alignment == .upperLeft ? 0 : keys - queries
        var values = [Bool]()
        values.reserveCapacity(queries * keys)
        for query in 0..<queries {
            for key in 0..<keys {
                values.append(key <= query + offset)
            }
        }
        return Mask(shape: [queries, keys], values: values)
    }
}
