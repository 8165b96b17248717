import Foundation
import NoteResults

/// Shows a tensor as an inline SVG heatmap.
///
/// The colours are `HeatmapScale`'s: viridis for values ≥ 0, blue–white–red centred on 0 for
/// signed values (blue–grey–red in dark mode, see `DivergingPalette`), on a range the block
/// chose or 0…1 for probabilities; NaN and ±inf cells are hatched grey. A colour bar below the
/// matrix has a title (what the scale is) and round-number ticks. Row labels are on the left,
/// column labels on top (turned 45° when they are longer than a cell is wide).
///
/// Two sizes of matrix are drawn differently:
/// - at most 12×12: one `<rect>` per cell with a `<title>` tooltip (`write → poem: 0.3573`) and
///   its value (2 decimals) in black or white, whichever contrasts more;
/// - larger: no value text, labels thinned to every 1, 2, 5, 10… so they stay legible, and the
///   cells drawn as runs: one `<path>` per colour level (32 levels of viridis, 21 of the
///   diverging map) holding every run of neighbouring cells of that level in a row. A 256×256
///   matrix is then tens of kilobytes rather than megabytes.
///
/// For the page's script (`SiteScript`), the cells' `<g>` carries the grid's geometry and, for
/// runs of cells, the full labels and (up to `largestMatrixWithDataValues` cells) the values as
/// the tables write them, so one pointer handler finds the cell under the pointer, highlights its row and column and
/// shows the value, without an element per cell; the `<g>` is focusable and the arrow keys
/// move through the cells. Without the script, the small matrices' tooltips and values remain.
///
/// The SVG has a `viewBox` and its natural size, so CSS can shrink it to the column width;
/// its labels use `currentColor`, so they follow the page's light or dark text colour.
/// Tensors of rank 3 and more become small multiples, one heatmap per leading index (named by
/// the block's stack labels, `head 0`, or by index), sharing one colour scale. Coordinates are
/// written with at most one decimal, so the output is byte-identical from run to run.
public enum HeatmapRenderer {
    /// Matrices with at most this many rows and columns show their values in the cells.
    public static let largestMatrixWithValues = 12
    /// Matrices with at most this many cells carry their values for the script's tooltip.
    public static let largestMatrixWithDataValues = 4096

    /// - Parameters:
    ///   - tensor: what to show; labels are plain text.
    ///   - id: unique within the page; prefixes the `id`s inside the SVG (its title, colour
    ///     gradient and hatch pattern). Letters, digits, `-` and `_` only.
    ///   - sharedRanges: the ranges of the note's shared scales, by name (`SharedColorScales`).
    public static func render(
        _ tensor: ShownTensor, id: String, sharedRanges: [String: ClosedRange<Double>] = [:]
    ) -> HTMLNode {
        precondition(
            !id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") },
            "HeatmapRenderer: \"\(id)\" is not a usable id")
        let layout = TensorLayout(tensor)
        // About one tick per 48 units of colour bar, so that their labels never touch.
        let tickCount = Int(HeatmapSVG.colorBarWidth(for: layout) / 48)
        let scale = HeatmapScale(
            tensor, rowLength: layout.columnCount, sharedRanges: sharedRanges, tickCount: tickCount)
        let caption = HTMLNode.element("figcaption", [], [.text(tensor.caption)])
        if layout.slices.count == 1, layout.slices[0].name == nil {
            let svg = HeatmapSVG(tensor: tensor, layout: layout, scale: scale, offset: 0)
                .render(id: id, title: tensor.caption)
            return .element("figure", ["class": "heatmap"], [caption, svg])
        }
        let multiples = layout.slices.enumerated().map { number, slice -> HTMLNode in
            let name = slice.name ?? ""
            let svg = HeatmapSVG(tensor: tensor, layout: layout, scale: scale, offset: slice.offset)
                .render(id: "\(id)-\(number)", title: tensor.caption + " " + name)
            return .element("figure", ["class": "heatmap"], [.element("figcaption", [], [.text(name)]), svg])
        }
        return .element(
            "figure", ["class": "heatmap-stack"],
            [caption, .element("div", ["class": "heatmap-multiples"], multiples)])
    }
}

