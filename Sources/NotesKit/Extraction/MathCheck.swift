import Markdown
import NoteModel
import SiteRendering

/// Typesets every formula of a note at build time and reports those that do not convert, at
/// the file, line and column of the problem inside the formula (`[math.syntax]`), so a typo in
/// a formula fails the build instead of showing an error box on the page.
public enum MathCheck {
    public static func diagnostics(for note: Note) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        note.document.walk { node, _ in
            if case .codeBlock(let info, let literal, isFenced: true) = node.kind,
                MarkdownMath.isDisplayFormula(info: info)
            {
                if let error = MathView.check(literal, display: true) {
                    // The formula starts on the line after the fence, at the fence's column
                    // (cmark strips the fence's indentation from the lines inside).
                    let (line, column) = error.location(in: literal)
                    diagnostics.append(
                        diagnostic(
                            error, file: note.path, line: node.range.start.line + 1 + line,
                            column: node.range.start.column + column))
                }
            }
            for case .inlineFormula(let latex, let code) in MarkdownMath.pieces(node.children) {
                guard let error = MathView.check(latex, display: false) else { continue }
                let position = start(ofFormulaIn: code, latex: latex)
                diagnostics.append(
                    diagnostic(
                        error, file: note.path, line: position.line,
                        column: position.isExact ? position.column + error.offset : position.column))
            }
        }
        return diagnostics
    }

    private static func diagnostic(_ error: MathSyntaxError, file: String, line: Int, column: Int) -> Diagnostic {
        Diagnostic(.mathSyntax, file: file, line: line, column: column, summary: error.message)
    }

    /// Where the formula of a code span starts: after its opening backticks (and the one space
    /// cmark strips when the code starts and ends with one). cmark's range covers the backticks,
    /// so their number is what the range has beyond the literal, halved. A span over several
    /// lines has its line breaks turned into spaces; then only its start is exact.
    private static func start(ofFormulaIn code: MarkdownNode, latex: String) -> (
        line: Int, column: Int, isExact: Bool
    ) {
        let range = code.range
        guard range.start.line == range.end.line else { return (range.start.line, range.start.column, false) }
        let delimiters = (range.end.column - range.start.column + 1 - latex.utf8.count) / 2
        return (range.start.line, range.start.column + max(delimiters, 0), true)
    }
}
