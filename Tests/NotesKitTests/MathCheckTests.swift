import Foundation
import NoteModel
import Testing

@testable import NotesKit

/// A formula that does not typeset is an error at its note's file:line:col.
@Suite struct MathCheckTests {
    private func diagnostics(_ source: String) -> [Diagnostic] {
        NoteReader.parse(
            source: source,
            file: NoteFile(url: URL(fileURLWithPath: "/notes/3_Math.md"), displayPath: "Notes/3_Math.md")
        ).diagnostics
    }

    @Test func anUnknownCommandInAnInlineFormulaPointsAtTheCommand() throws {
        // Column 13 is the backslash of \fracc: "Scale by $`" is 11 bytes, then "x".
        let found = diagnostics("# Math\n\nScale by $`x\\fracc{1}{2}`$ here.\n")
        let problem = try #require(found.first)
        #expect(found.count == 1)
        #expect(problem.id == .mathSyntax)
        #expect(problem.severity == .error)
        #expect(
            problem.description
                == #"Notes/3_Math.md:3:13: error: unknown command \fracc; did you mean \frac? [math.syntax]"#)
    }

    @Test func aProblemInADisplayFormulaPointsAtItsLineAndColumn() throws {
        let source = "# Math\n\n- item\n\n  ```math\n  a = b\n  c = \\sqrt{d_k\n  ```\n"
        let problem = try #require(diagnostics(source).first)
        // The { of \sqrt on line 7: two spaces of the list item, "c = \sqrt" is 9 bytes.
        #expect(problem.line == 7)
        #expect(problem.column == 12)
        #expect(problem.summary == "missing } for this {")
    }

    @Test func columnsCountBytesAfterMultibyteText() throws {
        let problem = try #require(diagnostics("# M\n\nÉté: $`α \\bta`$\n").first)
        // "Été: $`" is 9 bytes (É and é are two each), "α " three more.
        #expect(problem.column == 13)
        #expect(problem.summary.hasSuffix(#"did you mean \beta?"#))
    }

    @Test func formulasThatTypesetAndOrdinaryCodeGiveNoDiagnostic() {
        let source = "# M\n\n$`\\frac{a}{b}`$ and `\\fracc` and\n\n```math\nx_i^2\n```\n\n```latex\n\\fracc\n```\n"
        #expect(diagnostics(source).isEmpty)
    }
}
