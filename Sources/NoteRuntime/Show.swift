@_exported import Attention
import NoteResults

/// Shows a tensor as a table under the block: `show(attention(encodings), "Output", rows: tokens)`.
///
/// - Parameters:
///   - value: any rank; a 1-D tensor is one row, 3-D and more a stack of matrices.
///   - title: the table's caption.
///   - rows: labels of the last-but-one dimension (the rows), e.g. the tokens.
///   - columns: labels of the last dimension.
///   - decimals: digits after the decimal point (4, like PyTorch's printing).
///   - stack: how the matrices of a rank-3 tensor are named: by index (`[0, :, :]`), by a word
///     (`stack: "head"` names them `head 0`, `head 1`, …) or one label each
///     (`stack: ["write", "a", "poem"]`).
public func show(
    _ value: Tensor, _ title: String? = nil, rows: [String]? = nil, columns: [String]? = nil,
    decimals: Int = 4, stack: StackLabels = .indices
) {
    var tensor = shown(value, title, rows, columns, decimals)
    tensor.sliceLabels = stack.labels(for: value.shape)
    ResultChannel.shared.send(.table(tensor))
}

/// Shows a single number as a one-cell table.
public func show(_ value: Float, _ title: String? = nil, decimals: Int = 4) {
    show(Tensor(shape: [], scalars: [value]), title, decimals: decimals)
}

/// Shows a boolean mask as a table of True and False.
public func show(_ mask: Mask, _ title: String? = nil, rows: [String]? = nil, columns: [String]? = nil) {
    var tensor = shown(
        Tensor(shape: mask.shape, scalars: mask.values.map { $0 ? 1 : 0 }), title, rows, columns, 0)
    tensor.isBoolean = true
    ResultChannel.shared.send(.table(tensor))
}

/// Draws a tensor as an SVG heatmap under the block:
/// `heatmap(attention.weights(encodings), "Attention percentages", rows: tokens, columns: tokens)`.
///
/// Values ≥ 0 use a perceptual colour map (viridis); signed values a diverging one centred on 0.
/// A tensor of rank 3 or more is drawn as one heatmap per leading index, on one colour scale.
/// The recorded output is the same table `show` records (stack names included).
///
/// - Parameters:
///   - scale: how values become colours. Nil (the default): 0…1 when the tensor holds
///     probabilities (every value in 0…1, every row summing to 1 within 1e-3), else the
///     heatmap's own range. `.automatic` always uses its own range; `.fixed(0...1)` a given
///     range; `.shared("scores")` the range of every heatmap of the note sharing that name.
///   - legend: the colour bar's title (by default, what the scale is: "probability (0…1)", …).
///   - stack: how the matrices of a rank-3 tensor are named (see `show`); `stack: "head"` for heads.
public func heatmap(
    _ value: Tensor, _ title: String? = nil, rows: [String]? = nil, columns: [String]? = nil,
    decimals: Int = 4, scale: HeatmapScale? = nil, legend: String? = nil, stack: StackLabels = .indices
) {
    var tensor = shown(value, title, rows, columns, decimals)
    tensor.sliceLabels = stack.labels(for: value.shape)
    tensor.colorScale = scale?.colorScale
    tensor.scaleTitle = legend
    ResultChannel.shared.send(.heatmap(tensor))
}

private func shown(
    _ value: Tensor, _ title: String?, _ rows: [String]?, _ columns: [String]?, _ decimals: Int
) -> ShownTensor {
    let rowCount = value.rank >= 2 ? value.shape[value.rank - 2] : (value.rank == 1 ? 1 : 0)
    let columnCount = value.rank >= 1 ? value.shape[value.rank - 1] : 0
    precondition(
        rows == nil || rows!.count == rowCount,
        "show: \(rows!.count) row labels for \(rowCount) rows of a tensor of shape \(value.shape)")
    precondition(
        columns == nil || columns!.count == columnCount,
        "show: \(columns!.count) column labels for \(columnCount) columns of a tensor of shape \(value.shape)")
    return ShownTensor(
        title: title, shape: value.shape, values: value.scalars.map(Double.init),
        rowLabels: rows, columnLabels: columns, decimals: decimals)
}

/// Called by the generated program before each block's code. Not for notes.
public func _notesgenBeginBlock(_ index: Int) {
    ResultChannel.shared.begin(block: index)
}

/// Called by the generated program after the last block. Not for notes.
public func _notesgenEnd() {
    ResultChannel.shared.end()
}
