/// The course's masked self-attention, as in decoder-only transformers: each token may look only
/// at itself and the tokens before it.
///
/// ```
/// MaskedAttention(Q, K, V, M) = softmax(Q·Kᵀ / √d_k + M)·V
/// ```
/// By default the mask is `.causal`; blocked scores are overwritten with −1e9, as the course's
/// `masked_fill(mask, value=-1e9)` does, so their percentages come out as 0.
///
/// ```swift
/// var g = Generator(seed: 42)
/// let attention = MaskedSelfAttention(using: &g)
/// attention(encodings)            // [[0.6038, 0.7434], [-0.0062, 0.6072], [3.4989, 2.2427]]
/// attention.weights(encodings)    // [[1, 0, 0], [0.3606, 0.6394, 0], [0.0722, 0.0320, 0.8959]]
/// ```
public struct MaskedSelfAttention: SelfAttentionModule, Sendable, Hashable {
    /// The underlying general module.
    public var attention: Attention

    /// A module with freshly drawn weights (W_Q, W_K, W_V in that order, no biases).
    public init(dModel: Int = 2, rowDim: Int = 0, colDim: Int = 1, using generator: inout Generator) {
        attention = Attention(dModel: dModel, rowDim: rowDim, colDim: colDim, using: &generator)
    }

    /// A module with the given projections.
    public init(wQ: Linear, wK: Linear, wV: Linear, rowDim: Int = 0, colDim: Int = 1) {
        attention = Attention(wQ: wQ, wK: wK, wV: wV, rowDim: rowDim, colDim: colDim)
    }

    /// The scaled similarities with blocked positions set to −1e9.
    public func maskedScaledSimilarities(_ encodings: Tensor, mask: AttentionMask = .causal) -> Tensor {
        attention.maskedScaledSimilarities(query: encodings, key: encodings, mask: mask)
    }
    /// The attention percentages: softmax of the masked scaled similarities, row by row.
    public func weights(_ encodings: Tensor, mask: AttentionMask = .causal) -> Tensor {
        attention.weights(query: encodings, key: encodings, mask: mask)
    }
    /// The masked self-attention output: the percentages times the values.
    public func callAsFunction(_ encodings: Tensor, mask: AttentionMask = .causal) -> Tensor {
        attention(query: encodings, key: encodings, value: encodings, mask: mask)
    }
}
