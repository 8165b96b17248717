import Foundation
import NoteModel
import Testing

@testable import NotesKit

/// The options after `swift-attn` in a fence's info string, and what an unknown one does.
@Suite struct BlockOptionsTests {
    private func parse(_ info: String, line: Int = 7) throws(Diagnostic) -> BlockOptions {
        try BlockOptionsParser.parse(info: info, file: "Notes/1_x.md", line: line)
    }

    /// The diagnostic `parse` throws for `info`, or nil when it parses.
    private func rejection(_ info: String, line: Int = 7) -> Diagnostic? {
        do {
            _ = try parse(info, line: line)
            return nil
        } catch {
            return error
        }
    }

    @Test func noOptions() throws {
        #expect(try parse("swift-attn") == BlockOptions())
    }

    @Test func everyKnownOptionParses() throws {
        #expect(try parse("swift-attn hide") == BlockOptions(hidesCode: true))
        #expect(try parse("swift-attn no-output") == BlockOptions(hidesOutput: true))
        #expect(try parse("swift-attn should-fail") == BlockOptions(shouldFail: true))
        #expect(try parse("swift-attn timeout=5") == BlockOptions(timeout: 5))
        #expect(try parse("swift-attn timeout=0.5") == BlockOptions(timeout: 0.5))
        #expect(
            try parse("swift-attn  should-fail\ttimeout=3   no-output")
                == BlockOptions(hidesOutput: true, shouldFail: true, timeout: 3))
        #expect(try parse("swift-attn hide should-fail") == BlockOptions(hidesCode: true, shouldFail: true))
    }

    @Test func misspelledOptionIsDiagnosedAtTheFenceWithASuggestion() throws {
        let diagnostic = try #require(rejection("swift-attn hdie", line: 12))
        #expect(diagnostic.id == .blockOption)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "Notes/1_x.md")
        #expect(diagnostic.line == 12)
        #expect(diagnostic.summary.contains("'hdie'"))
        #expect(diagnostic.summary.contains("did you mean 'hide'"))
        #expect(diagnostic.description.hasPrefix("Notes/1_x.md:12: error: "))
        #expect(diagnostic.description.contains("[block.option]"))
    }

    @Test func otherNearMissesSuggestTheirOption() throws {
        #expect(try #require(rejection("swift-attn no-ouput")).summary.contains("did you mean 'no-output'"))
        #expect(try #require(rejection("swift-attn shouldfail")).summary.contains("did you mean 'should-fail'"))
        #expect(try #require(rejection("swift-attn timout=3")).summary.contains("did you mean 'timeout=SECONDS'"))
    }

    @Test func farOffOptionGetsNoSuggestionButTheList() throws {
        let diagnostic = try #require(rejection("swift-attn verbose"))
        #expect(diagnostic.id == .blockOption)
        #expect(!diagnostic.summary.contains("did you mean"))
        #expect(diagnostic.details?.contains("hide") == true)
        #expect(diagnostic.details?.contains("timeout=SECONDS") == true)
    }

    @Test(arguments: ["timeout=abc", "timeout=0", "timeout=-1", "timeout=", "timeout=nan", "timeout=inf"])
    func badTimeoutsAreRejected(_ option: String) throws {
        let diagnostic = try #require(rejection("swift-attn \(option)", line: 3), "\(option) was accepted")
        #expect(diagnostic.id == .blockOption)
        #expect(diagnostic.line == 3)
    }

    @Test func hideWithNoOutputIsRejected() throws {
        let diagnostic = try #require(rejection("swift-attn hide no-output"))
        #expect(diagnostic.id == .blockOption)
    }

    @Test func optionErrorsCarryTheNoteLineOfTheFence() throws {
        let source = """
            # Title

            Prose.

            - In a list:

              ```swift-attn hdie
              print(1)
              ```

            ```swift-attn
            print(2)
            ```
            """
        let file = NoteFile(url: URL(fileURLWithPath: "/notes/1_x.md"), displayPath: "Notes/1_x.md")
        let result = NoteReader.parse(source: source, file: file)
        #expect(result.diagnostics.count == 1)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.line == 7)
        #expect(diagnostic.id == .blockOption)
        // The valid block is still read.
        #expect(result.note.blocks.map(\.code) == ["print(2)\n"])
    }

    /// A note with an unknown option runs nothing: its first, valid block shows nothing either.
    @Test func unknownOptionStopsTheNoteFromRunning() async throws {
        let folder = try TemporaryFolder("options")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "options")
        let outcome = try await runNotes(in: notes).named("1_Typo.md")
        #expect(outcome.hasErrors)
        #expect(outcome.diagnostics.map(\.id) == [.blockOption])
        let source = try String(contentsOf: notes.appendingPathComponent("1_Typo.md"), encoding: .utf8)
        #expect(outcome.diagnostics.first?.line == (try lineNumber(of: "swift-attn hdie", in: source)))
        #expect(!outcome.note.blocks.isEmpty)
        #expect(outcome.results.count == outcome.note.blocks.count)
        for result in outcome.results {
            #expect(result.failure?.kind == .notRun)
            #expect(result.outputs.isEmpty)
        }
    }

    /// `notesgen test` on a note with an unknown option reports that option, and nothing else:
    /// the output blocks of the blocks after it still belong to their own blocks.
    @Test func unknownOptionDoesNotMisplaceOutputBlocks() throws {
        let source = """
            # Title

            ```swift-attn
            show(Tensor([[1]]))
            ```

            ```output
            [1×1]
                     0
            0   1.0000
            ```

            ```swift-attn hdie
            print("typo")
            ```

            ```output
            typo
            ```

            ```swift-attn
            print("last")
            ```

            ```output
            last
            ```
            """
        let file = NoteFile(url: URL(fileURLWithPath: "/notes/1_x.md"), displayPath: "Notes/1_x.md")
        let read = NoteReader.parse(source: source, file: file)
        let outcome = NoteOutcome(
            note: read.note, source: source,
            results: read.note.blocks.map { _ in BlockResult(failure: BlockFailure(kind: .notRun, message: "")) },
            diagnostics: read.diagnostics, wasCached: false)
        let report = DocTestRunner().check(outcome, fileURL: nil)
        #expect(!report.passed)
        #expect(report.diagnostics.map(\.id) == [.blockOption], "\(report.diagnostics.map(\.description))")
    }
}