/// The geometry and drawing of one heatmap matrix.
struct HeatmapSVG {
    let tensor: ShownTensor
    let layout: TensorLayout
    /// Nil when no value is finite: every cell is hatched and there is no colour bar.
    let scale: HeatmapScale?
    /// Index in `tensor.values` of this matrix's first value.
    let offset: Int

    let showsValues: Bool
    let cellSize: Double
    let labelFontSize: Double
    /// Every `labelStep`-th label is drawn (1 for small matrices).
    let labelStep: Int
    let rowLabels: [String]?
    let columnLabels: [String]?
    let turnsColumnLabels: Bool
    let gridLeft: Double
    let gridTop: Double
    let width: Double
    let height: Double
    let colorBarWidth: Double

    static let margin: Double = 4
    static let colorBarGap: Double = 12
    static let colorBarHeight: Double = 10
    static let tickFontSize: Double = 10
    /// Large matrices are drawn at most this wide or high (cells of 2 to 16 units).
    static let largestGridSize: Double = 512
    /// Labels longer than this are shortened with "…" (the tooltips keep them whole).
    static let longestLabel = 16
    /// The width of a character relative to the font size (monospace).
    static let characterWidth = 0.6
    static let sin45 = 0.7071
    /// Colour levels of viridis when cells are drawn as runs.
    static let viridisLevels = 32

    init(tensor: ShownTensor, layout: TensorLayout, scale: HeatmapScale?, offset: Int) {
        (self.tensor, self.layout, self.scale, self.offset) = (tensor, layout, scale, offset)
        showsValues = Self.showsValues(layout)
        cellSize = Self.cellSize(for: layout)
        labelFontSize = showsValues ? 12 : 10
        labelStep = Self.roundStep(atLeast: (labelFontSize * 1.2 / cellSize).rounded(.up))
        rowLabels = layout.rowLabels?.map(Self.shortened)
        columnLabels = layout.columnLabels?.map(Self.shortened)

        let labelCharacterWidth = labelFontSize * Self.characterWidth
        let rowLabelWidth =
            rowLabels.map { labels in
                Double(labels.map(\.count).max() ?? 0) * labelCharacterWidth + 6
            } ?? 0
        let longestColumnLabel = Double(columnLabels?.map(\.count).max() ?? 0) * labelCharacterWidth
        turnsColumnLabels = longestColumnLabel > cellSize * Double(labelStep) - 4
        let columnLabelHeight: Double
        let rightOverhang: Double
        if columnLabels == nil {
            (columnLabelHeight, rightOverhang) = (0, 0)
        } else if turnsColumnLabels {
            columnLabelHeight = longestColumnLabel * Self.sin45 + labelFontSize
            rightOverhang = max(0, longestColumnLabel * Self.sin45 - cellSize / 2)
        } else {
            (columnLabelHeight, rightOverhang) = (labelFontSize + 6, 0)
        }

        gridLeft = Self.margin + rowLabelWidth
        gridTop = Self.margin + columnLabelHeight
        let gridWidth = Double(layout.columnCount) * cellSize
        let gridHeight = Double(layout.rowCount) * cellSize
        colorBarWidth = Self.colorBarWidth(for: layout)
        let legendWidth = scale == nil ? 0 : colorBarWidth
        let legendHeight =
            scale == nil ? 0 : Self.colorBarGap + Self.tickFontSize + 4 + Self.colorBarHeight + 4 + Self.tickFontSize
        width = gridLeft + max(gridWidth + rightOverhang, legendWidth) + Self.margin
        height = gridTop + gridHeight + legendHeight + Self.margin
    }

