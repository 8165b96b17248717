import Foundation
import NoteModel
import NoteResults
import Testing

@testable import NotesKit

/// A fixture of `Fixtures/fixer/` and the results its blocks compute, given here rather than run:
/// the fixer edits text, and these tests need no compiler.
struct FixerCase: Sendable, CustomTestStringConvertible {
    var file: String
    /// What each block shows, by block index; the fixture records exactly this.
    var outputs: [Int: [BlockOutput]]
    /// A recorded number to change, and what to change it to.
    var tamper: (from: String, to: String)
    /// The block whose output block the deletion tests remove.
    var deletedBlock: Int

    var testDescription: String { file }

    static let all = [
        FixerCase(
            file: "plain.md",
            outputs: [
                0: [.table(ShownTensor(title: "A", shape: [1, 2], values: [0.35729, 1], rowLabels: ["r"]))],
                1: [.text("hello\n"), .table(ShownTensor(title: nil, shape: [1, 2], values: [0.35729, 1]))],
            ],
            tamper: ("r   0.3573", "r   0.3583"), deletedBlock: 0),
        FixerCase(
            file: "list.md",
            outputs: [1: [.text("list\n"), .table(ShownTensor(title: "B", shape: [1, 2], values: [2, 4]))]],
            tamper: ("2.0000", "2.0100"), deletedBlock: 1),
        FixerCase(
            file: "quote.md",
            outputs: [0: [.text("quoted\n"), .table(ShownTensor(title: "Q", shape: [1, 2], values: [1, 0.5]))]],
            tamper: ("0.5000", "0.5001"), deletedBlock: 0),
    ]

    var desired: [Int: RecordedOutput] { outputs.mapValues { RecordedOutput(outputs: $0) } }

    /// The fixture's text, with LF endings and a final newline.
    func source() throws -> String {
        try String(contentsOf: TestEnvironment.fixture("fixer").appendingPathComponent(file), encoding: .utf8)
    }
}

/// How a note's bytes may differ from the LF fixture, none of which `--fix` may change.
enum LineEndings: String, CaseIterable, Sendable {
    case lf, crlf, lfWithoutFinalNewline, crlfWithoutFinalNewline

    func apply(_ text: String) -> String {
        var result = text
        if self == .lfWithoutFinalNewline || self == .crlfWithoutFinalNewline, result.hasSuffix("\n") {
            result.removeLast()
        }
        if self == .crlf || self == .crlfWithoutFinalNewline {
            result = result.replacingOccurrences(of: "\n", with: "\r\n")
        }
        return result
    }
}

/// `notesgen test --fix` on text: only `output` blocks change; every other byte stays.
@Suite struct OutputFixerTests {
    private static let file = NoteFile(url: URL(fileURLWithPath: "/notes/1_Fix.md"), displayPath: "Notes/1_Fix.md")

    /// What `--fix` makes of `source` when the blocks compute `desired`.
    private func fix(_ source: String, _ desired: [Int: RecordedOutput]) throws -> String {
        let note = NoteReader.parse(source: source, file: Self.file).note
        let found = OutputBlocks.find(in: note)
        #expect(found.problems.isEmpty, "\(found.problems.map(\.description))")
        return try OutputFixer.fix(source: source, note: note, outputs: found.blocks, desired: desired)
    }

