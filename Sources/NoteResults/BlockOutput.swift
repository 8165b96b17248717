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

    public init(
        title: String?, shape: [Int], values: [Double], isBoolean: Bool = false,
        rowLabels: [String]? = nil, columnLabels: [String]? = nil, decimals: Int = 4
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
}