    static func showsValues(_ layout: TensorLayout) -> Bool {
        layout.rowCount <= HeatmapRenderer.largestMatrixWithValues
            && layout.columnCount <= HeatmapRenderer.largestMatrixWithValues
    }

    /// 56 units when the values are written in the cells; else what fits the largest side in
    /// `largestGridSize`, between 2 and 16 units.
    static func cellSize(for layout: TensorLayout) -> Double {
        let largestSide = Double(max(layout.rowCount, layout.columnCount, 1))
        return showsValues(layout) ? 56 : min(16, max(2, (largestGridSize / largestSide).rounded(.down)))
    }

    /// As wide as the matrix, within 160…240 units.
    static func colorBarWidth(for layout: TensorLayout) -> Double {
        min(max(Double(layout.columnCount) * cellSize(for: layout), 160), 240)
    }

    /// The smallest of 1, 2, 5, 10, 20, 50, … that is at least `minimum`.
    static func roundStep(atLeast minimum: Double) -> Int {
        var power = 1
        while true {
            for factor in [1, 2, 5] where Double(factor * power) >= minimum { return factor * power }
            power *= 10
        }
    }

    func render(id: String, title: String) -> HTMLNode {
        let titleID = id + "-title"
        var content: [HTMLNode] = [.element("title", ["id": titleID], [.text(title)])]
        let definitions = self.definitions(id: id)
        if !definitions.isEmpty { content.append(.element("defs", [], definitions)) }
        content.append(cells(id: id))
        if showsValues { content.append(values()) }
        content += labels()
        if let scale { content.append(colorBar(scale, id: id)) }
        return .element(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "role": "img", "aria-labelledby": titleID,
                "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))",
                "width": svgNumber(width), "height": svgNumber(height),
                "font-family": "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
            ], content)
    }

    private var cellCount: Int { layout.rowCount * layout.columnCount }

    /// Whether some cell is drawn hatched (non-finite, or a masking sentinel).
    private var hasHatchedCell: Bool {
        (0..<cellCount).contains { scale?.isOnScale(tensor.values[offset + $0]) != true }
    }

    /// The colour bar's gradient and, when needed, the hatching of non-finite cells.
    private func definitions(id: String) -> [HTMLNode] {
        var definitions: [HTMLNode] = []
        if let scale {
            let stops: [HTMLNode]
            if scale.isDiverging {
                // One stop per level, classed so that dark mode recolours the bar as the cells.
                stops = (0..<DivergingPalette.levels).map { level in
                    let position = Double(level) / Double(DivergingPalette.levels - 1)
                    return .element(
                        "stop",
                        [
                            "offset": svgNumber(position * 100) + "%",
                            "stop-color": scale.colorMap.color(at: position).hexString,
                            "class": DivergingPalette.className(ofLevel: level),
                        ])
                }
            } else {
                let points = scale.colorMap.controlPoints
                stops = points.indices.map { index in
                    .element(
                        "stop",
                        [
                            "offset": svgNumber(Double(index) / Double(points.count - 1) * 100) + "%",
                            "stop-color": points[index].hexString,
                        ])
                }
            }
            definitions.append(
                .element("linearGradient", ["id": id + "-scale", "x1": "0", "x2": "1", "y1": "0", "y2": "0"], stops))
        }
        if hasHatchedCell {
            definitions.append(
                .element(
                    "pattern",
                    [
                        "id": id + "-hatch", "width": "6", "height": "6", "patternUnits": "userSpaceOnUse",
                        // Runs of cells are drawn in cell units: undo that scale, so the hatching
                        // has the same stripes at every size.
                        "patternTransform": showsValues
                            ? "rotate(45)" : "scale(\(String(format: "%.4f", 1 / cellSize))) rotate(45)",
                    ],
                    [
                        .element("rect", ["width": "6", "height": "6", "fill": "#c8c8c8"]),
                        .element(
                            "line",
                            ["x1": "0", "y1": "0", "x2": "0", "y2": "6", "stroke": "#8a8a8a", "stroke-width": "3"]),
                    ]))
        }
        return definitions
    }

    /// The colour level of a value: its fill (light mode), its class (recoloured in dark mode)
    /// and, for runs of cells, the range of values it stands for.
    private struct Paint: Hashable, Comparable {
        /// -1 for hatched cells, else the level on the map.
        var level: Int
        var fill: String
        var className: String?

        static func < (a: Paint, b: Paint) -> Bool { a.level < b.level }
    }

    /// How a cell is painted; exact colours for small matrices, levels for runs.
    private func paint(of value: Double, id: String, quantised: Bool) -> Paint {
        guard let scale, scale.isOnScale(value) else { return Paint(level: -1, fill: "url(#\(id)-hatch)") }
        let position = scale.position(of: value)
        if scale.isDiverging {
            let level = DivergingPalette.level(at: position)
            let shown = quantised ? Double(level) / Double(DivergingPalette.levels - 1) : position
            return Paint(
                level: level, fill: scale.colorMap.color(at: shown).hexString,
                className: DivergingPalette.className(ofLevel: level))
        }
        let level = Int((position * Double(Self.viridisLevels - 1)).rounded())
        let shown = quantised ? Double(level) / Double(Self.viridisLevels - 1) : position
        return Paint(level: level, fill: scale.colorMap.color(at: shown).hexString)
    }

    /// What the page's script needs to find and describe a cell under the pointer: the grid's
    /// geometry, and for runs of cells (which have no `<title>` each) the labels and values.
    private func scriptData() -> HTMLAttributes {
        var attributes: HTMLAttributes = [
            "class": "cells", "tabindex": "0",
            "data-grid": [gridLeft, gridTop, cellSize].map(svgNumber).joined(separator: " ")
                + " \(layout.rowCount) \(layout.columnCount)",
        ]
        guard !showsValues else { return attributes }
        if let labels = layout.rowLabels { attributes.append("data-rows", Self.json(labels)) }
        if let labels = layout.columnLabels { attributes.append("data-columns", Self.json(labels)) }
        if cellCount <= HeatmapRenderer.largestMatrixWithDataValues {
            attributes.append(
                "data-values", (0..<cellCount).map { tensor.formattedValue(at: offset + $0) }.joined(separator: " "))
        }
        return attributes
    }

    private static func json(_ labels: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(labels)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private func cells(id: String) -> HTMLNode {
        showsValues ? cellRects(id: id) : cellRuns(id: id)
    }

    /// One `<rect>` per cell, with its tooltip.
    private func cellRects(id: String) -> HTMLNode {
        var cells: [HTMLNode] = []
        for row in 0..<layout.rowCount {
            for column in 0..<layout.columnCount {
                let index = offset + row * layout.columnCount + column
                let paint = paint(of: tensor.values[index], id: id, quantised: false)
                cells.append(
                    .element(
                        "rect",
                        [
                            "class": "cell" + (paint.className.map { " " + $0 } ?? ""),
                            "x": svgNumber(gridLeft + Double(column) * cellSize),
                            "y": svgNumber(gridTop + Double(row) * cellSize),
                            "width": svgNumber(cellSize), "height": svgNumber(cellSize), "fill": paint.fill,
                        ],
                        [.element("title", [], [.text(tooltip(row: row, column: column, index: index))])]))
            }
        }
        return .element("g", scriptData(), cells)
    }

    /// One `<path>` per colour level, made of the runs of neighbouring cells of that level in a
    /// row, in cell units: each run is a horizontal stroke one cell thick through the middle of
    /// its row (`m` to its start, relative to the end of the previous run, `h` its length), the
    /// shortest way SVG has to paint a row of cells.
    private func cellRuns(id: String) -> HTMLNode {
        var runs: [Paint: String] = [:]
        var pens: [Paint: (column: Int, row: Int)] = [:]
        for row in 0..<layout.rowCount {
            var column = 0
            while column < layout.columnCount {
                let start = offset + row * layout.columnCount
                let paint = paint(of: tensor.values[start + column], id: id, quantised: true)
                var end = column + 1
                while end < layout.columnCount,
                    paint == self.paint(of: tensor.values[start + end], id: id, quantised: true)
                {
                    end += 1
                }
                let pen = pens[paint] ?? (0, 0)
                runs[paint, default: ""] += "m\(column - pen.column) \(row - pen.row)h\(end - column)"
                pens[paint] = (end, row)
                column = end
            }
        }
        let carriesValues = cellCount <= HeatmapRenderer.largestMatrixWithDataValues
        let paths = runs.keys.sorted().map { paint -> HTMLNode in
            var attributes: HTMLAttributes = ["d": "M0 .5" + runs[paint]!, "stroke": paint.fill]
            if let className = paint.className { attributes.append("class", className) }
            if !carriesValues { attributes.append("data-range", range(of: paint)) }
            return .element("path", attributes)
        }
        var attributes = scriptData()
        attributes.append(
            "transform", "translate(\(svgNumber(gridLeft)) \(svgNumber(gridTop))) scale(\(svgNumber(cellSize)))")
        attributes.append("shape-rendering", "crispEdges")
        attributes.append("stroke-width", "1")
        attributes.append("fill", "none")
        return .element("g", attributes, paths)
    }

    /// The values a colour level stands for, `0.25…0.28`, for the tooltip of matrices too large
    /// to carry their values.
    private func range(of paint: Paint) -> String {
        guard let scale, paint.level >= 0 else { return "not finite (hatched)" }
        let levels = Double(scale.isDiverging ? DivergingPalette.levels : Self.viridisLevels) - 1
        let ends = [Double(paint.level) - 0.5, Double(paint.level) + 0.5].map { level in
            scale.low + min(max(level / levels, 0), 1) * (scale.high - scale.low)
        }
        return ends.map { NumberFormat.formatted($0, decimals: scale.ticks.decimals + 1) }.joined(separator: "…")
    }

    /// `write → poem: 0.3573`: the full labels and the value as the tables write it.
    private func tooltip(row: Int, column: Int, index: Int) -> String {
        var names: [String] = []
        if let labels = layout.rowLabels { names.append(labels[row]) }
        if let labels = layout.columnLabels { names.append(labels[column]) }
        let value = tensor.formattedValue(at: index)
        return names.isEmpty ? value : names.joined(separator: " → ") + ": " + value
    }

    /// Each value written in its cell, 2 decimals at most, in a colour that contrasts.
    private func values() -> HTMLNode {
        var texts: [HTMLNode] = []
        for row in 0..<layout.rowCount {
            for column in 0..<layout.columnCount {
                let index = offset + row * layout.columnCount + column
                let value = tensor.values[index]
                let text = tensor.formattedValue(at: index, decimals: min(tensor.decimals, 2))
                let textColor =
                    scale?.isOnScale(value) == true ? scale!.color(of: value).contrastingTextColor : "#000000"
                let fontSize = min(12, (cellSize - 6) / (Double(text.count) * Self.characterWidth))
                var attributes: HTMLAttributes = [
                    "x": svgNumber(gridLeft + (Double(column) + 0.5) * cellSize),
                    "y": svgNumber(gridTop + (Double(row) + 0.5) * cellSize),
                    "font-size": svgNumber(fontSize), "fill": textColor,
                ]
                if let scale, scale.isDiverging, scale.isOnScale(value) {
                    attributes.append(
                        "class",
                        DivergingPalette.className(ofLevel: DivergingPalette.level(at: scale.position(of: value))))
                }
                texts.append(.element("text", attributes, [.text(text)]))
            }
        }
        // The tooltips belong to the cells underneath, so the texts let the pointer through.
        return .element(
            "g",
            ["class": "values", "text-anchor": "middle", "dominant-baseline": "central", "pointer-events": "none"],
            texts)
    }

    private func labels() -> [HTMLNode] {
        var groups: [HTMLNode] = []
        if let rowLabels {
            let texts = rowLabels.enumerated().filter { $0.offset % labelStep == 0 }.map { row, label in
                HTMLNode.element(
                    "text",
                    ["x": svgNumber(gridLeft - 6), "y": svgNumber(gridTop + (Double(row) + 0.5) * cellSize)],
                    [.text(label)])
            }
            groups.append(
                .element(
                    "g",
                    [
                        "class": "row-labels", "text-anchor": "end", "dominant-baseline": "central",
                        "font-size": svgNumber(labelFontSize), "fill": "currentColor",
                    ], texts))
        }
        if let columnLabels {
            let texts = columnLabels.enumerated().filter { $0.offset % labelStep == 0 }.map { column, label in
                let x = svgNumber(gridLeft + (Double(column) + 0.5) * cellSize)
                let y = svgNumber(gridTop - 6)
                var attributes: HTMLAttributes = ["x": x, "y": y]
                if turnsColumnLabels { attributes.append("transform", "rotate(-45 \(x) \(y))") }
                return HTMLNode.element("text", attributes, [.text(label)])
            }
            groups.append(
                .element(
                    "g",
                    [
                        "class": "column-labels", "text-anchor": turnsColumnLabels ? "start" : "middle",
                        "font-size": svgNumber(labelFontSize), "fill": "currentColor",
                    ], texts))
        }
        return groups
    }

    /// The colour bar below the matrix: its title, the gradient, and round-number ticks.
    private func colorBar(_ scale: HeatmapScale, id: String) -> HTMLNode {
        let titleBaseline = gridTop + Double(layout.rowCount) * cellSize + Self.colorBarGap + Self.tickFontSize * 0.8
        let top = titleBaseline + Self.tickFontSize * 0.2 + 4
        let title = HTMLNode.element(
            "text", ["class": "scale-title", "x": svgNumber(gridLeft), "y": svgNumber(titleBaseline)],
            [.text(tensor.scaleTitle ?? scale.title)])
        let bar = HTMLNode.element(
            "rect",
            [
                "x": svgNumber(gridLeft), "y": svgNumber(top), "width": svgNumber(colorBarWidth),
                "height": svgNumber(Self.colorBarHeight), "fill": "url(#\(id)-scale)",
            ])
        let ticks = scale.ticks.values.flatMap { tick -> [HTMLNode] in
            let position = scale.position(of: tick)
            let x = gridLeft + position * colorBarWidth
            let anchor = position <= 0.02 ? "start" : position >= 0.98 ? "end" : "middle"
            let label = tensor.isBoolean ? NumberFormat.formatted(boolean: tick) : scale.ticks.label(tick)
            return [
                .element(
                    "line",
                    [
                        "x1": svgNumber(x), "x2": svgNumber(x), "y1": svgNumber(top + Self.colorBarHeight),
                        "y2": svgNumber(top + Self.colorBarHeight + 3), "stroke": "currentColor",
                    ]),
                .element(
                    "text",
                    [
                        "x": svgNumber(x), "y": svgNumber(top + Self.colorBarHeight + 4 + Self.tickFontSize * 0.8),
                        "text-anchor": anchor,
                    ], [.text(label)]),
            ]
        }
        return .element(
            "g", ["class": "color-scale", "font-size": svgNumber(Self.tickFontSize), "fill": "currentColor"],
            [title, bar] + ticks)
    }

    private static func shortened(_ label: String) -> String {
        label.count <= longestLabel ? label : String(label.prefix(longestLabel - 1)) + "…"
    }
}

/// A coordinate with at most one decimal and no trailing `.0`: `12`, `12.5`.
func svgNumber(_ value: Double) -> String {
    let text = String(format: "%.1f", value + 0)  // `+ 0` turns -0.0 into 0.0
    let trimmed = text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    return trimmed == "-0" ? "0" : trimmed
}