    /// `source` (LF) without the output block of block `index` and the blank line before it.
    private func deletingOutputBlock(of index: Int, from source: String) throws -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let note = NoteReader.parse(source: source, file: Self.file).note
        let fenceLine = note.blocks[index].range.start.line
        // The first ```output fence after the block's own closing fence.
        let opening = try #require(
            lines.indices.first { $0 >= fenceLine && lines[$0].contains("```output") })
        let closing = try #require(lines.indices.first { $0 > opening && lines[$0].contains("```") })
        let isBlank = lines[opening - 1].allSatisfy { $0 == " " || $0 == ">" }
        lines.removeSubrange((isBlank ? opening - 1 : opening)...closing)
        return lines.joined(separator: "\n")
    }

    @Test(arguments: FixerCase.all, LineEndings.allCases)
    func upToDateNoteIsLeftByteIdentical(_ fixture: FixerCase, _ endings: LineEndings) throws {
        let source = endings.apply(try fixture.source())
        #expect(try fix(source, fixture.desired) == source)
    }

    @Test(arguments: FixerCase.all, LineEndings.allCases)
    func tamperedNumberIsRestored(_ fixture: FixerCase, _ endings: LineEndings) throws {
        let original = try fixture.source()
        let tampered = original.replacingOccurrences(of: fixture.tamper.from, with: fixture.tamper.to)
        try #require(tampered != original)
        #expect(try fix(endings.apply(tampered), fixture.desired) == endings.apply(original))
    }

    @Test(arguments: FixerCase.all, LineEndings.allCases)
    func deletedOutputBlockIsInsertedUnderItsBlock(_ fixture: FixerCase, _ endings: LineEndings) throws {
        let original = try fixture.source()
        let deleted = try deletingOutputBlock(of: fixture.deletedBlock, from: original)
        try #require(deleted.count < original.count)
        #expect(try fix(endings.apply(deleted), fixture.desired) == endings.apply(original))
    }

    @Test(arguments: FixerCase.all, LineEndings.allCases)
    func blockThatShowsNothingLosesItsOutputBlock(_ fixture: FixerCase, _ endings: LineEndings) throws {
        let original = try fixture.source()
        var desired = fixture.desired
        desired[fixture.deletedBlock] = nil
        let expected = try deletingOutputBlock(of: fixture.deletedBlock, from: original)
        #expect(try fix(endings.apply(original), desired) == endings.apply(expected))
        // An empty recorded output counts as nothing shown.
        desired[fixture.deletedBlock] = RecordedOutput(outputs: [])
        #expect(try fix(endings.apply(original), desired) == endings.apply(expected))
    }

    /// A blank line inside an output block may be written with or without its container's
    /// trailing spaces (`"> "` or `">"` in a block quote, `"   "` or `""` in a list item): editors
    /// strip them, others keep them. Either way the note is up to date, so `--fix` must leave it
    /// alone byte for byte.
    @Test(arguments: ["list.md", "quote.md"])
    func upToDateNoteWithOrWithoutTrailingSpacesIsLeftByteIdentical(_ file: String) throws {
        let fixture = try #require(FixerCase.all.first { $0.file == file })
        let stripped = try fixture.source()
        let padded = stripped.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line == ">" ? "> " : (line.isEmpty ? "   " : String(line)) }
            .joined(separator: "\n")
        try #require(stripped != padded)
        for source in [stripped, padded] {
            // `notesgen test` finds nothing to fix in it…
            let note = NoteReader.parse(source: source, file: Self.file).note
            let recorded = OutputBlocks.find(in: note).blocks
            for (index, output) in fixture.desired {
                let lines = try #require(recorded[index]).lines
                #expect(OutputComparison.compare(recorded: lines, computed: output, tolerance: Tolerance()) == nil)
            }
            // … so `notesgen test --fix` must not change it either.
            #expect(try fix(source, fixture.desired) == source)
        }
    }

    /// A block inserted where the note had none keeps to the fence style of its block.
    @Test func insertedBlockFollowsTheBlockFence() throws {
        let source = "# T\n\n~~~~swift-attn\nprint(\"tilde\")\n~~~~\n\nAfter.\n"
        let desired = [0: RecordedOutput(outputs: [.text("tilde\n")])]
        #expect(
            try fix(source, desired)
                == "# T\n\n~~~~swift-attn\nprint(\"tilde\")\n~~~~\n\n~~~~output\ntilde\n~~~~\n\nAfter.\n")
    }

    /// A `no-output` block records nothing; a `should-fail` block records the error it teaches,
    /// without the file position (which moves with the prose).
    @Test func noOutputBlocksRecordNothingShouldFailBlocksTheirError() throws {
        let source = """
            # T

            ```swift-attn no-output
            print("quiet")
            ```

            ```swift-attn should-fail
            let x: Int = "no"
            ```

            """
        let read = NoteReader.parse(source: source, file: Self.file)
        var failure = BlockFailure(kind: .compile, message: "")
        failure.compileErrors = [
            Diagnostic(
                .error, file: "Notes/1_Fix.md", line: 8, column: 14,
                summary: "cannot convert value of type 'String' to specified type 'Int'", id: .blockCompile)
        ]
        let outcome = NoteOutcome(
            note: read.note, source: source,
            results: [
                BlockResult(outputs: [.text("quiet\n")]),
                BlockResult(expectedFailure: failure),
            ],
            diagnostics: [], wasCached: false)
        let report = DocTestRunner().check(outcome, fileURL: nil)
        #expect(report.diagnostics.map(\.id) == [.doctestMissing])
        #expect(report.diagnostics.first?.line == 9)

        let folder = try TemporaryFolder("should-fail-record")
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("1_Fix.md")
        try Data(source.utf8).write(to: url)
        #expect(DocTestRunner(fix: true).check(outcome, fileURL: url).rewrote)
        #expect(
            try String(contentsOf: url, encoding: .utf8) == source + """

                ```output
                error: cannot convert value of type 'String' to specified type 'Int'
                ```

                """)
    }
}

/// `DocTestRunner`: checking a note's recorded outputs, and fixing its file on disk.
@Suite struct DocTestRunnerTests {
    /// A note file in a fresh folder, with the outcome its blocks would have.
    private struct NoteOnDisk {
        var folder: TemporaryFolder
        var url: URL
        var fixture: FixerCase

        init(_ fixture: FixerCase, text: (String) -> String = { $0 }) throws {
            self.fixture = fixture
            folder = try TemporaryFolder("doctest")
            url = folder.url.appendingPathComponent("1_Fix.md")
            try Data(text(try fixture.source()).utf8).write(to: url)
        }

        func outcome(diagnostics: [Diagnostic] = [], failing: Bool = false) throws -> NoteOutcome {
            let source = try String(contentsOf: url, encoding: .utf8)
            let file = NoteFile(url: url, displayPath: "Notes/1_Fix.md")
            let note = NoteReader.parse(source: source, file: file).note
            let results = note.blocks.map { block in
                failing
                    ? BlockResult(failure: BlockFailure(kind: .trap, message: "Fatal error"))
                    : BlockResult(outputs: fixture.outputs[block.index] ?? [])
            }
            return NoteOutcome(note: note, source: source, results: results, diagnostics: diagnostics, wasCached: false)
        }

