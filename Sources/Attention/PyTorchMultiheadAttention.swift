import Foundation

/// PyTorch's `nn.MultiheadAttention(embedDim, numHeads, bias=bias, batch_first=True)` in
/// inference mode, returning the attention weights (`need_weights=True`).
///
/// Unlike the course's `MultiHeadAttention`, it projects the inputs once with a packed
/// `[3E, E]` weight (rows for q, then k, then v), gives head `h` the features
/// `h·headDim ..< (h+1)·headDim` of each projection, and ends with an output projection:
///
/// ```
/// headₕ = softmax(qₕ·kₕᵀ / √headDim + masks) · vₕ
/// output = concat(head₀, …, head_{H−1}) · W_outᵀ + b_out
/// ```
/// Inputs are batch-first `[N, L, E]` (query) and `[N, S, E]` (key, value), or unbatched
/// `[L, E]` and `[S, E]`. `kdim`/`vdim`, `add_bias_kv`, `add_zero_attn` and dropout are not
/// supported.
///
/// Fully masked rows come out NaN, as in PyTorch's `need_weights=True` path (plain softmax).
public struct PyTorchMultiheadAttention: Sendable, Hashable {
    /// The model width E (also the width of each input and of the output).
    public let embedDim: Int
    /// The number of heads H; each works on `embedDim / numHeads` features.
    public let numHeads: Int
    /// The packed input projection `[3E, E]`: rows `0..<E` project queries, `E..<2E` keys,
    /// `2E..<3E` values (PyTorch's `in_proj_weight`).
    public var inProjWeight: Tensor
    /// The packed input bias `[3E]` (PyTorch's `in_proj_bias`), or `nil` without biases.
    public var inProjBias: Tensor?
    /// The output projection `E → E` (PyTorch's `out_proj`).
    public var outProj: Linear

    /// The features per head, `embedDim / numHeads`.
    public var headDim: Int { embedDim / numHeads }

    /// A module initialised exactly like PyTorch's after `torch.manual_seed`: `out_proj` is
    /// created first (as `nn.Linear(E, E, bias=bias)`, consuming its draws), then
    /// `in_proj_weight` gets `xavier_uniform_`; both biases are then set to 0.
    ///
    /// - Precondition: `numHeads > 0` divides `embedDim` ("embed_dim must be divisible by num_heads").
    public init(embedDim: Int, numHeads: Int, bias: Bool = true, using generator: inout Generator) {
        Self.checkHeads(embedDim: embedDim, numHeads: numHeads)
        var outProj = Linear(inFeatures: embedDim, outFeatures: embedDim, bias: bias, using: &generator)
        let inProjWeight = Tensor.xavierUniform([3 * embedDim, embedDim], gain: 1, using: &generator)
        if bias { outProj.bias = Tensor.zeros([embedDim]) }
        self.init(
            inProjWeight: inProjWeight, inProjBias: bias ? Tensor.zeros([3 * embedDim]) : nil,
            outProj: outProj, numHeads: numHeads)
    }

    /// A module with the given weights, e.g. a PyTorch module's `in_proj_weight`,
    /// `in_proj_bias`, `out_proj.weight` and `out_proj.bias`.
    ///
    /// - Precondition: `inProjWeight` is `[3E, E]`, `inProjBias` `[3E]`, `outProjWeight`
    ///   `[E, E]`, `outProjBias` `[E]`, and `numHeads` divides E.
    public init(
        inProjWeight: Tensor, inProjBias: Tensor?, outProjWeight: Tensor, outProjBias: Tensor?, numHeads: Int
    ) {
        self.init(
            inProjWeight: inProjWeight, inProjBias: inProjBias,
            outProj: Linear(weight: outProjWeight, bias: outProjBias), numHeads: numHeads)
    }

    private init(inProjWeight: Tensor, inProjBias: Tensor?, outProj: Linear, numHeads: Int) {
        let embedDim = inProjWeight.shape.last ?? 0
        Self.checkHeads(embedDim: embedDim, numHeads: numHeads)
        check(
            inProjWeight.shape == [3 * embedDim, embedDim],
            "PyTorchMultiheadAttention: inProjWeight must be [3E, E], got \(inProjWeight.shape)")
        if let inProjBias {
            check(
                inProjBias.shape == [3 * embedDim],
                "PyTorchMultiheadAttention: inProjBias must be [\(3 * embedDim)], got \(inProjBias.shape)")
        }
        check(
            outProj.weight.shape == [embedDim, embedDim],
            "PyTorchMultiheadAttention: outProjWeight must be [\(embedDim), \(embedDim)], got \(outProj.weight.shape)")
        self.embedDim = embedDim
        self.numHeads = numHeads
        self.inProjWeight = inProjWeight
        self.inProjBias = inProjBias
        self.outProj = outProj
    }

    private static func checkHeads(embedDim: Int, numHeads: Int) {
        check(
            numHeads > 0 && embedDim % numHeads == 0,
            "PyTorchMultiheadAttention: embed_dim must be divisible by num_heads (embedDim \(embedDim), numHeads \(numHeads))"
        )
    }

