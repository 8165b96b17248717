import Foundation

/// Attention as PyTorch's `torch.nn.functional.scaled_dot_product_attention` computes it
/// (inference: no dropout):
///
/// ```
/// output = softmax(Q·Kᵀ · scale + bias) · V
/// ```
/// - Parameters:
///   - query: `[..., L, E]` — e.g. `[N, H, L, E]` for N sequences of H heads, or just `[L, E]`.
///   - key: `[..., S, E]`.
///   - value: `[..., S, Ev]`.
///   - mask: which keys each query may see; must broadcast to `[..., L, S]`. `.allowed(m)` is
///     SDPA's boolean `attn_mask` (true = take part), `.additive(t)` its float one.
///   - isCausal: PyTorch's `is_causal`: query `i` sees keys `j ≤ i` (upper-left aligned).
///   - scale: the factor for `Q·Kᵀ`; `nil` means `1/√E` (E = the query's last dimension).
///   - enableGQA: grouped-query attention: `Hq` query heads share `H` key/value heads
///     (dimension −3); query head `h` uses key/value head `h / (Hq/H)`.
/// - Returns: `[..., L, Ev]`.
///
/// Follows PyTorch's math path: `q` and `k` are each multiplied by `√scale` before the
/// product, blocked positions become −∞, and the softmax is PyTorch's "safe" softmax — a query
/// whose keys are *all* blocked gets weights of 0 and an output of 0 (not NaN), as in
/// PyTorch since 2024. Results match PyTorch to about 1e-6.
///
/// Large inputs take a fused, streaming kernel (FlashAttention's tiling and online softmax, see
/// `fusedScaledDotProductAttention`) that never forms the `L × S` weights, so memory stays
/// O(L·E); it agrees with the definition below to float rounding. Small inputs, such as the
/// course's, use the definition itself, `scaledDotProductAttentionReference`.
///
/// - Precondition: `mask` and `isCausal` are not both given (PyTorch: "Explicit attn_mask
///   should not be set when is_causal=True"); the shapes agree as described.
public func scaledDotProductAttention(
    query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask? = nil, isCausal: Bool = false,
    scale: Float? = nil, enableGQA: Bool = false
) -> Tensor {
    checkAttentionArguments(query: query, key: key, value: value, mask: mask, isCausal: isCausal)
    let (queries, keys) = (query.shape[query.rank - 2], key.shape[key.rank - 2])
    let work = queries * keys * (query.shape[query.rank - 1] + value.shape[value.rank - 1])
    if work >= fusedAttentionMinimumWork,
        let output = fusedScaledDotProductAttention(
            query: query, key: key, value: value, mask: mask, isCausal: isCausal, scale: scale, enableGQA: enableGQA)
    {
        return output
    }
    return scaledDotProductAttentionReference(
        query: query, key: key, value: value, mask: mask, isCausal: isCausal, scale: scale, enableGQA: enableGQA)
}

/// Below this many multiply-adds per head (`L·S·(E + Ev)`) attention uses the reference: for the
/// course's few tokens it is as fast, and gives exactly the numbers the notes print.
let fusedAttentionMinimumWork = 1 << 16

/// The definition of `scaledDotProductAttention`, step by step as PyTorch's math path computes
/// it: the weights `softmax(Q·Kᵀ · scale + bias)` in full (`L × S` per head), times the values.
func scaledDotProductAttentionReference(
    query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask? = nil, isCausal: Bool = false,
    scale: Float? = nil, enableGQA: Bool = false
) -> Tensor {
    let weights = scaledDotProductAttentionWeights(
        query: query, key: key, mask: mask, isCausal: isCausal, scale: scale, enableGQA: enableGQA)
    let values = enableGQA ? repeatingKeyValueHeads(value, for: query, "value") : value
    return matmul(weights, values)
}

