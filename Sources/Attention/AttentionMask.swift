/// Which query–key pairs may take part in attention, with the meaning of the mask spelled out.
///
/// PyTorch's boolean masks mean opposite things in different places (`scaled_dot_product_attention`:
/// true = attend; `nn.MultiheadAttention` and `masked_fill`: true = masked out). Here the case
/// says it:
///
/// ```swift
/// .allowed(Mask.causal(3))        // true = may attend  (SDPA's bool attn_mask)
/// .blocked(!Mask.causal(3))       // true = masked out  (the course, MHA's bool masks)
/// .additive(bias)                 // added to the scaled scores (a float attn_mask)
/// .causal                         // query i sees keys j ≤ i (upper-left, PyTorch's is_causal)
/// ```
/// A mask's shape must broadcast to the scores' shape `[..., L, S]`. For a causal mask with the
/// diagonal at the bottom right (KV-cache decoding), use
/// `.allowed(Mask.causal(queries: L, keys: S, alignment: .lowerRight))`.
public enum AttentionMask: Sendable, Hashable {
    /// True where the query may attend to the key.
    case allowed(Mask)
    /// True where the query must not attend to the key.
    case blocked(Mask)
    /// A float mask added to the scaled scores: 0 to allow, `-.infinity` (or a large negative
    /// number) to block, anything else to bias.
    case additive(Tensor)
    /// Query `i` may attend to keys `0...i` (upper-left aligned when queries ≠ keys).
    case causal

    /// True where attention is blocked, for `queries × keys` scores (`nil` for `.additive`).
    func blockedPositions(queries: Int, keys: Int) -> Mask? {
        switch self {
        case .allowed(let mask): !mask
        case .blocked(let mask): mask
        case .causal: !Mask.causal(queries: queries, keys: keys)
        case .additive: nil
        }
    }

    /// The mask as a tensor to add to scores of shape `[..., queries, keys]`: 0 where attention
    /// is allowed and `blockedValue` where it is blocked (or the `.additive` tensor itself).
    func additiveBias(queries: Int, keys: Int, blockedValue: Float = -.infinity) -> Tensor {
        if case .additive(let bias) = self { return bias }
        let blocked = blockedPositions(queries: queries, keys: keys)!
        return Tensor.zeros(blocked.shape).maskedFill(blocked, with: blockedValue)
    }

    /// The scores `[..., queries, keys]` with blocked positions overwritten by `blockedValue`,
    /// like the course's `scaled.masked_fill(mask, -1e9)`; an `.additive` mask is added instead.
    ///
    /// - Precondition: the mask broadcasts to the scores' shape.
    func filling(_ scores: Tensor, blockedWith blockedValue: Float) -> Tensor {
        check(scores.rank >= 2, "attention mask: scores need at least 2 dimensions, got shape \(scores.shape)")
        let (queries, keys) = (scores.shape[scores.rank - 2], scores.shape[scores.rank - 1])
        guard let blocked = blockedPositions(queries: queries, keys: keys) else {
            return addingBias(to: scores)
        }
        return scores.maskedFill(blocked, with: blockedValue)
    }

    /// The scores `[..., queries, keys]` plus `additiveBias` (−∞ where blocked), the way
    /// PyTorch's attention adds its masks.
    ///
    /// - Precondition: the mask broadcasts to the scores' shape.
    func addingBias(to scores: Tensor) -> Tensor {
        check(scores.rank >= 2, "attention mask: scores need at least 2 dimensions, got shape \(scores.shape)")
        let bias = additiveBias(queries: scores.shape[scores.rank - 2], keys: scores.shape[scores.rank - 1])
        check(
            broadcastShape(scores.shape, bias.shape, "attention mask") == scores.shape,
            "attention mask: mask of shape \(bias.shape) does not broadcast to the scores' shape \(scores.shape)")
        return scores + bias
    }
}
