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
        let build = try await NotesgenExecutable.run(["build"], in: folder.url, sharedCache: false)
        #expect(build.status == 1)
        #expect(
            build.errorLines == [
                "Notes/2_Latin.md:3: error: the note is not valid UTF-8: the byte at offset 11 does not start a valid UTF-8 sequence; save the file as UTF-8 [note.unreadable]",
                "Notes/3_Pipe.md: error: cannot read the note: it is a FIFO (named pipe), not a regular file; only regular files are read [note.unreadable]",
                "Notes/4_Gone.md: error: cannot read the note: it is a symbolic link to 'nowhere.md', which does not exist; fix or remove the link [note.unreadable]",
            ])
        // The summary, on standard output, says the site was still written.
        #expect(build.stdout.contains("3 errors"))
        #expect(build.stdout.contains("open Site/index.html"))
        let pages = try siteFiles(folder.url.appendingPathComponent("Site"))
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
