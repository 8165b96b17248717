/// The course's multi-head attention: several independent `Attention` heads, each with its own
/// W_Q, W_K and W_V, run on the same inputs; their outputs are concatenated along `colDim`.
/// As in the course there is **no output projection**, so with `numHeads` heads of size `dModel`
/// the output has `numHeads · dModel` features.
///
/// ```swift
/// var g = Generator(seed: 42)
/// let mha = MultiHeadAttention(numHeads: 2, using: &g)
/// mha(query: encodings, key: encodings, value: encodings)   // [3, 4]
/// ```
/// Heads draw their weights in order (head 0's W_Q, W_K, W_V, then head 1's, …), so with one
/// head the result equals `SelfAttention`'s. PyTorch's `nn.MultiheadAttention`, which splits
/// one projection into heads and ends with an output projection, is `PyTorchMultiheadAttention`.
public struct MultiHeadAttention: Sendable, Hashable {
    /// The heads, in the order their weights were drawn.
    public var heads: [Attention]
    /// The dimension along which the heads' outputs are concatenated.
    public let colDim: Int

    /// The number of heads.
    public var numHeads: Int { heads.count }

    /// A module of `numHeads` heads with freshly drawn weights.
    ///
    /// - Precondition: `numHeads >= 1`.
    public init(
        dModel: Int = 2, rowDim: Int = 0, colDim: Int = 1, numHeads: Int = 1, using generator: inout Generator
    ) {
        check(numHeads >= 1, "MultiHeadAttention: numHeads must be at least 1, got \(numHeads)")
        var heads = [Attention]()
        for _ in 0..<numHeads {
            heads.append(Attention(dModel: dModel, rowDim: rowDim, colDim: colDim, using: &generator))
        }
        self.init(heads: heads)
    }

    /// A module made of the given heads (their `colDim` is used for the concatenation).
    ///
    /// - Precondition: at least one head; all heads share `colDim`.
    public init(heads: [Attention]) {
        check(!heads.isEmpty, "MultiHeadAttention: needs at least one head")
        let colDim = heads[0].colDim
        check(
            heads.allSatisfy { $0.colDim == colDim },
            "MultiHeadAttention: heads disagree on colDim: \(heads.map(\.colDim))")
        self.heads = heads
        self.colDim = colDim
    }

    /// Each head's attention weights, stacked: `[numHeads, queries, keys]` for 2-D inputs.
    public func weights(query: Tensor, key: Tensor, mask: AttentionMask? = nil) -> Tensor {
        Tensor.stacked(heads.map { $0.weights(query: query, key: key, mask: mask) })
    }

    /// Each head's output, in head order.
    public func headOutputs(query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask? = nil) -> [Tensor] {
        heads.map { $0(query: query, key: key, value: value, mask: mask) }
    }

    /// The heads' outputs concatenated along `colDim`.
    public func callAsFunction(query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask? = nil) -> Tensor {
        Tensor.concatenated(headOutputs(query: query, key: key, value: value, mask: mask), along: colDim)
    }
}