        var text: String { get throws { try String(contentsOf: url, encoding: .utf8) } }
        var folderContents: [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? [] }
    }

    private var plain: FixerCase { FixerCase.all[0] }

    @Test func upToDateNotePasses() throws {
        let note = try NoteOnDisk(plain)
        defer { note.folder.remove() }
        let report = DocTestRunner().check(try note.outcome(), fileURL: note.url)
        #expect(report.passed)
        #expect(report.diagnostics.isEmpty)
    }

    @Test func tamperedNumberIsReportedAtItsLine() throws {
        let note = try NoteOnDisk(plain) { $0.replacingOccurrences(of: "r   0.3573", with: "r   0.3583") }
        defer { note.folder.remove() }
        let report = DocTestRunner().check(try note.outcome(), fileURL: note.url)
        #expect(!report.passed)
        let diagnostic = try #require(report.diagnostics.first)
        #expect(report.diagnostics.count == 1)
        #expect(diagnostic.id == .doctestMismatch)
        #expect(diagnostic.line == (try lineNumber(of: "r   0.3583", in: try note.text)))
        #expect(
            diagnostic.description.hasPrefix(
                "Notes/1_Fix.md:\(diagnostic.line ?? 0): error: recorded output differs [doctest.mismatch]"))
        #expect(diagnostic.details?.contains("0.3583 → 0.3573") == true)
    }

    @Test func missingAndStaleOutputBlocksAreReported() throws {
        let note = try NoteOnDisk(plain)
        defer { note.folder.remove() }
        var outcome = try note.outcome()
        // Block 0 shows nothing now, but its output block is still there.
        outcome.results[0].outputs = []
        let report = DocTestRunner().check(outcome, fileURL: note.url)
        #expect(report.diagnostics.map(\.id) == [.doctestStale])
        #expect(report.diagnostics.first?.line == (try lineNumber(of: "```output", in: try note.text)))

        let missing = try NoteOnDisk(plain) { text in
            text.replacingOccurrences(
                of: "\n```output\nA [1×2]\n         0        1\nr   0.3573   1.0000\n```\n", with: "")
        }
        defer { missing.folder.remove() }
        try #require(try missing.text != (try plain.source()))
        let missingReport = DocTestRunner().check(try missing.outcome(), fileURL: missing.url)
        #expect(missingReport.diagnostics.map(\.id) == [.doctestMissing])
    }

    /// `--fix` restores a tampered file byte for byte, by replacing it whole: no temporary file
    /// is left beside it.
    @Test func fixRewritesTheFileAtomically() throws {
        let note = try NoteOnDisk(plain) { $0.replacingOccurrences(of: "r   0.3573", with: "r   0.3583") }
        defer { note.folder.remove() }
        let before = try FileManager.default.attributesOfItem(atPath: note.url.path)[.systemFileNumber] as? Int
        let report = DocTestRunner(fix: true).check(try note.outcome(), fileURL: note.url)
        #expect(report.passed)
        #expect(report.rewrote)
        #expect(try note.text == (try plain.source()))
        #expect(note.folderContents == ["1_Fix.md"])
        // A new file took the old one's name (an in-place write would keep the inode).
        let after = try FileManager.default.attributesOfItem(atPath: note.url.path)[.systemFileNumber] as? Int
        #expect(before != after)
    }

    @Test func fixLeavesAnUpToDateFileAlone() throws {
        let note = try NoteOnDisk(plain)
        defer { note.folder.remove() }
        let before = try FileManager.default.attributesOfItem(atPath: note.url.path)[.systemFileNumber] as? Int
        let report = DocTestRunner(fix: true).check(try note.outcome(), fileURL: note.url)
        #expect(report.passed)
        #expect(!report.rewrote)
        #expect(try note.text == (try plain.source()))
        let after = try FileManager.default.attributesOfItem(atPath: note.url.path)[.systemFileNumber] as? Int
        #expect(before == after)
        #expect(note.folderContents == ["1_Fix.md"])
    }

    /// A note whose blocks fail is reported and never rewritten, however stale its outputs.
    @Test func noteWhoseBlocksFailIsLeftUntouched() throws {
        let note = try NoteOnDisk(plain) { $0.replacingOccurrences(of: "r   0.3573", with: "r   0.3583") }
        defer { note.folder.remove() }
        let tampered = try note.text
        let trap = Diagnostic(.error, file: "Notes/1_Fix.md", line: 5, summary: "block trapped: x", id: .blockTrap)
        let report = DocTestRunner(fix: true).check(
            try note.outcome(diagnostics: [trap], failing: true), fileURL: note.url)
        #expect(!report.passed)
        #expect(!report.rewrote)
        #expect(report.diagnostics.map(\.id) == [.blockTrap])
        #expect(try note.text == tampered)
        #expect(note.folderContents == ["1_Fix.md"])
    }
}
