/// A tensor (or boolean mask) a block showed with `show` or `heatmap`, with its labels.
///
/// `values` are row-major; `shape` is the tensor's shape (`[]` for a scalar). Non-finite
/// numbers are allowed (NaN, ±inf) and survive the trip from the note's program.
public struct ShownTensor: Sendable, Hashable, Codable {
    public var title: String?
    public var shape: [Int]
    public var values: [Double]
    /// True when the values are booleans (a `Mask`): 1 is true, 0 is false.
    public var isBoolean: Bool
    public var rowLabels: [String]?
    public var columnLabels: [String]?
    /// Digits after the decimal point when shown (4 unless the block asked otherwise).
    public var decimals: Int
    /// Names of the matrices of a stack (rank 3 and more), one per leading index, such as
    /// `head 0`, `head 1`; nil names them by index (`[0, :, :]`). Nil values are left out of
    /// the JSON, so results recorded before these fields existed read back unchanged.
    public var sliceLabels: [String]?
    /// How a heatmap's colours are scaled; nil is the default (see `ColorScale`).
    public var colorScale: ColorScale?
    /// The title of a heatmap's colour bar; nil lets the renderer say what the scale is.
    public var scaleTitle: String?

    public init(
        title: String?, shape: [Int], values: [Double], isBoolean: Bool = false,
        rowLabels: [String]? = nil, columnLabels: [String]? = nil, decimals: Int = 4,
        sliceLabels: [String]? = nil, colorScale: ColorScale? = nil, scaleTitle: String? = nil
    ) {
        precondition(
            values.count == shape.reduce(1, *),
            "ShownTensor: \(values.count) values do not fill shape \(shape)")
        self.title = title
        self.shape = shape
        self.values = values
        self.isBoolean = isBoolean
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.decimals = decimals
        self.sliceLabels = sliceLabels
        self.colorScale = colorScale
        self.scaleTitle = scaleTitle
    }
}

/// One thing a block showed, in the order the block showed it.
public enum BlockOutput: Sendable, Hashable, Codable {
    /// `show(tensor, …)`: a table.
    case table(ShownTensor)
    /// `heatmap(tensor, …)`: an SVG heatmap.
    case heatmap(ShownTensor)
    /// Everything the block printed between two shown values, verbatim.
    case text(String)
    /// `attentionLines(weights, …)`: who attends to whom, as lines between two token columns.
    case attentionLines(AttentionLines)
    /// `plot(…)`: one or more series as lines against a common axis.
    case plot(Plot)
    /// `attentionSteps(…)`: one query's scores, softmax and weighted sum, step by step.
    case attentionSteps(AttentionSteps)
}
