import Foundation
import NoteResults

/// Shows a `Plot` as an inline SVG line chart: axes with round-number ticks and light grid
/// lines, the axes' titles, one line per series in its colour (the `series-N` classes, which
/// differ in light and dark mode), and a legend under the chart.
///
/// A logarithmic axis has a tick per power of ten. A non-finite value leaves a gap in its line.
/// Series of at most `largestSeriesWithMarkers` points also get a dot per point with a
/// `<title>` tooltip (`loss at 3: 0.8000`). For the page's script, the plot area carries every
/// point's position and value, so pointing anywhere over it (or focusing it and pressing the
/// arrow keys) marks the nearest step and shows each series' value there.
public enum PlotRenderer {
    public static let largestSeriesWithMarkers = 40

    static let width: Double = 640
    static let height: Double = 300
    static let left: Double = 64
    static let right: Double = 16
    static let top: Double = 12
    static let bottom: Double = 44
    static let fontSize: Double = 11

    /// - Parameters:
    ///   - plot: the series and axes.
    ///   - id: unique within the page; names the SVG's title.
    public static func render(_ plot: Plot, id: String) -> HTMLNode {
        let xs = plot.series.flatMap(\.x)
        let ys = plot.series.flatMap(\.y)
        let xAxis = PlotAxis(plot.xAxis, values: xs, from: left, to: width - right, padded: false)
        let yAxis = PlotAxis(plot.yAxis, values: ys, from: height - bottom, to: top, padded: true)
        let titleID = id + "-title"
        var content: [HTMLNode] = [.element("title", ["id": titleID], [.text(caption(plot))])]
        content.append(grid(xAxis: xAxis, yAxis: yAxis))
        content.append(axisTitles(plot))
        let lines = plot.series.enumerated().map { number, series in
            line(series, number: number, plot: plot, xAxis: xAxis, yAxis: yAxis)
        }
        var area: HTMLAttributes = [
            "class": "plot-area", "tabindex": "0",
            "data-area": [left, top, width - left - right, height - top - bottom].map(svgNumber).joined(separator: " "),
        ]
        if let first = plot.series.first {
            area.append("data-xs", first.x.map { svgNumber(xAxis.position(of: $0) ?? -1) }.joined(separator: " "))
            area.append("data-x-values", first.x.map { xLabel($0, plot) }.joined(separator: " "))
            area.append("data-x-label", plot.xAxis.label)
        }
        content.append(.element("g", area, [hitArea()] + lines))
        let svg = HTMLNode.element(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "role": "img", "aria-labelledby": titleID,
                "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))", "width": svgNumber(width),
                "height": svgNumber(height), "font-size": svgNumber(fontSize),
            ], content)
        let legend = plot.series.enumerated().map { number, series in
            HTMLNode.element(
                "li", [],
                [
                    .element(
                        "span",
                        ["class": "swatch series-\(number % FigureStylesheet.seriesColors)", "aria-hidden": "true"]),
                    .text(series.name),
                ])
        }
        return .element(
            "figure", ["class": "plot"],
            [
                .element("figcaption", [], [.text(caption(plot))]), .element("div", ["class": "figure-scroll"], [svg]),
                .element("ul", ["class": "plot-legend"], legend),
            ])
    }

    /// `Training loss · loss against step`.
    static func caption(_ plot: Plot) -> String {
        let axes = (plot.yAxis.label.isEmpty ? "value" : plot.yAxis.label) + " against " + plot.xAxis.label
        guard let title = plot.title, !title.isEmpty else { return axes }
        return title + " · " + axes
    }

    /// An x value as the recorded output writes it: whole numbers without decimals.
    static func xLabel(_ value: Double, _ plot: Plot) -> String {
        let whole = value.isFinite && value == value.rounded() && abs(value) < 1e15
        return NumberFormat.formatted(value, decimals: whole ? 0 : plot.decimals)
    }

    /// The ticks, their labels and grid lines of both axes.
    private static func grid(xAxis: PlotAxis, yAxis: PlotAxis) -> HTMLNode {
        var nodes: [HTMLNode] = []
        for tick in xAxis.ticks.values where xAxis.contains(tick) {
            guard let x = xAxis.position(of: tick) else { continue }
            nodes.append(
                .element(
                    "line",
                    [
                        "class": "grid", "x1": svgNumber(x), "x2": svgNumber(x), "y1": svgNumber(top),
                        "y2": svgNumber(height - bottom),
                    ]))
            nodes.append(
                .element(
                    "text", ["x": svgNumber(x), "y": svgNumber(height - bottom + 14), "text-anchor": "middle"],
                    [.text(xAxis.ticks.label(tick))]))
        }
        for tick in yAxis.ticks.values where yAxis.contains(tick) {
            guard let y = yAxis.position(of: tick) else { continue }
            nodes.append(
                .element(
                    "line",
                    [
                        "class": "grid", "x1": svgNumber(left), "x2": svgNumber(width - right), "y1": svgNumber(y),
                        "y2": svgNumber(y),
                    ]))
            nodes.append(
                .element(
                    "text",
                    [
                        "x": svgNumber(left - 6), "y": svgNumber(y), "text-anchor": "end",
                        "dominant-baseline": "central",
                    ], [.text(yAxis.ticks.label(tick))]))
        }
        nodes.append(
            .element(
                "rect",
                [
                    "class": "frame", "x": svgNumber(left), "y": svgNumber(top),
                    "width": svgNumber(width - left - right),
                    "height": svgNumber(height - top - bottom), "fill": "none",
                ]))
        return .element("g", ["class": "axes", "fill": "currentColor"], nodes)
    }

    private static func axisTitles(_ plot: Plot) -> HTMLNode {
        let middleY = (top + height - bottom) / 2
        func title(_ axis: Plot.Axis) -> String { axis.label + (axis.isLogarithmic ? " (log)" : "") }
        return .element(
            "g", ["class": "axis-titles", "fill": "currentColor", "text-anchor": "middle"],
            [
                .element(
                    "text", ["x": svgNumber((left + width - right) / 2), "y": svgNumber(height - 8)],
                    [.text(title(plot.xAxis))]),
                .element(
                    "text", ["transform": "translate(14 \(svgNumber(middleY))) rotate(-90)"],
                    [.text(title(plot.yAxis))]),
            ])
    }

    /// A transparent rectangle over the plot area, so the pointer is over the figure everywhere.
    private static func hitArea() -> HTMLNode {
        .element(
            "rect",
            [
                "x": svgNumber(left), "y": svgNumber(top), "width": svgNumber(width - left - right),
                "height": svgNumber(height - top - bottom), "fill": "transparent",
            ])
    }

    /// One series: its line (broken where a value is not finite), its dots when it is short,
    /// and its points' positions and values for the script.
    private static func line(
        _ series: Plot.Series, number: Int, plot: Plot, xAxis: PlotAxis, yAxis: PlotAxis
    ) -> HTMLNode {
        var path = ""
        var penDown = false
        var markers: [HTMLNode] = []
        var positions: [String] = []
        for (x, y) in zip(series.x, series.y) {
            guard let px = xAxis.position(of: x), let py = yAxis.position(of: y) else {
                penDown = false
                positions.append("-")
                continue
            }
            path += (penDown ? "L" : "M") + svgNumber(px) + " " + svgNumber(py)
            penDown = true
            positions.append(svgNumber(py))
            if series.y.count <= largestSeriesWithMarkers {
                let value = NumberFormat.formatted(y, decimals: plot.decimals)
                markers.append(
                    .element(
                        "circle", ["cx": svgNumber(px), "cy": svgNumber(py), "r": "3"],
                        [.element("title", [], [.text("\(series.name) at \(xLabel(x, plot)): \(value)")])]))
            }
        }
        let values = series.y.map { NumberFormat.formatted($0, decimals: plot.decimals) }.joined(separator: " ")
        return .element(
            "g",
            [
                "class": "series series-\(number % FigureStylesheet.seriesColors)", "data-name": series.name,
                "data-ys": positions.joined(separator: " "), "data-values": values,
            ],
            [.element("path", ["d": path, "fill": "none", "stroke": "currentColor", "stroke-width": "2"])]
                + (markers.isEmpty ? [] : [.element("g", ["fill": "currentColor"], markers)]))
    }
}

