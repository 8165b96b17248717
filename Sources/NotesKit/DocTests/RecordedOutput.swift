import NoteModel
import NoteResults

/// The text a block's results are recorded as in its ```` ```output ```` block.
///
/// Each shown value is a title line with the shape, then the values as aligned columns with row
/// and column labels; printed text is verbatim; a blank line separates the parts:
///
/// ```
/// Self-attention output [3×2]
///               0        1
/// write    1.0100   1.0641
/// ```
///
/// Every line remembers which of its words are numbers and their exact values, so comparing
/// with a recorded text can allow a tolerance on numbers and none on anything else.
public struct RecordedOutput: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        /// A word of a line; `value` is set for a number written from a computed value.
        public struct Word: Sendable, Hashable {
            public var text: String
            public var value: Double?
        }
        public var text: String
        /// Set for lines of a table: their words are compared one by one, numbers with a
        /// tolerance. Nil for printed text, which is compared exactly.
        public var words: [Word]?
    }

    public var lines: [Line]

    /// The recorded text of a block's outputs; empty when the block shows nothing.
    public init(outputs: [BlockOutput]) {
        var parts: [[Line]] = []
        for output in outputs {
            switch output {
            case .table(let tensor), .heatmap(let tensor):
                parts.append(Self.lines(for: tensor))
            case .attentionLines(let figure):
                parts.append(Self.lines(for: figure.tensor, kind: "attention lines"))
            case .plot(let plot):
                parts.append(Self.lines(for: plot))
            case .attentionSteps(let steps):
                parts.append(Self.lines(for: steps))
            case .text(let text):
                var lines = Self.markdownLines(of: text)
                while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
                while lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeFirst() }
                if !lines.isEmpty { parts.append(lines.map { Line(text: $0, words: nil) }) }
            }
        }
        lines = parts.enumerated().flatMap { index, part in
            index == 0 ? part : [Line(text: "", words: nil)] + part
        }
    }

    public var isEmpty: Bool { lines.isEmpty }

    /// Printed text as the lines of a Markdown code block hold it: CRLF and a lone CR end a
    /// line, as LF does, and NUL reads as U+FFFD (cmark replaces it), so what is recorded reads
    /// back as what was compared.
    static func markdownLines(of text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = Substring(text).unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\r", "\n":
                if scalar == "\r", scalars.first == "\n" { scalars.removeFirst() }
                lines.append(String(current))
                current = String.UnicodeScalarView()
            case "\u{0}":
                current.append("\u{FFFD}")
            default:
                current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines
    }

    /// The lines joined by `\n`, without a final newline.
    public var text: String { lines.map(\.text).joined(separator: "\n") }

    /// The title, `[shape]` (`[attention lines 2×3×3]` with a kind), then one table per matrix.
    private static func lines(for tensor: ShownTensor, kind: String? = nil) -> [Line] {
        let shape = (kind.map { $0 + " " } ?? "") + NumberFormat.shape(tensor.shape)
        let header = (tensor.title.map { "\($0) " } ?? "") + "[\(shape)]"
        var lines = [Line(text: header, words: nil)]
        let layout = TensorLayout(tensor)
        guard let columnLabels = layout.columnLabels else {
            // A scalar: its value alone.
            lines.append(tableLine(label: nil, labelWidth: 0, cells: [cell(tensor, 0)], widths: nil))
            return lines
        }
        let rowLabels = layout.rowLabels ?? [""]
        let labelWidth = rowLabels.map(\.count).max() ?? 0
        for slice in layout.slices {
            let cells = (0..<layout.rowCount).map { row in
                (0..<layout.columnCount).map { cell(tensor, slice.offset + row * layout.columnCount + $0) }
            }
            var widths = columnLabels.map(\.count)
            for row in cells {
                for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.text.count) }
            }
            if let name = slice.name { lines.append(Line(text: name, words: nil)) }
            lines.append(
                tableLine(
                    label: "", labelWidth: labelWidth,
                    cells: columnLabels.map { Line.Word(text: $0, value: nil) }, widths: widths))
            for (row, label) in rowLabels.enumerated() {
                lines.append(tableLine(label: label, labelWidth: labelWidth, cells: cells[row], widths: widths))
            }
        }
        return lines
    }

    /// A plot in a few lines whatever its length, so the doc-test stays readable:
    ///
    /// ```
    /// Training loss [plot: 1 series × 200 points; x: step; y: loss, log]
    /// series   points    first     last      min   at x      max   at x
    /// loss        200   2.3026   0.1234   0.1200    190   2.3026      0
    /// x             0       50      100      149      199
    /// loss     2.3026   0.8000   0.4000   0.2000   0.1234
    /// ```
    ///
    /// A summary table (length, first, last, minimum and maximum with where they are), then the
    /// points at five fixed positions (the first, ¼, ½, ¾, the last). Every number is compared
    /// with the doc-tests' tolerance; the counts and names exactly.
    private static func lines(for plot: Plot) -> [Line] {
        let count = plot.series.first?.y.count ?? 0
        func axis(_ axis: Plot.Axis) -> String { axis.label + (axis.isLogarithmic ? ", log" : "") }
        let header =
            (plot.title.map { "\($0) " } ?? "")
            + "[plot: \(plot.series.count) series × \(count) points; x: \(axis(plot.xAxis)); y: \(axis(plot.yAxis))]"
        let names = plot.series.map(\.name)
        let labelWidth = max(names.map(\.count).max() ?? 0, "series".count)
        func number(_ value: Double) -> Line.Word {
            Line.Word(text: NumberFormat.formatted(value, decimals: plot.decimals), value: value)
        }
        /// An x position: whole numbers (steps, sizes) without decimals.
        func position(_ value: Double) -> Line.Word {
            let whole = value.isFinite && value == value.rounded() && abs(value) < 1e15
            return Line.Word(text: NumberFormat.formatted(value, decimals: whole ? 0 : plot.decimals), value: value)
        }
        func word(_ text: String) -> Line.Word { Line.Word(text: text, value: nil) }

        let summaryHeader = ["points", "first", "last", "min", "at x", "max", "at x"].map(word)
        let summaries = plot.series.map { series -> [Line.Word] in
            let finite = series.y.indices.filter { series.y[$0].isFinite }
            let lowest = finite.min { series.y[$0] < series.y[$1] }
            let highest = finite.max { series.y[$0] < series.y[$1] }
            return [word(String(series.y.count))] + [series.y.first, series.y.last].map { $0.map(number) ?? word("-") }
                + [lowest, highest].flatMap { index in
                    index.map { [number(series.y[$0]), position(series.x[$0])] } ?? [word("-"), word("-")]
                }
        }
        let samples = count == 0 ? [] : Array(Set([0, count / 4, count / 2, 3 * count / 4, count - 1])).sorted()
        let sampleHeader = samples.map { position(plot.series[0].x[$0]) }
        let sampleRows = plot.series.map { series in samples.map { number(series.y[$0]) } }

        var lines = [Line(text: header, words: nil)]
        guard !samples.isEmpty else { return lines }
        for (labels, headerCells, rows) in [
            (["series"] + names, summaryHeader, summaries), (["x"] + names, sampleHeader, sampleRows),
        ] {
            let table = [headerCells] + rows
            let widths = headerCells.indices.map { column in table.map { $0[column].text.count }.max() ?? 0 }
            for (label, cells) in zip(labels, table) {
                lines.append(tableLine(label: label, labelWidth: labelWidth, cells: cells, widths: widths))
            }
        }
        return lines
    }

    /// One attention row: a table of the scores, scaled scores and weights by key, then the output.
    ///
    /// ```
    /// poem, step by step [attention steps: 3 keys, scale 0.7071]
    ///             write        a     poem
    /// score      1.2000   0.3000   2.1000
    /// scaled     0.8485   0.2121   1.4849
    /// weight     0.3110   0.1646   0.5244
    /// output          0        1
    /// poem       1.0100   1.0641
    /// ```
    private static func lines(for steps: AttentionSteps) -> [Line] {
        let header =
            (steps.title ?? "\(steps.query), step by step")
            + " [attention steps: \(steps.keys.count) keys, scale \(NumberFormat.formatted(steps.scale, decimals: 4))]"
        func numbers(_ values: [Double]) -> [Line.Word] {
            values.map { Line.Word(text: NumberFormat.formatted($0, decimals: steps.decimals), value: $0) }
        }
        let labelWidth = max(steps.query.count, "output".count)
        /// A header line (`label` then the column names) and one line per row.
        func table(_ label: String, _ columns: [String], _ rows: [(String, [Double])]) -> [Line] {
            let cells = [columns.map { Line.Word(text: $0, value: nil) }] + rows.map { numbers($0.1) }
            let widths = columns.indices.map { column in cells.map { $0[column].text.count }.max() ?? 0 }
            return zip([label] + rows.map(\.0), cells).map { label, row in
                tableLine(label: label, labelWidth: labelWidth, cells: row, widths: widths)
            }
        }
        let byKey = table(
            "", steps.keys, [("score", steps.scores), ("scaled", steps.scaledScores), ("weight", steps.weights)])
        let output = table("output", (0..<steps.valueWidth).map(String.init), [(steps.query, steps.output)])
        return [Line(text: header, words: nil)] + byKey + output
    }

    private static func cell(_ tensor: ShownTensor, _ offset: Int) -> Line.Word {
        let value = tensor.values[offset]
        if tensor.isBoolean { return Line.Word(text: NumberFormat.formatted(boolean: value), value: nil) }
        return Line.Word(text: NumberFormat.formatted(value, decimals: tensor.decimals), value: value)
    }

    /// `label   cell   cell`, the label left-aligned, the cells right-aligned in their columns.
    private static func tableLine(label: String?, labelWidth: Int, cells: [Line.Word], widths: [Int]?) -> Line {
        var text = label.map { $0.padding(toLength: labelWidth, withPad: " ", startingAt: 0) } ?? ""
        for (column, cell) in cells.enumerated() {
            let width = widths?[column] ?? cell.text.count
            if column > 0 || labelWidth > 0 { text += "   " }
            text += String(repeating: " ", count: max(0, width - cell.text.count)) + cell.text
        }
        let labelWords = (label ?? "").split(whereSeparator: \.isWhitespace).map {
            Line.Word(text: String($0), value: nil)
        }
        let cellWords = cells.flatMap { cell in
            cell.value != nil
                ? [cell]
                : cell.text.split(whereSeparator: \.isWhitespace).map { Line.Word(text: String($0), value: nil) }
        }
        // Right-padding of an empty label leaves spaces a Markdown editor would strip.
        while text.hasSuffix(" ") { text.removeLast() }
        return Line(text: text, words: labelWords + cellWords)
    }
}
