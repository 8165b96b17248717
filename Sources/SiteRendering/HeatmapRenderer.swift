import Foundation
import NoteResults

/// Shows a tensor as an inline SVG heatmap.
///
/// Each value is a `<rect>` with a `<title>` tooltip (`write → poem: 0.3573`); row labels are
/// on the left, column labels on top (turned 45° when they are longer than a cell is wide);
/// a colour bar below marks the scale's ends (and 0 for signed data). The colours are
/// `HeatmapScale`'s: viridis for values ≥ 0, blue–white–red centred on 0 for signed values;
/// NaN and ±inf cells are hatched grey. Matrices of at most 12×12 also show each value (2
/// decimals) in its cell, in black or white, whichever contrasts more with the cell.
///
/// The SVG has a `viewBox` and its natural size, so CSS can shrink it to the column width;
/// its labels use `currentColor`, so they follow the page's light or dark text colour.
/// Tensors of rank 3 and more become small multiples, one heatmap per leading index, sharing
/// one colour scale so they can be compared. Coordinates are written with at most one
/// decimal, so the output is byte-identical from run to run.
public enum HeatmapRenderer {
    /// Matrices with at most this many rows and columns show their values in the cells.
    public static let largestMatrixWithValues = 12

    /// - Parameters:
    ///   - tensor: what to show; labels are plain text.
    ///   - id: unique within the page; prefixes the `id`s inside the SVG (its title, colour
    ///     gradient and hatch pattern). Letters, digits, `-` and `_` only.
    public static func render(_ tensor: ShownTensor, id: String) -> HTMLNode {
        precondition(
            !id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") },
            "HeatmapRenderer: \"\(id)\" is not a usable id")
        let layout = TensorLayout(tensor)
        let scale = HeatmapScale(values: tensor.values, isBoolean: tensor.isBoolean)
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
private struct HeatmapSVG {
    let tensor: ShownTensor
    let layout: TensorLayout
    /// Nil when no value is finite: every cell is hatched and there is no colour bar.
    let scale: HeatmapScale?
    /// Index in `tensor.values` of this matrix's first value.
    let offset: Int

    let showsValues: Bool
    let cellSize: Double
    let labelFontSize: Double
    let rowLabels: [String]?
    let columnLabels: [String]?
    let turnsColumnLabels: Bool
    let gridLeft: Double
    let gridTop: Double
    let width: Double
    let height: Double
    let colorBarWidth: Double

    static let margin: Double = 4
    static let colorBarGap: Double = 14
    static let colorBarHeight: Double = 10
    static let tickFontSize: Double = 10
    /// Labels longer than this are shortened with "…" (the tooltips keep them whole).
    static let longestLabel = 16
    /// The width of a character relative to the font size (monospace).
    static let characterWidth = 0.6
    static let sin45 = 0.7071

    init(tensor: ShownTensor, layout: TensorLayout, scale: HeatmapScale?, offset: Int) {
        (self.tensor, self.layout, self.scale, self.offset) = (tensor, layout, scale, offset)
        showsValues =
            layout.rowCount <= HeatmapRenderer.largestMatrixWithValues
            && layout.columnCount <= HeatmapRenderer.largestMatrixWithValues
        cellSize = showsValues ? 56 : 16
        labelFontSize = showsValues ? 12 : 10
        rowLabels = layout.rowLabels?.map(Self.shortened)
        columnLabels = layout.columnLabels?.map(Self.shortened)

        let labelCharacterWidth = labelFontSize * Self.characterWidth
        let rowLabelWidth =
            rowLabels.map { labels in
                Double(labels.map(\.count).max() ?? 0) * labelCharacterWidth + 6
            } ?? 0
        let longestColumnLabel = Double(columnLabels?.map(\.count).max() ?? 0) * labelCharacterWidth
        turnsColumnLabels = longestColumnLabel > cellSize - 4
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
        colorBarWidth = min(max(gridWidth, 120), 240)
        let legendWidth = scale == nil ? 0 : colorBarWidth
        let legendHeight = scale == nil ? 0 : Self.colorBarGap + Self.colorBarHeight + 4 + Self.tickFontSize
        width = gridLeft + max(gridWidth + rightOverhang, legendWidth) + Self.margin
        height = gridTop + gridHeight + legendHeight + Self.margin
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

    /// Whether some cell is drawn hatched (non-finite, or a masking sentinel).
    private var hasHatchedCell: Bool {
        (0..<layout.rowCount * layout.columnCount).contains { scale?.isOnScale(tensor.values[offset + $0]) != true }
    }

    /// The colour bar's gradient and, when needed, the hatching of non-finite cells.
    private func definitions(id: String) -> [HTMLNode] {
        var definitions: [HTMLNode] = []
        if let scale {
            let points = scale.colorMap.controlPoints
            let stops = points.indices.map { index in
                HTMLNode.element(
                    "stop",
                    [
                        "offset": svgNumber(Double(index) / Double(points.count - 1) * 100) + "%",
                        "stop-color": points[index].hexString,
                    ])
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
                        "patternTransform": "rotate(45)",
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

    private func cells(id: String) -> HTMLNode {
        var cells: [HTMLNode] = []
        for row in 0..<layout.rowCount {
            for column in 0..<layout.columnCount {
                let index = offset + row * layout.columnCount + column
                let value = tensor.values[index]
                let fill = scale?.isOnScale(value) == true ? scale!.color(of: value).hexString : "url(#\(id)-hatch)"
                cells.append(
                    .element(
                        "rect",
                        [
                            "class": "cell", "x": svgNumber(gridLeft + Double(column) * cellSize),
                            "y": svgNumber(gridTop + Double(row) * cellSize),
                            "width": svgNumber(cellSize), "height": svgNumber(cellSize), "fill": fill,
                        ],
                        [.element("title", [], [.text(tooltip(row: row, column: column, index: index))])]))
            }
        }
        return .element("g", ["class": "cells"], cells)
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
                texts.append(
                    .element(
                        "text",
                        [
                            "x": svgNumber(gridLeft + (Double(column) + 0.5) * cellSize),
                            "y": svgNumber(gridTop + (Double(row) + 0.5) * cellSize),
                            "font-size": svgNumber(fontSize), "fill": textColor,
                        ], [.text(text)]))
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
            let texts = rowLabels.enumerated().map { row, label in
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
            let texts = columnLabels.enumerated().map { column, label in
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

    /// The gradient bar with its ticks (ends, and 0 for a diverging scale) below the matrix.
    private func colorBar(_ scale: HeatmapScale, id: String) -> HTMLNode {
        let top = gridTop + Double(layout.rowCount) * cellSize + Self.colorBarGap
        let bar = HTMLNode.element(
            "rect",
            [
                "x": svgNumber(gridLeft), "y": svgNumber(top), "width": svgNumber(colorBarWidth),
                "height": svgNumber(Self.colorBarHeight), "fill": "url(#\(id)-scale)",
            ])
        let ticks = scale.ticks.map { tick -> HTMLNode in
            let position = scale.position(of: tick)
            let anchor = position <= 0 ? "start" : position >= 1 ? "end" : "middle"
            let label =
                tensor.isBoolean
                ? NumberFormat.formatted(boolean: tick)
                : NumberFormat.formatted(tick, decimals: min(tensor.decimals, 2))
            return .element(
                "text",
                [
                    "x": svgNumber(gridLeft + position * colorBarWidth),
                    "y": svgNumber(top + Self.colorBarHeight + 4 + Self.tickFontSize * 0.8),
                    "text-anchor": anchor,
                ], [.text(label)])
        }
        return .element(
            "g", ["class": "color-scale", "font-size": svgNumber(Self.tickFontSize), "fill": "currentColor"],
            [bar] + ticks)
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
