import Foundation
import NoteModel
import NoteResults
import SiteRendering
import Testing

@testable import NotesKit

/// The page tells what happened to each block: the blocks before a compile error still show
/// their results, the ones after it say which block kept them from running, and a fence with an
/// invalid option shows that error.
@Suite struct TruthfulErrorBoxTests {
    @Test func blocksBeforeACompileErrorShowTheirResults() async throws {
        let folder = try TemporaryFolder("truthful")
        defer { folder.remove() }
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let source = """
            # Truth

            ```swift-attn
            show(Tensor([1, 2]), "before")
            print("printed before")
            ```

            ```swift-attn
            let broken: Int = Tensor([1])
            ```

            ```swift-attn
            show(Tensor([3]), "after")
            ```
            """
        try Data(source.utf8).write(to: notes.appendingPathComponent("1_Truth.md"))
        let outcome = try #require(try await runNotes(in: notes, usesCache: false).first)
        let results = outcome.results
        #expect(results[0].failure == nil)
        #expect(
            results[0].outputs.contains {
                if case .table(let t) = $0 { return t.title == "before" } else { return false }
            })
        #expect(results[0].outputs.contains(.text("printed before\n")))
        #expect(results[1].failure?.kind == .compile)
        #expect(results[2].failure?.kind == .notRun)
        #expect(results[2].failure?.message == "not run: the block at line 8 does not compile")
        // The compile error is reported once, at its line.
        #expect(outcome.diagnostics.filter { $0.id == .blockCompile }.map(\.line) == [9])
    }

    @Test func aFenceWithAnInvalidOptionShowsItsError() throws {
        let document = "# T\n\n```swift-attn hidden\nshow(x)\n```\n"
        let read = NoteReader.parse(
            source: document, file: NoteFile(url: URL(fileURLWithPath: "/n/1_T.md"), displayPath: "Notes/1_T.md"))
        let problem = try #require(read.diagnostics.first { $0.id == .blockOption })
        let html = PageRenderer().render(
            note: read.note, results: [], navigation: PageNavigation(previous: nil, next: nil),
            invalidFences: [3: problem.summary])
        #expect(html.contains("Invalid block option"))
        #expect(html.contains("hidden"))
        #expect(html.contains("show(x)") || html.contains("show</span>"))
    }
}
