import Foundation
import NoteModel
import Testing

@testable import NotesKit

/// `test --fix` writes a note back only over the bytes it read, and keeps the file the user's:
/// symbolic links, hard links, permissions and a byte-order mark survive.
@Suite struct FixWriteBackTests {
    /// A note whose one block prints `42` and has no output block yet.
    private let source = "# Answer\n\n```swift-attn\nprint(42)\n```\n\nProse.\n"
    /// The same note after `--fix`.
    private let fixed = "# Answer\n\n```swift-attn\nprint(42)\n```\n\n```output\n42\n```\n\nProse.\n"

    /// The outcome of the note at `url` as if its block had run and printed `42`; the note is
    /// read as `notesgen test` reads it.
    private func outcome(of url: URL) throws -> NoteOutcome {
        let read = NoteReader.read(NoteFile(url: url, displayPath: "Notes/\(url.lastPathComponent)"))
        #expect(read.diagnostics.isEmpty)
        return NoteOutcome(
            note: read.note, source: read.source, results: [BlockResult(outputs: [.text("42\n")])],
            diagnostics: [], wasCached: false)
    }

    private func fix(_ outcome: NoteOutcome, at url: URL) -> DocTestRunner.Report {
        DocTestRunner(fix: true).check(outcome, fileURL: url)
    }

    @Test func fixWritesTheRecordedOutput() throws {
        let folder = try TemporaryFolder("fix-plain")
        defer { folder.remove() }
        let note = folder.url.appendingPathComponent("1_Answer.md")
        try Data(source.utf8).write(to: note)
        let report = fix(try outcome(of: note), at: note)
        #expect(report.rewrote)
        #expect(try String(contentsOf: note, encoding: .utf8) == fixed)
    }

    /// An edit saved while the notes ran is not overwritten with the text read before it.
    @Test func noteChangedWhileItsBlocksRanIsLeftAlone() throws {
        let folder = try TemporaryFolder("fix-lost-update")
        defer { folder.remove() }
        let note = folder.url.appendingPathComponent("1_Answer.md")
        try Data(source.utf8).write(to: note)
        let outcome = try outcome(of: note)
        let edited = source + "\nA paragraph written while the notes ran.\n"
        try Data(edited.utf8).write(to: note)

        let report = fix(outcome, at: note)
        #expect(!report.rewrote)
        #expect(report.diagnostics.map(\.id) == [.doctestChanged])
        #expect(report.diagnostics.first?.severity == .error)
        #expect(try String(contentsOf: note, encoding: .utf8) == edited)
    }

    /// A note that is a symbolic link: the link stays a link, its target gets the outputs.
    @Test func symlinkedNoteIsWrittenThrough() throws {
        let folder = try TemporaryFolder("fix-symlink")
        defer { folder.remove() }
        let real = folder.url.appendingPathComponent("elsewhere/answer.md")
        try FileManager.default.createDirectory(at: real.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(source.utf8).write(to: real)
        let link = folder.url.appendingPathComponent("1_Answer.md")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "elsewhere/answer.md")

        #expect(fix(try outcome(of: link), at: link).rewrote)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "elsewhere/answer.md")
        #expect(try String(contentsOf: real, encoding: .utf8) == fixed)
        // No temporary file is left in either folder.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: real.deletingLastPathComponent().path) == ["answer.md"])
    }

    /// Permissions stay; a note with two hard links stays one file under both names.
    @Test func modeAndHardLinksAreKept() throws {
        let folder = try TemporaryFolder("fix-links")
        defer { folder.remove() }
        let note = folder.url.appendingPathComponent("1_Answer.md")
        let other = folder.url.appendingPathComponent("backup.md")
        try Data(source.utf8).write(to: note)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: note.path)
        try FileManager.default.linkItem(at: note, to: other)

        #expect(fix(try outcome(of: note), at: note).rewrote)
        #expect(try String(contentsOf: other, encoding: .utf8) == fixed)
        let attributes = try FileManager.default.attributesOfItem(atPath: note.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        #expect((attributes[.referenceCount] as? NSNumber)?.intValue == 2)

        // A single-link note is replaced whole (atomically), its mode kept all the same.
        try FileManager.default.removeItem(at: other)
        try Data(source.utf8).write(to: note)
        try FileManager.default.setAttributes([.posixPermissions: 0o604], ofItemAtPath: note.path)
        #expect(fix(try outcome(of: note), at: note).rewrote)
        let single = try FileManager.default.attributesOfItem(atPath: note.path)
        #expect((single[.posixPermissions] as? NSNumber)?.intValue == 0o604)
    }

    /// A UTF-8 byte-order mark is a byte outside the output blocks: it stays.
    @Test func byteOrderMarkIsKept() throws {
        let folder = try TemporaryFolder("fix-bom")
        defer { folder.remove() }
        let note = folder.url.appendingPathComponent("1_Answer.md")
        let bom = Data([0xEF, 0xBB, 0xBF])
        try (bom + Data(source.utf8)).write(to: note)
        let outcome = try outcome(of: note)
        #expect(outcome.note.title == "Answer")
        #expect(fix(outcome, at: note).rewrote)
        #expect(try Data(contentsOf: note) == bom + Data(fixed.utf8))
    }
}
