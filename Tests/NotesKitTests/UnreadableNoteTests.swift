import Foundation
import NoteModel
import Testing

@testable import NotesKit

/// A note that cannot be read is an error for that note; the other notes still build.
@Suite struct UnreadableNoteTests {
    @Test func unreadableNotesAreErrorsAndTheOthersBuild() async throws {
        let folder = try TemporaryFolder("unreadable")
        defer { folder.remove() }
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("# Good\n\nProse.\n".utf8).write(to: notes.appendingPathComponent("1_Good.md"))
        // Latin-1 `é` on line 3, at byte offset 11.
        try Data("# Cafe\n\nCaf".utf8 + [0xE9] + "\n".utf8).write(to: notes.appendingPathComponent("2_Latin.md"))
        #expect(mkfifo(notes.appendingPathComponent("3_Pipe.md").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: notes.appendingPathComponent("4_Gone.md").path, withDestinationPath: "nowhere.md")
        let site = folder.url.appendingPathComponent("Site")
        let settings = TestEnvironment.settings(notes: notes)
        let diagnostics = try await onThread {
            try BuildPipeline(settings: settings, outputFolder: site.path)
                .run(progress: Progress(quiet: true, timings: false, stepCount: 5))
        }
        let unreadable = diagnostics.filter { $0.id == .noteUnreadable }
        #expect(unreadable.map(\.file) == ["2_Latin.md", "3_Pipe.md", "4_Gone.md"].map { "\(notes.path)/\($0)" })
        #expect(unreadable.allSatisfy { $0.severity == .error })
        #expect(unreadable[0].line == 3)
        #expect(unreadable[0].summary.contains("offset 11"))
        #expect(unreadable[1].summary.contains("FIFO"))
        #expect(unreadable[2].summary.contains("symbolic link to 'nowhere.md'"))
        let pages = try siteFiles(site)
        #expect(String(decoding: try #require(pages["1-good.html"]), as: UTF8.self).contains("Prose."))
    }

    @Test func firstInvalidUTF8OffsetCountsBytes() {
        #expect(NoteReader.firstInvalidUTF8Offset(in: Data("añb".utf8) + [0xFF]) == 4)
        #expect(NoteReader.firstInvalidUTF8Offset(in: Data([0xC3])) == 0)
        #expect(NoteReader.firstInvalidUTF8Offset(in: Data("ok".utf8) + [0xE2, 0x82]) == 2)
    }

    /// No permission to read a note (as anyone but root): plain words, the note named.
    @Test(.enabled(if: getuid() != 0, "root reads any file")) func noteWithoutPermissionIsAnError() throws {
        let folder = try TemporaryFolder("unreadable-mode")
        defer { folder.remove() }
        let note = folder.url.appendingPathComponent("1_Secret.md")
        try Data("# Secret\n".utf8).write(to: note)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: note.path)
        let read = NoteReader.read(NoteFile(url: note, displayPath: "Notes/1_Secret.md"))
        #expect(
            read.diagnostics.map(\.description) == [
                "Notes/1_Secret.md: error: cannot read the note: permission denied; check the permissions of the file and its folders [note.unreadable]"
            ])
    }
}
