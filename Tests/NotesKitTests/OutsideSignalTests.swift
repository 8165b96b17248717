import Foundation
import NoteModel
import Testing

@testable import NotesKit

/// A note's program ended by a signal from outside (Ctrl-C in the terminal reaches it too) is no
/// result of the note: it is reported as such and not cached, so the next build runs it again.
@Suite struct OutsideSignalTests {
    @Test func aProgramStoppedFromOutsideIsNotTheNotesResult() async throws {
        let folder = try TemporaryFolder("outside-signal")
        defer { folder.remove() }
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        // The program stands in for the terminal: it sends itself the SIGINT Ctrl-C would.
        let source =
            "# Stopped\n\n```swift-attn\nprint(\"started \\(UUID())\")\nkill(getpid(), SIGINT)\nsleep(5)\n```\n"
        try Data(source.utf8).write(to: notes.appendingPathComponent("1_Stopped.md"))
        let outcome = try #require(try await runNotes(in: notes).first)
        #expect(outcome.diagnostics.map(\.id) == [.blockRun])
        #expect(outcome.diagnostics.first?.summary.contains("stopped from outside") == true)
        #expect(outcome.resultsKey == nil, "not cached")
        let again = try #require(try await runNotes(in: notes).first)
        #expect(!again.wasCached)
    }
}