/// The checks of `scaledDotProductAttention`'s arguments that come before either path runs.
private func checkAttentionArguments(
    query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask?, isCausal: Bool
) {
    check(
        value.rank >= 2 && key.rank == value.rank
            && key.shape[key.rank - 2] == value.shape[value.rank - 2],
        "scaledDotProductAttention: key \(key.shape) and value \(value.shape) must be [..., S, E] and [..., S, Ev]")
    checkQueryAndKey(query: query, key: key, mask: mask, isCausal: isCausal)
}

/// The checks on the query, the key and the mask arguments (also the weights function's).
private func checkQueryAndKey(query: Tensor, key: Tensor, mask: AttentionMask?, isCausal: Bool) {
    check(
        !(isCausal && mask != nil),
        "scaledDotProductAttention: Explicit attn_mask should not be set when is_causal=True")
    check(
        query.rank >= 2 && key.rank >= 2,
        "scaledDotProductAttention: query \(query.shape) and key \(key.shape) must have at least 2 dimensions ([..., L, E])"
    )
    check(
        query.shape.last == key.shape.last,
        "scaledDotProductAttention: query \(query.shape) and key \(key.shape) differ in the last (embedding) dimension")
}

/// The attention weights `softmax(Q·Kᵀ · scale + bias)` that `scaledDotProductAttention` multiplies
/// with the values: `[..., L, S]`, each query's row adding up to 1 (or all 0 if every key is
/// blocked). Same arguments and rules as `scaledDotProductAttention`; handy for heatmaps.
public func scaledDotProductAttentionWeights(
    query: Tensor, key: Tensor, mask: AttentionMask? = nil, isCausal: Bool = false,
    scale: Float? = nil, enableGQA: Bool = false
) -> Tensor {
    checkQueryAndKey(query: query, key: key, mask: mask, isCausal: isCausal)
    let keys = enableGQA ? repeatingKeyValueHeads(key, for: query, "key") : key

    // PyTorch's math path scales q and k each by √scale "for stability", in double precision,
    // and keeps a negative scale's sign on q.
    let scaleFactor = scale.map(Double.init) ?? 1 / Foundation.sqrt(Double(query.shape[query.rank - 1]))
    let rootScale = Float(Foundation.sqrt(Swift.abs(scaleFactor)))
    var scores = matmul(query * (scaleFactor < 0 ? -rootScale : rootScale), (keys * rootScale).transposed(-2, -1))
    if isCausal {
        scores = AttentionMask.causal.addingBias(to: scores)
    } else if let mask {
        scores = mask.addingBias(to: scores)
    }
    return scores.safeSoftmax(dim: -1)
}

/// Key or value heads `[..., H, S, E]` repeated for grouped-query attention to match the
/// query's `Hq` heads: each head repeated `Hq/H` times in place (`repeat_interleave` along −3),
/// so query head `h` meets key/value head `h / (Hq/H)`.
private func repeatingKeyValueHeads(_ tensor: Tensor, for query: Tensor, _ name: String) -> Tensor {
    check(
        query.rank >= 3 && tensor.rank >= 3,
        "scaledDotProductAttention: enableGQA needs a heads dimension (−3): query \(query.shape), \(name) \(tensor.shape)"
    )
    let queryHeads = query.shape[query.rank - 3]
    let heads = tensor.shape[tensor.rank - 3]
    check(
        heads > 0 && queryHeads % heads == 0,
        "scaledDotProductAttention: enableGQA needs the query's heads (\(queryHeads)) to be a multiple of the \(name)'s heads (\(heads)); query \(query.shape), \(name) \(tensor.shape)"
    )
    let group = queryHeads / heads
    if group == 1 { return tensor }
    let leading = Array(tensor.shape.dropLast(3))
    let (length, features) = (tensor.shape[tensor.rank - 2], tensor.shape[tensor.rank - 1])
    return
        tensor
        .reshaped(to: leading + [heads, 1, length, features])
        .broadcast(to: leading + [heads, group, length, features])
        .reshaped(to: leading + [heads * group, length, features])
}
