extension NN {
    /// A trainable lookup table of token vectors, like `nn.Embedding(numEmbeddings, embeddingDim)`.
    public final class Embedding: Module {
        /// The table `[numEmbeddings, embeddingDim]`; row `i` is token `i`'s vector.
        public let weight: Variable

        /// A table initialised like `nn.Embedding`: `normal_(0, 1)` (PyTorch's small-tensor path
        /// below 16 elements, its 16-wide path from 16 on; see `Tensor.normal`).
        public init(numEmbeddings: Int, embeddingDim: Int, using generator: inout Generator) {
            weight = Variable(
                Tensor.normal([numEmbeddings, embeddingDim], mean: 0, std: 1, using: &generator), requiresGrad: true)
        }

        /// A table with the given weights `[V, D]`.
        public init(weight: Tensor) {
            self.weight = Variable(weight, requiresGrad: true)
        }

        /// The vectors of one sequence of ids: `[L, D]`.
        ///
        /// - Precondition: every id is in `0..<numEmbeddings`.
        public func callAsFunction(_ ids: [Int]) -> Variable {
            embedding(ids, weight: weight)
        }

        /// The vectors of a batch of sequences: `[B, L, D]`.
        ///
        /// - Precondition: the sequences have the same length and every id is in range.
        public func callAsFunction(_ batch: [[Int]]) -> Variable {
            let length = batch.first?.count ?? 0
            check(
                batch.allSatisfy { $0.count == length },
                "Embedding: the sequences of a batch must have the same length, got \(batch.map(\.count))")
            return embedding(batch.flatMap { $0 }, shape: [batch.count, length], weight: weight)
        }
    }
}
