/// The keys and values of the tokens seen so far, for incremental (autoregressive) decoding.
///
/// A decoder generating token by token would recompute the keys and values of the whole
/// prefix at every step; they never change, so they are kept instead. Each step:
///
/// 1. project the `L` new tokens to queries, keys and values;
/// 2. rotate queries and keys with RoPE at `offset: cache.offset` (keys are cached rotated);
/// 3. `append` the new keys and values and attend with **all** of them;
/// 4. for `L > 1`, mask with a **lower-right** aligned causal mask
///    (`Mask.causal(queries: L, keys: cache.count, alignment: .lowerRight)`): new token `t`
///    sits at position `offset + t` and may see keys `0 ... offset + t`. For `L = 1` no mask
///    is needed.
///
/// ```swift
/// var cache = KVCache()
/// let (keys, values) = cache.append(keys: k, values: v)   // [B, H, P + L, D]
/// ```
///
/// The sequence runs along the second-to-last dimension, as in `[B, H, S, D]`, `[H, S, D]` or
/// `[S, D]`. `KVCache` is a value type: copying it forks the history (handy for trying two
/// continuations). Use one cache per layer.
public struct KVCache: Sendable, Hashable {
    /// The cached keys `[..., count, D]`, or `nil` before the first `append`.
    public private(set) var keys: Tensor?
    /// The cached values `[..., count, Dv]`, or `nil` before the first `append`.
    public private(set) var values: Tensor?

    /// An empty cache.
    public init() {}

    /// The number of cached positions.
    public var count: Int {
        keys.map { $0.shape[$0.rank - 2] } ?? 0
    }

    /// The position of the next token to be appended: the `offset` for RoPE and for the
    /// lower-right causal mask. Equal to ``count``.
    public var offset: Int { count }

    /// Appends the keys and values of new tokens and returns all keys and values so far.
    ///
    /// - Parameters:
    ///   - keys: `[..., L, D]`, already rotated if RoPE is used.
    ///   - values: `[..., L, Dv]`.
    /// - Returns: the cached keys `[..., count, D]` and values `[..., count, Dv]`, new ones last.
    /// - Precondition: `keys` and `values` have at least 2 dimensions, the same leading
    ///   dimensions and the same `L`; and they match the shapes cached so far apart from `L`.
    @discardableResult
    public mutating func append(keys newKeys: Tensor, values newValues: Tensor) -> (keys: Tensor, values: Tensor) {
        precondition(
            newKeys.rank >= 2 && newValues.rank == newKeys.rank
                && newKeys.shape.dropLast() == newValues.shape.dropLast(),
            "KVCache.append: keys \(newKeys.shape) and values \(newValues.shape) must be [..., L, D] and [..., L, Dv] with the same leading sizes and L"
        )
        guard let cachedKeys = keys, let cachedValues = values else {
            keys = newKeys
            values = newValues
            return (newKeys, newValues)
        }
        precondition(
            Self.sameExceptSequence(cachedKeys.shape, newKeys.shape)
                && Self.sameExceptSequence(cachedValues.shape, newValues.shape),
            "KVCache.append: new keys \(newKeys.shape) / values \(newValues.shape) do not match the cached \(cachedKeys.shape) / \(cachedValues.shape) outside the sequence dimension"
        )
        let allKeys = Tensor.concatenated([cachedKeys, newKeys], along: -2)
        let allValues = Tensor.concatenated([cachedValues, newValues], along: -2)
        keys = allKeys
        values = allValues
        return (allKeys, allValues)
    }

    /// Whether two shapes agree everywhere but the sequence dimension (second to last).
    private static func sameExceptSequence(_ lhs: [Int], _ rhs: [Int]) -> Bool {
        lhs.count == rhs.count && lhs.dropLast(2) == rhs.dropLast(2) && lhs.last == rhs.last
    }
}
