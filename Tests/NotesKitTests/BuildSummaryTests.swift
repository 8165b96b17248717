import NoteModel
import Testing

@testable import NotesKit

/// The line a build ends with says what it did and where the site is, with or without a terminal.
@Suite struct BuildSummaryTests {
    func report(errors: Int = 0, warnings: Int = 0, run: Int = 2, cached: Int = 11) -> BuildPipeline.Report {
        let error = Diagnostic(.blockTrap, file: "Notes/1_A.md", line: 3, summary: "x")
        let warning = Diagnostic(.rawHTML, file: "Notes/1_A.md", line: 4, summary: "y")
        return BuildPipeline.Report(
            diagnostics: Array(repeating: error, count: errors) + Array(repeating: warning, count: warnings),
            pageCount: 13, notesRun: run, notesCached: cached, seconds: 3.44)
    }

    @Test func aCleanBuild() {
        #expect(
            BuildCommand.summary(of: report(), output: "Site")
                == "notesgen: 13 pages (2 notes run, 11 cached), no errors, no warnings, 3.4 s; open Site/index.html")
    }

    @Test func aBuildWithErrorsSaysWhereTheyShow() {
        let line = BuildCommand.summary(of: report(errors: 1, warnings: 2, run: 1, cached: 0), output: "./docs/")
        #expect(line.contains("(1 note run, 0 cached), 1 error, 2 warnings"))
        #expect(line.contains("open docs/index.html (the failing blocks show their errors there)"))
    }

    @Test func theVersionNamesTheTool() {
        #expect(NotesgenCommand.configuration.version.hasPrefix("notesgen "))
    }
}
