/// Attention weights shown as lines (bertviz's head view): the query tokens in one column, the
/// key tokens in another, one line per pair whose opacity is the weight.
///
/// `weights` holds `headCount` matrices of `queries.count × keys.count` values, row-major: the
/// weight of query `q` on key `k` in head `h` is `weights[(h * queries.count + q) * keys.count + k]`.
public struct AttentionLines: Sendable, Hashable, Codable {
    public var title: String?
    public var queries: [String]
    public var keys: [String]
    public var weights: [Double]
    /// One name per head (`head 0`, …); a single matrix has one head.
    public var headLabels: [String]
    /// Digits after the decimal point of the weights in tooltips and the recorded output.
    public var decimals: Int

    public init(
        title: String?, queries: [String], keys: [String], weights: [Double], headLabels: [String],
        decimals: Int = 4
    ) {
        precondition(
            weights.count == headLabels.count * queries.count * keys.count,
            "AttentionLines: \(weights.count) weights for \(headLabels.count) heads of \(queries.count)×\(keys.count)")
        (self.title, self.queries, self.keys, self.weights) = (title, queries, keys, weights)
        (self.headLabels, self.decimals) = (headLabels, decimals)
    }

    public var headCount: Int { headLabels.count }

    /// The weight of query `query` on key `key` in head `head`.
    public func weight(head: Int, query: Int, key: Int) -> Double {
        weights[(head * queries.count + query) * keys.count + key]
    }

    /// The weights as a tensor (heads × queries × keys, or queries × keys for one head), for
    /// the recorded output, which writes them as tables.
    public var tensor: ShownTensor {
        let shape = headCount == 1 ? [queries.count, keys.count] : [headCount, queries.count, keys.count]
        return ShownTensor(
            title: title, shape: shape, values: weights, rowLabels: queries, columnLabels: keys, decimals: decimals,
            sliceLabels: headCount == 1 ? nil : headLabels)
    }
}