    /// Attention of `query` over `key`/`value`.
    ///
    /// - Parameters:
    ///   - query: `[N, L, E]`, or `[L, E]` unbatched.
    ///   - key: `[N, S, E]`, or `[S, E]`.
    ///   - value: `[N, S, E]`, or `[S, E]`.
    ///   - keyPaddingMask: `[N, S]` (or `[S]`), **true = ignore this key** (padding), as in
    ///     PyTorch's boolean `key_padding_mask`.
    ///   - attentionMask: which keys each query may see, shape `[L, S]` or `[N·H, L, S]`.
    ///     PyTorch's boolean `attn_mask` (true = not allowed) is `.blocked(mask)`; its float
    ///     mask is `.additive(mask)`; `.causal` is `generate_square_subsequent_mask`.
    ///   - averageWeights: average the weights over the heads (`average_attn_weights`).
    /// - Returns: the output, shaped like `query`, and the weights: `[N, L, S]` averaged or
    ///   `[N, H, L, S]` per head (`[L, S]` / `[H, L, S]` unbatched).
    public func callAsFunction(
        query: Tensor, key: Tensor, value: Tensor, keyPaddingMask: Mask? = nil,
        attentionMask: AttentionMask? = nil, averageWeights: Bool = true
    ) -> (output: Tensor, weights: Tensor) {
        let batched = query.rank == 3
        check(
            (query.rank == 2 || batched) && key.rank == query.rank && value.rank == query.rank,
            "PyTorchMultiheadAttention: query \(query.shape), key \(key.shape) and value \(value.shape) must all be [N, L, E] or all [L, E]"
        )
        let (q, k, v) =
            batched
            ? (query, key, value)
            : (query.unsqueezed(at: 0), key.unsqueezed(at: 0), value.unsqueezed(at: 0))
        let padding = batched ? keyPaddingMask : keyPaddingMask?.reshaped(to: [1, -1])
        let (output, weights) = attend(
            query: q, key: k, value: v, keyPaddingMask: padding, attentionMask: attentionMask)

        let shownWeights = averageWeights ? weights.mean(dim: 1) : weights
        return batched ? (output, shownWeights) : (output.squeezed(at: 0), shownWeights.squeezed(at: 0))
    }

    /// The batched computation: inputs `[N, L, E]` / `[N, S, E]`; per-head weights `[N, H, L, S]`.
    private func attend(
        query: Tensor, key: Tensor, value: Tensor, keyPaddingMask: Mask?, attentionMask: AttentionMask?
    ) -> (output: Tensor, weights: Tensor) {
        let (batch, queries, keys) = (query.shape[0], query.shape[1], key.shape[1])
        check(
            query.shape[2] == embedDim && key.shape[2] == embedDim && value.shape[2] == embedDim
                && key.shape[0] == batch && value.shape[0] == batch && value.shape[1] == keys,
            "PyTorchMultiheadAttention: query \(query.shape), key \(key.shape), value \(value.shape) do not fit embedDim \(embedDim) with batch-first layout"
        )

        let weightParts = inProjWeight.split(count: 3, along: 0)
        let biasParts = inProjBias?.split(count: 3, along: 0)
        // [N, T, E] → project → [N, T, H, headDim] → [N, H, T, headDim].
        func heads(_ input: Tensor, _ part: Int) -> Tensor {
            Linear(weight: weightParts[part], bias: biasParts?[part])(input)
                .reshaped(to: [batch, input.shape[1], numHeads, headDim])
                .transposed(1, 2)
        }
        let (q, k, v) = (heads(query, 0), heads(key, 1), heads(value, 2))

        var scores = matmul(q * Float(Foundation.sqrt(1 / Double(headDim))), k.transposed(-2, -1))
        if let bias = maskBias(
            queries: queries, keys: keys, batch: batch, keyPaddingMask: keyPaddingMask, attentionMask: attentionMask)
        {
            scores = scores + bias
        }
        let weights = scores.softmax(dim: -1)
        let combined = matmul(weights, v).transposed(1, 2).reshaped(to: [batch, queries, embedDim])
        return (outProj(combined), weights)
    }

    /// Both masks as one additive bias that broadcasts to `[N, H, L, S]` (−∞ where blocked),
    /// the sum PyTorch forms in `multi_head_attention_forward`; `nil` when there is no mask.
    private func maskBias(
        queries: Int, keys: Int, batch: Int, keyPaddingMask: Mask?, attentionMask: AttentionMask?
    ) -> Tensor? {
        var bias: Tensor?
        if let attentionMask {
            let mask = attentionMask.additiveBias(queries: queries, keys: keys)
            switch mask.rank {
            case 2:
                check(
                    mask.shape == [queries, keys],
                    "PyTorchMultiheadAttention: the 2-D attention mask should be [\(queries), \(keys)], got \(mask.shape)"
                )
                bias = mask
            case 3:
                check(
                    mask.shape == [batch * numHeads, queries, keys],
                    "PyTorchMultiheadAttention: the 3-D attention mask should be [\(batch * numHeads), \(queries), \(keys)], got \(mask.shape)"
                )
                bias = mask.reshaped(to: [batch, numHeads, queries, keys])
            default:
                fatalError(
                    "PyTorchMultiheadAttention: attention mask must be [L, S] or [N·H, L, S], got \(mask.shape)")
            }
        }
        if let keyPaddingMask {
            check(
                keyPaddingMask.shape == [batch, keys],
                "PyTorchMultiheadAttention: keyPaddingMask should be [\(batch), \(keys)] (or [\(keys)] unbatched), got \(keyPaddingMask.shape)"
            )
            let padding = AttentionMask.blocked(keyPaddingMask.reshaped(to: [batch, 1, 1, keys]))
                .additiveBias(queries: queries, keys: keys)
            bias = bias.map { $0 + padding } ?? padding
        }
        return bias
    }
}