/// One axis of a plot: the range of its values, padded to round ticks, mapped onto the pixels
/// from `from` to `to` (so the y axis runs upwards), linearly or in powers of ten.
struct PlotAxis {
    let isLogarithmic: Bool
    let low: Double
    let high: Double
    let ticks: NiceTicks
    let from: Double
    let to: Double

    init(_ axis: Plot.Axis, values: [Double], from: Double, to: Double, padded: Bool) {
        isLogarithmic = axis.isLogarithmic
        (self.from, self.to) = (from, to)
        let finite = values.filter { $0.isFinite && (!axis.isLogarithmic || $0 > 0) }
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if low == high { (low, high) = isLogarithmic ? (low / 10, high * 10) : (low - 1, high + 1) }
        if isLogarithmic {
            ticks = NiceTicks.logarithmic(low: low, high: high)
            if padded { (low, high) = (ticks.values.first ?? low, ticks.values.last ?? high) }
        } else {
            let rough = NiceTicks(low: low, high: high)
            if padded, let step = rough.values.count > 1 ? rough.values[1] - rough.values[0] : nil {
                // Extend to the ticks just outside the data, so the line never touches the frame.
                low = (low / step).rounded(.down) * step
                high = (high / step).rounded(.up) * step
            }
            ticks = NiceTicks(low: low, high: high)
        }
        (self.low, self.high) = (low, high)
    }

    /// Whether `value` is within the axis (a tick outside it is not drawn).
    func contains(_ value: Double) -> Bool {
        let slack = (high - low) * 1e-9
        return value >= low - slack && value <= high + slack
    }

    /// The pixel of `value`; nil when it cannot be drawn (not finite, or ≤ 0 on a log axis).
    func position(of value: Double) -> Double? {
        guard value.isFinite, !isLogarithmic || value > 0 else { return nil }
        let t =
            isLogarithmic
            ? (log10(value) - log10(low)) / max(log10(high) - log10(low), 1e-12)
            : (value - low) / max(high - low, 1e-300)
        return from + t * (to - from)
    }
}
