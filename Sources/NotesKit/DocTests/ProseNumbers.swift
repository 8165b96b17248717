import Foundation
import Markdown
import NoteModel

/// Checks that the numbers a note's prose states are numbers the note computes.
///
/// A sentence like "poem pays 0.8959 of its attention to itself" goes stale silently when the
/// code changes; this check makes it fail with the output blocks. A prose number counts when
/// some shown number rounds to it (`0.896` or `0.90` stand for a computed `0.8959`) or when it
/// is typed in the note's code (an input, not a result). Only numbers with at least three
/// decimals are checked: fewer are too often versions, sizes or section numbers.
public enum ProseNumbers {
    /// The fewest decimals a prose number needs to be checked.
    public static let checkedDecimals = 3

    public static func check(note: Note, computed: [RecordedOutput]) -> [Diagnostic] {
        let shown = computed.flatMap { output in
            output.lines.flatMap { line in line.text.split(whereSeparator: \.isWhitespace).compactMap { Double($0) } }
        }
        let code = note.blocks.map(\.code).joined(separator: "\n")
        var diagnostics: [Diagnostic] = []
        note.document.walk { node, _ in
            let text: String
            switch node.kind {
            case .text(let string), .inlineCode(let string): text = string
            case .htmlBlock(let html), .inlineHTML(let html): text = html
            default: return
            }
            for number in numbers(in: text) where !code.contains(number.text) {
                let matches = shown.contains { value in
                    abs(value - number.value) <= 0.5 * pow(10, Double(-number.decimals)) + 1e-12
                }
                if !matches {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: note.path, line: node.range.start.line,
                            summary: "the prose says \(number.text), which no output of this note shows",
                            id: .doctestProse,
                            details:
                                "  quote a number the note computes (it is in an output block), or compute this one"))
                }
            }
        }
        return diagnostics
    }

    /// Decimal numbers written with at least `checkedDecimals` decimals: `0.8959`, `-1.0641`.
    static func numbers(in text: String) -> [(text: String, value: Double, decimals: Int)] {
        let pattern = try! NSRegularExpression(pattern: #"(?<![\w.])[-−]?\d+\.(\d+)(?!\w|\.\d)"#)
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { match in
            guard let whole = Range(match.range, in: text), let fraction = Range(match.range(at: 1), in: text),
                text[fraction].count >= checkedDecimals
            else { return nil }
            let written = String(text[whole])
            guard let value = Double(written.replacingOccurrences(of: "−", with: "-")) else { return nil }
            return (written, value, text[fraction].count)
        }
    }
}
