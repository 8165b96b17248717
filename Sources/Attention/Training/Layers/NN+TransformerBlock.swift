extension NN {
    /// A pre-norm transformer decoder block, GPT-2's:
    ///
    /// ```
    /// x₁ = x + MultiheadAttention(LayerNorm₁(x), causal)
    /// y  = x₁ + FeedForward(LayerNorm₂(x₁))          FeedForward = fc2(GELU(fc1(·)))
    /// ```
    /// Parameters in PyTorch's order: `ln1`, `attention`, `ln2`, `feedForward` (`fc1`, `fc2`).
    public final class TransformerBlock: Module {
        /// The norm before attention (PyTorch's `ln1`).
        public let ln1: LayerNorm
        /// Causal multi-head self-attention (PyTorch's `attn`).
        public let attention: MultiheadAttention
        /// The norm before the feed-forward block (PyTorch's `ln2`).
        public let ln2: LayerNorm
        /// `fc2(GELU(fc1(·)))` (PyTorch's `fc1`, `fc2`).
        public let feedForward: FeedForward

        /// A block initialised like PyTorch's after `torch.manual_seed`: the layer norms draw
        /// nothing; the attention, then `fc1` and `fc2` draw in that order.
        public init(
            dModel: Int, numHeads: Int, dFF: Int, activation: Activation = .gelu(.none),
            using generator: inout Generator
        ) {
            ln1 = LayerNorm(dModel)
            attention = MultiheadAttention(embedDim: dModel, numHeads: numHeads, using: &generator)
            ln2 = LayerNorm(dModel)
            feedForward = FeedForward(dModel: dModel, dFF: dFF, activation: activation, using: &generator)
        }

        /// `[..., L, dModel]` → `[..., L, dModel]`, causally.
        public func callAsFunction(_ input: Variable) -> Variable {
            let afterAttention = input + attention(ln1(input))
            return afterAttention + feedForward(ln2(afterAttention))
        }

        /// The block for new positions following those in `cache` (generation).
        public func callAsFunction(_ input: Variable, cache: inout KVCache) -> Variable {
            let afterAttention = input + attention(ln1(input), cache: &cache)
            return afterAttention + feedForward(ln2(afterAttention))
        }
    }
}
