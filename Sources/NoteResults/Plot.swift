/// Lines drawn against a common horizontal axis: a loss over training steps, a spread against d_k.
public struct Plot: Sendable, Hashable, Codable {
    /// One line of the plot: `y[i]` at `x[i]`.
    public struct Series: Sendable, Hashable, Codable {
        public var name: String
        public var x: [Double]
        public var y: [Double]

        public init(name: String, x: [Double], y: [Double]) {
            precondition(x.count == y.count, "Plot.Series: \(x.count) x values for \(y.count) y values")
            (self.name, self.x, self.y) = (name, x, y)
        }
    }

    /// An axis: its label and whether it is logarithmic (base 10).
    public struct Axis: Sendable, Hashable, Codable {
        public var label: String
        public var isLogarithmic: Bool

        public init(label: String, isLogarithmic: Bool = false) {
            (self.label, self.isLogarithmic) = (label, isLogarithmic)
        }
    }

    public var title: String?
    public var series: [Series]
    public var xAxis: Axis
    public var yAxis: Axis
    /// Digits after the decimal point of the values in tooltips and the recorded output.
    public var decimals: Int

    public init(title: String?, series: [Series], xAxis: Axis, yAxis: Axis, decimals: Int = 4) {
        (self.title, self.series, self.xAxis, self.yAxis, self.decimals) = (title, series, xAxis, yAxis, decimals)
    }
}
