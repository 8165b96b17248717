/// What the course's self-attention modules share: one `Attention` whose queries, keys and
/// values all come from the same encodings. Conforming types get the projections and the
/// first steps of the computation (`queries`, `keys`, `values`, `similarities`,
/// `scaledSimilarities`), each taking just the encodings.
public protocol SelfAttentionModule {
    /// The general module doing the work.
    var attention: Attention { get set }
}

extension SelfAttentionModule {
    /// The query projection (PyTorch's `W_q`).
    public var wQ: Linear {
        get { attention.wQ }
        set { attention.wQ = newValue }
    }
    /// The key projection (PyTorch's `W_k`).
    public var wK: Linear {
        get { attention.wK }
        set { attention.wK = newValue }
    }
    /// The value projection (PyTorch's `W_v`).
    public var wV: Linear {
        get { attention.wV }
        set { attention.wV = newValue }
    }
    /// The dimension that indexes tokens.
    public var rowDim: Int { attention.rowDim }
    /// The dimension that indexes features.
    public var colDim: Int { attention.colDim }

    /// The queries, `Q = encodings·W_Qᵀ`.
    public func queries(_ encodings: Tensor) -> Tensor { attention.queries(encodings) }
    /// The keys, `K = encodings·W_Kᵀ`.
    public func keys(_ encodings: Tensor) -> Tensor { attention.keys(encodings) }
    /// The values, `V = encodings·W_Vᵀ`.
    public func values(_ encodings: Tensor) -> Tensor { attention.values(encodings) }
    /// The similarities `Q·Kᵀ`: one row and one column per token.
    public func similarities(_ encodings: Tensor) -> Tensor {
        attention.similarities(query: encodings, key: encodings)
    }
    /// The similarities divided by √d_k.
    public func scaledSimilarities(_ encodings: Tensor) -> Tensor {
        attention.scaledSimilarities(query: encodings, key: encodings)
    }
}
