import NoteResults

/// Draws one or more series as a line plot under the block:
/// `plot(losses, "Training loss", xLabel: "step", yLabel: "loss")`.
///
/// - Parameters:
///   - values: a 1-D tensor (one series) or a 2-D one (one series per row).
///   - title: the figure's caption.
///   - x: the horizontal positions, one per value of a series; 0, 1, 2, … when nil (steps).
///   - series: the series' names, in the legend; "series 0", … when nil.
///   - xLabel, yLabel: the axes' titles.
///   - logX, logY: draw that axis on a logarithmic (base-10) scale; its values must be > 0.
///   - decimals: digits of the values in tooltips and in the recorded output.
///
/// Recorded compactly, so a long curve stays a doc-test of a few lines: per series, its length,
/// first and last points, its minimum and maximum, and five points at fixed positions (0, ¼, ½,
/// ¾ and the end), each number compared with the doc-tests' tolerance.
public func plot(
    _ values: Tensor, _ title: String? = nil, x: [Float]? = nil, series: [String]? = nil,
    xLabel: String = "step", yLabel: String = "", logX: Bool = false, logY: Bool = false, decimals: Int = 4
) {
    precondition(values.rank == 1 || values.rank == 2, "plot: values of shape \(values.shape) are not 1-D or 2-D")
    let rows = values.rank == 1 ? [values.scalars] : (0..<values.shape[0]).map { values[$0].scalars }
    plot(rows, title, x: x, series: series, xLabel: xLabel, yLabel: yLabel, logX: logX, logY: logY, decimals: decimals)
}

/// One series per array: `plot([unscaled, scaled], "Spread", x: dimensions, series: ["q·k", "q·k/√d_k"])`.
/// The parameters are those of `plot(_: Tensor, …)`.
public func plot(
    _ values: [[Float]], _ title: String? = nil, x: [Float]? = nil, series: [String]? = nil,
    xLabel: String = "step", yLabel: String = "", logX: Bool = false, logY: Bool = false, decimals: Int = 4
) {
    precondition(
        series == nil || series!.count == values.count, "plot: \(series!.count) names for \(values.count) series")
    precondition(
        values.allSatisfy { $0.count == values.first?.count }, "plot: the series have different lengths")
    let shown = values.enumerated().map { number, row -> Plot.Series in
        precondition(x == nil || x!.count == row.count, "plot: \(x!.count) x values for a series of \(row.count)")
        let positions = x.map { $0.map(Double.init) } ?? row.indices.map(Double.init)
        return Plot.Series(
            name: series?[number] ?? "series \(number)", x: positions, y: row.map(Double.init))
    }
    for line in shown {
        precondition(!logX || line.x.allSatisfy { $0 > 0 }, "plot: logX needs x values > 0")
        precondition(!logY || line.y.allSatisfy { !($0 <= 0) }, "plot: logY needs values > 0 in \(line.name)")
    }
    ResultChannel.shared.send(
        .plot(
            Plot(
                title: title, series: shown, xAxis: Plot.Axis(label: xLabel, isLogarithmic: logX),
                yAxis: Plot.Axis(label: yLabel, isLogarithmic: logY), decimals: decimals)))
}
