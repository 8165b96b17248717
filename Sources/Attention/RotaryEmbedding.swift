import Foundation

/// Rotary position embedding (RoPE; Su et al., RoFormer, arXiv:2104.09864).
///
/// Instead of adding a position vector, RoPE rotates pairs of features of each query and key
/// by an angle proportional to the token's position `p`. Pair `i` of `d` rotated features
/// turns with frequency `θ_i = base^(−2i/d)`:
///
/// ```
/// (a, b) ↦ (a·cos pθ_i − b·sin pθ_i,  a·sin pθ_i + b·cos pθ_i)      i = 0 ..< d/2
/// ```
///
/// Rotations compose, so `⟨R_p q, R_p' k⟩ = ⟨q, R_(p'−p) k⟩`: the attention score depends on
/// the positions only through their difference `p − p'`. Apply it to queries and keys (not
/// values) after the projection; with a ``KVCache``, rotate the new keys with
/// `offset: cache.offset` before appending them.
///
/// ```swift
/// let rope = RotaryEmbedding(dimensions: 64)
/// let q = rope(queries, offset: cache.offset)   // [..., L, 64], rows at positions offset ..< offset + L
/// ```
///
/// Libraries disagree on which features form a pair; ``Style`` chooses. Checkpoints trained with
/// one layout need their projection rows permuted to be used with the other.
public struct RotaryEmbedding: Sendable, Hashable {
    /// Which features are rotated together.
    public enum Style: Sendable, Hashable {
        /// Pairs `(x_i, x_{i+d/2})`: the "rotate half" layout of GPT-NeoX, Hugging Face
        /// `transformers` (Llama and most others) and MLX's default (`traditional: false`).
        case halfSplit
        /// Pairs `(x_{2i}, x_{2i+1})`: the RoFormer paper, GPT-J, Meta's original Llama code and
        /// MLX's `traditional: true`.
        case interleaved
    }

    /// How many leading features are rotated (`d`); the remaining ones pass through unchanged
    /// ("partial rotary", as in GPT-NeoX and MLX's `dimensions`).
    public let dimensions: Int
    /// The base of the frequencies, 10 000 in the paper.
    public let base: Double
    /// Which features form a pair.
    public let style: Style

    /// A rotary embedding of the first `dimensions` features.
    ///
    /// - Precondition: `dimensions` is even and positive; `base > 0`.
    public init(dimensions: Int, base: Double = 10_000, style: Style = .halfSplit) {
        precondition(
            dimensions > 0 && dimensions % 2 == 0,
            "RotaryEmbedding: dimensions must be even and positive, got \(dimensions)")
        precondition(base > 0, "RotaryEmbedding: base must be positive, got \(base)")
        self.dimensions = dimensions
        self.base = base
        self.style = style
    }

    /// The angular frequencies `θ_i = base^(−2i/d)` for `i = 0 ..< d/2`, in radians per position.
    public var frequencies: [Double] {
        (0..<(dimensions / 2)).map { pow(base, -2 * Double($0) / Double(dimensions)) }
    }

    /// `x` with row `l` of its last two dimensions rotated to position `offset + l`.
    ///
    /// The angles `p·θ_i` and their cosines and sines are computed in `Double` and rounded to
    /// `Float`, so large positions stay accurate. (Hugging Face computes them in `Float`; the
    /// two agree to about 1e-7 for small positions and drift apart for large ones.)
    ///
    /// - Parameters:
    ///   - x: queries or keys `[..., L, D]` with `D >= dimensions`, e.g. `[B, H, L, D]`.
    ///   - offset: the position of the first row; the number of tokens already in the KV cache.
    /// - Precondition: `x` has at least 2 dimensions, its last is at least `dimensions`, and
    ///   `offset >= 0`.
    public func callAsFunction(_ x: Tensor, offset: Int = 0) -> Tensor {
        precondition(
            x.rank >= 2 && x.shape[x.rank - 1] >= dimensions,
            "RotaryEmbedding: expects [..., L, D] with D >= \(dimensions), got shape \(x.shape)")
        precondition(offset >= 0, "RotaryEmbedding: offset must be >= 0, got \(offset)")
        let length = x.shape[x.rank - 2]
        let featureCount = x.shape[x.rank - 1]
        let (cosines, sines) = rotationTable(positions: offset..<(offset + length))
        let pairs = pairIndices()
        let half = dimensions / 2

        var result = x.scalars
        // Every row of every leading index is one token; its position is its row in the sequence.
        for row in 0..<(x.count / Swift.max(featureCount, 1)) {
            let start = row * featureCount
            let table = (row % length) * half
            for (i, (first, second)) in pairs.enumerated() {
                let a = x.scalars[start + first]
                let b = x.scalars[start + second]
                let cosine = cosines[table + i]
                let sine = sines[table + i]
                result[start + first] = a * cosine - b * sine
                result[start + second] = a * sine + b * cosine
            }
        }
        return Tensor(shape: x.shape, scalars: result)
    }

    /// `cos(p·θ_i)` and `sin(p·θ_i)` for each position `p` (outer) and pair `i` (inner).
    private func rotationTable(positions: Range<Int>) -> (cosines: [Float], sines: [Float]) {
        let frequencies = frequencies
        var cosines = [Float]()
        var sines = [Float]()
        cosines.reserveCapacity(positions.count * frequencies.count)
        sines.reserveCapacity(positions.count * frequencies.count)
        for position in positions {
            for frequency in frequencies {
                let angle = Double(position) * frequency
                cosines.append(Float(cos(angle)))
                sines.append(Float(sin(angle)))
            }
        }
        return (cosines, sines)
    }

    /// The feature indices `(a, b)` of each pair, in frequency order.
    private func pairIndices() -> [(Int, Int)] {
        let half = dimensions / 2
        switch style {
        case .halfSplit: return (0..<half).map { ($0, $0 + half) }
        case .interleaved: return (0..<half).map { (2 * $0, 2 * $0 + 1) }
        }
    }
}
