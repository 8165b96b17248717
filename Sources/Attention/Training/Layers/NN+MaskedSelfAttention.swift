import Foundation

extension NN {
    /// The course's trainable masked self-attention (StatQuest's `Attention` class with a mask):
    /// one head, projections without biases, scores divided by `√d_model`, blocked scores
    /// overwritten with −1e9:
    ///
    /// ```
    /// Q = x·W_qᵀ   K = x·W_kᵀ   V = x·W_vᵀ
    /// output = softmax(masked_fill(Q·Kᵀ / √d_model, future, −1e9), dim: −1) · V
    /// ```
    /// Parameters in PyTorch's order: `wQ`, `wK`, `wV`.
    public final class MaskedSelfAttention: Module {
        /// The query projection (`W_q`).
        public let wQ: Linear
        /// The key projection (`W_k`).
        public let wK: Linear
        /// The value projection (`W_v`).
        public let wV: Linear

        /// Three `nn.Linear(dModel, dModel, bias=False)`, drawn in the order q, k, v.
        public init(dModel: Int, using generator: inout Generator) {
            wQ = Linear(inFeatures: dModel, outFeatures: dModel, bias: false, using: &generator)
            wK = Linear(inFeatures: dModel, outFeatures: dModel, bias: false, using: &generator)
            wV = Linear(inFeatures: dModel, outFeatures: dModel, bias: false, using: &generator)
        }

        /// Masked self-attention of the encodings `[..., L, dModel]`: token `i` sees tokens `0...i`.
        public func callAsFunction(_ encodings: Variable) -> Variable {
            let length = encodings.shape[encodings.value.rank - 2]
            return attention(wQ(encodings), wK(encodings), wV(encodings), blocked: !Mask.causal(length))
        }

        /// The attention percentages for `encodings`, `[..., L, L]`: what each token pays to each
        /// token it may see (for heatmaps).
        public func weights(_ encodings: Variable) -> Tensor {
            let length = encodings.shape[encodings.value.rank - 2]
            return scaledScores(wQ(encodings), wK(encodings), blocked: !Mask.causal(length)).value.softmax(dim: -1)
        }

        /// Masked self-attention of new tokens that follow the ones in `cache` (for generation):
        /// their keys and values are appended, and token `t` of the `L` new ones sees every cached
        /// token and the new ones up to itself. For inference: no gradient flows into the cache.
        public func callAsFunction(_ encodings: Variable, cache: inout KVCache) -> Variable {
            let (keys, values) = cache.append(keys: wK(encodings).value, values: wV(encodings).value)
            let (queries, allKeys) = (encodings.shape[encodings.value.rank - 2], keys.shape[keys.rank - 2])
            let blocked = !Mask.causal(queries: queries, keys: allKeys, alignment: .lowerRight)
            return attention(wQ(encodings), Variable(keys), Variable(values), blocked: blocked)
        }

        private func attention(_ q: Variable, _ k: Variable, _ v: Variable, blocked: Mask) -> Variable {
            matmul(scaledScores(q, k, blocked: blocked).softmax(dim: -1), v)
        }

        /// `Q·Kᵀ / √d_model` with blocked entries −1e9. The divisor is `Float(√d)`, as PyTorch's
        /// `torch.tensor(d ** 0.5)` (a float32 division, not a multiplication by the reciprocal).
        private func scaledScores(_ q: Variable, _ k: Variable, blocked: Mask) -> Variable {
            let divisor = Float(Foundation.sqrt(Double(k.shape[k.value.rank - 1])))
            return (matmul(q, k.transposed(-2, -1)) / divisor).maskedFill(blocked, with: -1e9)
        }
    }
}
