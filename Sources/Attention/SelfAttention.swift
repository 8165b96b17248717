/// The course's self-attention: queries, keys and values all come from the same encodings, and
/// every token may look at every token (itself included).
///
/// ```swift
/// var g = Generator(seed: 42)
/// let attention = SelfAttention(dModel: 2, rowDim: 0, colDim: 1, using: &g)
/// attention(encodings)            // [[1.0100, 1.0641], [0.2040, 0.7057], [3.4989, 2.2427]]
/// attention.weights(encodings)    // the attention percentages, rows add up to 1
/// ```
/// Same weights and arithmetic as `Attention` with `query`, `key` and `value` all set to the
/// encodings.
public struct SelfAttention: SelfAttentionModule, Sendable, Hashable {
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

    /// The attention percentages: softmax of the scaled similarities, row by row.
    public func weights(_ encodings: Tensor) -> Tensor {
        attention.weights(query: encodings, key: encodings)
    }
    /// The self-attention output: the percentages times the values.
    public func callAsFunction(_ encodings: Tensor) -> Tensor {
        attention(query: encodings, key: encodings, value: encodings)
    }
}