/// Options are taken as written once: no repeats, timeouts in plain decimal seconds.
@Suite struct BlockOptionQuirksTests {
    private func rejection(_ info: String) -> Diagnostic? {
        do {
            _ = try BlockOptionsParser.parse(info: info, file: "Notes/1_x.md", line: 3)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        "swift-attn hide hide", "swift-attn timeout=1 timeout=2", "swift-attn should-fail no-output should-fail",
    ])
    func optionGivenTwiceIsAnError(_ info: String) throws {
        let diagnostic = try #require(rejection(info), "\(info) was accepted")
        #expect(diagnostic.id == .blockOption)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.summary.contains("given twice"))
    }

    @Test(arguments: ["0x10", "1e3", "inf", "nan", "+5", ".5", "5.", "0", "0.0", "-1", "1_000", "٣"])
    func timeoutMustBePlainDecimalSeconds(_ value: String) throws {
        let diagnostic = try #require(rejection("swift-attn timeout=\(value)"), "timeout=\(value) was accepted")
        #expect(diagnostic.summary.contains("'\(value)'"))
    }

    @Test func plainDecimalTimeoutsParse() {
        #expect(BlockOptionsParser.plainSeconds("5") == 5)
        #expect(BlockOptionsParser.plainSeconds("0.25") == 0.25)
        #expect(BlockOptionsParser.plainSeconds("120") == 120)
    }
}
