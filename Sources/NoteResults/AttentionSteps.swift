/// One row of attention, step by step, as the library computed it: a query's scores against
/// every key, the scaled scores, their softmax, and the weighted sum of the value rows.
///
/// Every number is the note program's: `scores[k]` is q·k_k, `scaledScores = scores × scale`,
/// `weights = softmax(scaledScores)`, `output = Σ_k weights[k] · values[k]`.
public struct AttentionSteps: Sendable, Hashable, Codable {
    public var title: String?
    /// The query token whose row this is.
    public var query: String
    /// The key (and value) tokens.
    public var keys: [String]
    public var scores: [Double]
    /// The factor the scores were multiplied by (1/√d_k unless the block gave another).
    public var scale: Double
    public var scaledScores: [Double]
    public var weights: [Double]
    /// `keys.count` rows of `valueWidth` numbers, row-major.
    public var values: [Double]
    public var valueWidth: Int
    public var output: [Double]
    public var decimals: Int

    public init(
        title: String?, query: String, keys: [String], scores: [Double], scale: Double, scaledScores: [Double],
        weights: [Double], values: [Double], valueWidth: Int, output: [Double], decimals: Int = 4
    ) {
        precondition(
            scores.count == keys.count && scaledScores.count == keys.count && weights.count == keys.count
                && values.count == keys.count * valueWidth && output.count == valueWidth,
            "AttentionSteps: sizes do not match \(keys.count) keys and values of width \(valueWidth)")
        (self.title, self.query, self.keys, self.scores, self.scale) = (title, query, keys, scores, scale)
        (self.scaledScores, self.weights, self.values, self.valueWidth) = (scaledScores, weights, values, valueWidth)
        (self.output, self.decimals) = (output, decimals)
    }

    /// The value row of key `key`.
    public func valueRow(_ key: Int) -> ArraySlice<Double> {
        values[key * valueWidth..<(key + 1) * valueWidth]
    }
}
