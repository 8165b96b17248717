import NoteResults

/// Draws attention weights as lines between tokens under the block (bertviz's head view, drawn
/// when the site is built): `attentionLines(attention.weights(encodings), queries: tokens)`.
///
/// The query tokens stand in a column on the left, the key tokens on the right; each pair is
/// joined by a line whose opacity is its weight. Hovering or focusing a token on the page shows
/// only its lines and their weights. A stack of heads gets one colour per head and a choice of
/// one head or all.
///
/// - Parameters:
///   - weights: queries × keys, or heads × queries × keys; each row a softmax (values in 0…1).
///   - title: the figure's caption.
///   - queries: the labels of the rows.
///   - keys: the labels of the columns; the queries when nil (self-attention).
///   - heads: the names of the heads of a stack (`"head"`: head 0, head 1, …).
///   - decimals: digits of the weights in tooltips and in the recorded output.
///
/// Recorded as the table of the weights (one per head, named by `heads`), like `show`.
public func attentionLines(
    _ weights: Tensor, _ title: String? = nil, queries: [String], keys: [String]? = nil,
    heads: StackLabels = "head", decimals: Int = 4
) {
    let keys = keys ?? queries
    precondition(
        weights.rank == 2 || weights.rank == 3, "attentionLines: weights of shape \(weights.shape) are not 2-D or 3-D")
    let (queryCount, keyCount) = (weights.shape[weights.rank - 2], weights.shape[weights.rank - 1])
    precondition(
        queries.count == queryCount && keys.count == keyCount,
        "attentionLines: \(queries.count) queries and \(keys.count) keys for weights of shape \(weights.shape)")
    let headLabels = weights.rank == 3 ? heads.labels(for: weights.shape)! : ["all"]
    ResultChannel.shared.send(
        .attentionLines(
            AttentionLines(
                title: title, queries: queries, keys: keys, weights: weights.scalars.map(Double.init),
                headLabels: headLabels, decimals: decimals)))
}
