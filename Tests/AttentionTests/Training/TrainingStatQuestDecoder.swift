import Attention

/// StatQuest's decoder-only transformer (decoder_transformers_with_pytorch_and_lightning_v2.ipynb),
/// written from the library's public parts as a note would write it: the tests train it against
/// PyTorch, and `.ci/bench-training` compiles this same file at -Onone into a note-like program.
final class StatQuestDecoder: NN.Module, LanguageModel {
    let we: NN.Embedding
    let selfAttention: NN.MaskedSelfAttention
    let fcLayer: NN.Linear
    /// Sinusoidal positions, a constant (PyTorch's `register_buffer`).
    let positions: Tensor

    init(numTokens: Int, dModel: Int, maxLength: Int, using generator: inout Generator) {
        we = NN.Embedding(numEmbeddings: numTokens, embeddingDim: dModel, using: &generator)
        positions = positionalEncoding(maxLength: maxLength, dModel: dModel)
        selfAttention = NN.MaskedSelfAttention(dModel: dModel, using: &generator)
        fcLayer = NN.Linear(inFeatures: dModel, outFeatures: numTokens, using: &generator)
    }

    var contextLength: Int { positions.shape[0] }

    /// Word embeddings plus the positions `start..<start + ids.count`.
    func encodings(_ ids: [Int], from start: Int = 0) -> Variable {
        we(ids) + Tensor.stacked((start..<(start + ids.count)).map { positions[$0] })
    }

    /// The logits `[L, numTokens]`.
    func callAsFunction(_ ids: [Int]) -> Variable {
        let x = encodings(ids)
        return fcLayer(x + selfAttention(x))
    }

    func logits(_ ids: [Int], caches: inout [KVCache]) -> Tensor {
        if caches.isEmpty { caches = [KVCache()] }
        let x = encodings(ids, from: caches[0].count)
        return fcLayer(x + selfAttention(x, cache: &caches[0])).value
    }
}
