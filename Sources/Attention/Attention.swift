import Foundation

/// The course's general attention module: queries from one set of encodings, keys and values
/// from another (encoder–decoder or *cross* attention), or all three from the same encodings
/// (self-attention).
///
/// ```
/// Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k + M)·V
/// Q = query·W_Qᵀ,  K = key·W_Kᵀ,  V = value·W_Vᵀ
/// ```
/// It mirrors the course's PyTorch class: three `nn.Linear(dModel, dModel, bias=False)` layers
/// created in the order W_Q, W_K, W_V; tokens along `rowDim` and features along `colDim`;
/// scores scaled by √(size of the keys along `colDim`); masked positions filled with −1e9;
/// softmax along `colDim`.
///
/// ```swift
/// var g = Generator(seed: 42)
/// let attention = Attention(using: &g)
/// let output = attention(query: decoderEncodings, key: encoderOutput, value: encoderOutput)
/// ```
/// Each step has its own method (`queries`, `similarities`, `scaledSimilarities`, `weights`, …)
/// so a note can show every intermediate matrix.
public struct Attention: Sendable, Hashable {
    /// The query projection, weight `[dModel, dModel]` (PyTorch's `W_q`).
    public var wQ: Linear
    /// The key projection (PyTorch's `W_k`).
    public var wK: Linear
    /// The value projection (PyTorch's `W_v`).
    public var wV: Linear
    /// The dimension that indexes tokens (0 for a `[tokens, features]` matrix).
    public let rowDim: Int
    /// The dimension that indexes features (1 for a `[tokens, features]` matrix).
    public let colDim: Int

    /// The value blocked scores are overwritten with, as in the course's `masked_fill(mask, -1e9)`.
    public static let maskedValue: Float = -1e9

    /// A module with freshly drawn weights: W_Q, then W_K, then W_V, each like
    /// `nn.Linear(dModel, dModel, bias=False)`.
    public init(dModel: Int = 2, rowDim: Int = 0, colDim: Int = 1, using generator: inout Generator) {
        let wQ = Linear(inFeatures: dModel, outFeatures: dModel, bias: false, using: &generator)
        let wK = Linear(inFeatures: dModel, outFeatures: dModel, bias: false, using: &generator)
        let wV = Linear(inFeatures: dModel, outFeatures: dModel, bias: false, using: &generator)
        self.init(wQ: wQ, wK: wK, wV: wV, rowDim: rowDim, colDim: colDim)
    }

    /// A module with the given projections (e.g. weights printed by the course).
    public init(wQ: Linear, wK: Linear, wV: Linear, rowDim: Int = 0, colDim: Int = 1) {
        (self.wQ, self.wK, self.wV) = (wQ, wK, wV)
        (self.rowDim, self.colDim) = (rowDim, colDim)
    }

    /// The queries, `Q = encodings·W_Qᵀ`.
    public func queries(_ encodings: Tensor) -> Tensor { wQ(encodings) }
    /// The keys, `K = encodings·W_Kᵀ`.
    public func keys(_ encodings: Tensor) -> Tensor { wK(encodings) }
    /// The values, `V = encodings·W_Vᵀ`.
    public func values(_ encodings: Tensor) -> Tensor { wV(encodings) }

    /// The unscaled similarities `Q·Kᵀ`: one row per query token, one column per key token.
    public func similarities(query: Tensor, key: Tensor) -> Tensor {
        matmul(queries(query), keys(key).transposed(rowDim, colDim))
    }

    /// The similarities divided by √d_k, where d_k is the keys' size along `colDim`.
    public func scaledSimilarities(query: Tensor, key: Tensor) -> Tensor {
        let keys = keys(key)
        let similarities = matmul(queries(query), keys.transposed(rowDim, colDim))
        // The course divides by torch.tensor(k.size(col_dim) ** 0.5): a float32 scalar.
        return similarities / Float(Foundation.sqrt(Double(keys.shape[colDim])))
    }

    /// The scaled similarities with `mask` applied: blocked positions become −1e9
    /// (`maskedValue`), an `.additive` mask is added.
    public func maskedScaledSimilarities(query: Tensor, key: Tensor, mask: AttentionMask) -> Tensor {
        mask.filling(scaledSimilarities(query: query, key: key), blockedWith: Self.maskedValue)
    }

    /// The attention weights ("percentages"): softmax of the (masked) scaled similarities
    /// along `colDim`, so each query's row adds up to 1.
    public func weights(query: Tensor, key: Tensor, mask: AttentionMask? = nil) -> Tensor {
        let scores =
            mask.map { maskedScaledSimilarities(query: query, key: key, mask: $0) }
            ?? scaledSimilarities(query: query, key: key)
        return scores.softmax(dim: colDim)
    }

    /// The output: the attention weights times the values, one row per query token.
    public func callAsFunction(query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask? = nil) -> Tensor {
        matmul(weights(query: query, key: key, mask: mask), values(value))
    }
}
