extension NN {
    /// A small GPT: a decoder-only transformer that predicts each next token,
    ///
    /// ```
    /// x = tokenEmbedding(ids) + positionEmbedding(0..<L)
    /// x = block(x) for each block                   (pre-norm, causal: see TransformerBlock)
    /// logits = head(finalNorm(x))                   [..., L, vocabularySize]
    /// ```
    /// like nanoGPT's `GPT`. Parameters in PyTorch's order: `tokenEmbedding`, `positionEmbedding`,
    /// `blocks`, `finalNorm`, `head`.
    public final class DecoderOnlyTransformer: Module, LanguageModel {
        /// One learned vector per token (`tok_emb`).
        public let tokenEmbedding: Embedding
        /// Learned positions, one row per position up to ``contextLength``.
        public let positionEmbedding: Embedding
        /// The pre-norm blocks, applied in order (`block`, or nanoGPT's `h`).
        public let blocks: [TransformerBlock]
        /// The norm after the last block (`ln_f`).
        public let finalNorm: LayerNorm
        /// The projection to one logit per token of the vocabulary (`head`).
        public let head: Linear

        /// A model initialised like PyTorch's after `torch.manual_seed`, creating the token and
        /// position embeddings, the blocks, the final norm and the head in that order.
        public init(
            vocabularySize: Int, dModel: Int, numHeads: Int, contextLength: Int, dFF: Int, layers: Int = 1,
            activation: Activation = .gelu(.none), using generator: inout Generator
        ) {
            tokenEmbedding = Embedding(numEmbeddings: vocabularySize, embeddingDim: dModel, using: &generator)
            positionEmbedding = Embedding(numEmbeddings: contextLength, embeddingDim: dModel, using: &generator)
            var blocks = [TransformerBlock]()
            for _ in 0..<layers {
                blocks.append(
                    TransformerBlock(
                        dModel: dModel, numHeads: numHeads, dFF: dFF, activation: activation, using: &generator))
            }
            self.blocks = blocks
            finalNorm = LayerNorm(dModel)
            head = Linear(inFeatures: dModel, outFeatures: vocabularySize, using: &generator)
        }

        /// The number of positions the model knows.
        public var contextLength: Int { positionEmbedding.weight.shape[0] }

        /// The logits `[B, L, vocabularySize]` of a batch of sequences.
        ///
        /// - Precondition: the sequences have the same length `L ≤ contextLength`.
        public func callAsFunction(_ batch: [[Int]]) -> Variable {
            let length = batch.first?.count ?? 0
            var x = tokenEmbedding(batch) + positionEmbedding(positions(length, from: 0))
            for block in blocks { x = block(x) }
            return head(finalNorm(x))
        }

        /// The logits `[L, vocabularySize]` of one sequence.
        public func callAsFunction(_ ids: [Int]) -> Variable {
            let logits = self([ids])
            return logits.reshaped(to: Array(logits.shape.dropFirst()))
        }

        public func logits(_ ids: [Int], caches: inout [KVCache]) -> Tensor {
            if caches.isEmpty { caches = Array(repeating: KVCache(), count: blocks.count) }
            var x = tokenEmbedding(ids) + positionEmbedding(positions(ids.count, from: caches[0].count))
            for (layer, block) in blocks.enumerated() { x = block(x, cache: &caches[layer]) }
            return head(finalNorm(x)).value
        }

        private func positions(_ count: Int, from start: Int) -> [Int] {
            check(
                start + count <= contextLength,
                "DecoderOnlyTransformer: positions \(start)..<\(start + count) exceed the context length \(contextLength)"
            )
            return Array(start..<(start + count))
        }
    }
}
