extension NN {
    /// Trainable multi-head self-attention with a packed input projection, like
    /// `nn.MultiheadAttention(E, H, batch_first=True)` called as `attn(x, x, x, is_causal=…,
    /// need_weights=False)` (the way GPT-2 style blocks use it):
    ///
    /// ```
    /// q, k, v = split(x·in_proj_weightᵀ + in_proj_bias)       head h takes features [h·d, (h+1)·d), d = E/H
    /// headₕ = SDPA(qₕ, kₕ, vₕ, is_causal)                      scale 1/√d
    /// output = concat(heads)·out_proj.weightᵀ + out_proj.bias
    /// ```
    /// Parameters in PyTorch's order: `inProjWeight` `[3E, E]` (rows for q, then k, then v),
    /// `inProjBias` `[3E]`, `outProj`.
    public final class MultiheadAttention: Module {
        /// The packed projection `[3E, E]` (PyTorch's `in_proj_weight`).
        public let inProjWeight: Variable
        /// The packed bias `[3E]` (PyTorch's `in_proj_bias`).
        public let inProjBias: Variable
        /// The output projection (PyTorch's `out_proj`).
        public let outProj: Linear
        /// The number of heads H.
        public let numHeads: Int

        /// Initialised exactly like PyTorch's module after `torch.manual_seed` (see
        /// `PyTorchMultiheadAttention(embedDim:numHeads:using:)`: `out_proj`'s draws first, then
        /// `xavier_uniform_` for `in_proj_weight`, biases 0).
        ///
        /// - Precondition: `numHeads > 0` divides `embedDim`.
        public init(embedDim: Int, numHeads: Int, using generator: inout Generator) {
            let module = PyTorchMultiheadAttention(embedDim: embedDim, numHeads: numHeads, using: &generator)
            inProjWeight = Variable(module.inProjWeight, requiresGrad: true)
            inProjBias = Variable(module.inProjBias ?? Tensor.zeros([3 * embedDim]), requiresGrad: true)
            outProj = Linear(weight: module.outProj.weight, bias: module.outProj.bias)
            self.numHeads = numHeads
        }

        /// Self-attention over `[..., L, E]` (e.g. `[B, L, E]`), `isCausal` letting position `i`
        /// see positions `0...i`. Returns `[..., L, E]`.
        ///
        /// - Precondition: the input ends in `E`.
        public func callAsFunction(_ input: Variable, isCausal: Bool = true) -> Variable {
            let (q, k, v) = headsOfProjections(input)
            return mergedHeads(scaledDotProductAttention(query: q, key: k, value: v, isCausal: isCausal), like: input)
        }

        /// Causal self-attention of new positions `[..., L, E]` that follow the ones in `cache`,
        /// for generation: their keys and values are appended to the cache and each new position
        /// attends to every cached one and to the new ones up to itself. For inference: no
        /// gradient flows into cached keys and values.
        public func callAsFunction(_ input: Variable, cache: inout KVCache) -> Variable {
            let (q, k, v) = headsOfProjections(input)
            let (keys, values) = cache.append(keys: k.value, values: v.value)
            let (queries, allKeys) = (q.shape[q.value.rank - 2], keys.shape[keys.rank - 2])
            let mask: AttentionMask? =
                queries > 1 ? .allowed(Mask.causal(queries: queries, keys: allKeys, alignment: .lowerRight)) : nil
            let attended = scaledDotProductAttention(query: q, key: Variable(keys), value: Variable(values), mask: mask)
            return mergedHeads(attended, like: input)
        }

        /// q, k and v of `[..., L, E]`, each split into heads `[..., H, L, E/H]`.
        private func headsOfProjections(_ input: Variable) -> (Variable, Variable, Variable) {
            let embedDim = inProjWeight.shape[1]
            check(
                input.value.rank >= 2 && input.shape.last == embedDim,
                "MultiheadAttention: input of shape \(input.shape) must be [..., L, \(embedDim)]")
            let packed = matmul(input, inProjWeight.T) + inProjBias
            let parts = packed.split(count: 3, along: -1)
            let headShape = Array(input.shape.dropLast()) + [numHeads, embedDim / numHeads]
            let heads = parts.map { $0.reshaped(to: headShape).transposed(-3, -2) }
            return (heads[0], heads[1], heads[2])
        }

        /// Heads `[..., H, L, d]` back to `[..., L, H·d]`, then the output projection.
        private func mergedHeads(_ heads: Variable, like input: Variable) -> Variable {
            outProj(heads.transposed(-3, -2).reshaped(to: input.shape))
        }
    }
}
