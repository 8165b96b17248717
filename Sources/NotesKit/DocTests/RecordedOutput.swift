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

    private static func lines(for tensor: ShownTensor) -> [Line] {
        let header = (tensor.title.map { "\($0) " } ?? "") + "[\(NumberFormat.shape(tensor.shape))]"
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
