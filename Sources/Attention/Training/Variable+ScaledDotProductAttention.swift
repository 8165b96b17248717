import Foundation

/// `scaledDotProductAttention` on variables, differentiable with respect to query, key and value,
/// like `F.scaled_dot_product_attention(q, k, v, attn_mask=…, is_causal=…)` in training:
///
/// ```
/// W = softmax(Q·Kᵀ · scale + mask)        output = W·V
/// ∂V = Wᵀ·g    ∂W = g·Vᵀ    ∂S = W ⊙ (∂W − Σⱼ ∂Wⱼ·Wⱼ)    ∂Q = ∂S·K·scale    ∂K = ∂Sᵀ·Q·scale
/// ```
/// Blocked keys have weight 0, so they get no gradient.
///
/// The forward pass is the library's `scaledDotProductAttention` (same numbers, same shape
/// checks); the weights are recomputed only when a gradient is needed.
///
/// - Parameters: as `scaledDotProductAttention(query:key:value:mask:isCausal:scale:)`:
///   `[..., L, E]`, `[..., S, E]`, `[..., S, Ev]`; `scale` defaults to `1/√E`.
/// - Returns: `[..., L, Ev]`.
public func scaledDotProductAttention(
    query: Variable, key: Variable, value: Variable, mask: AttentionMask? = nil, isCausal: Bool = false,
    scale: Float? = nil
) -> Variable {
    let output = scaledDotProductAttention(
        query: query.value, key: key.value, value: value.value, mask: mask, isCausal: isCausal, scale: scale)
    return Variable.result(output, of: [query, key, value]) { gradient in
        let weights = scaledDotProductAttentionWeights(
            query: query.value, key: key.value, mask: mask, isCausal: isCausal, scale: scale)
        let factor = scale ?? Float(1 / Foundation.sqrt(Double(query.shape[query.value.rank - 1])))
        let weightGradient = matmul(gradient, value.value.transposed(-2, -1))
        let scoreGradient =
            weights * (weightGradient - (weightGradient * weights).sum(dim: -1, keepingDim: true)) * factor
        return [
            matmul(scoreGradient, key.value).summed(toShape: query.shape),
            matmul(scoreGradient.transposed(-2, -1), query.value).summed(toShape: key.shape),
            matmul(weights.transposed(-2, -1), gradient).summed(toShape: value.shape),
        ]
    }
}
