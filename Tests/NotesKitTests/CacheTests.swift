import Foundation
import NoteModel
import Testing

@testable import NotesKit

/// What runs again and what comes from the cache, on one copy of `Fixtures/cache` edited step
/// by step: `1_Steady.md` passes, `2_Broken.md` has a compile error.
@Suite struct CacheTests {
    private func edit(_ note: URL, _ change: (String) -> String) throws {
        let text = try String(contentsOf: note, encoding: .utf8)
        try Data(change(text).utf8).write(to: note)
    }

    @Test func cacheFollowsTheCodeNotTheProse() async throws {
        let folder = try TemporaryFolder("cache")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "cache")
        let steady = notes.appendingPathComponent("1_Steady.md")
        let broken = notes.appendingPathComponent("2_Broken.md")

        // A fresh folder: everything runs.
        let first = try await runNotes(in: notes)
        #expect(first.map(\.wasCached) == [false, false])
        let firstError = try #require(first[1].diagnostics.first)
        #expect(firstError.id == .blockCompile)
        let brokenSource = try String(contentsOf: broken, encoding: .utf8)
        #expect(firstError.line == (try lineNumber(of: "let text: String = 42", in: brokenSource)))

        // The same notes again: nothing runs, and the results are the same.
        let second = try await runNotes(in: notes)
        #expect(second.map(\.wasCached) == [true, true])
        #expect(second.map(\.results) == first.map(\.results))
        #expect(second.map(\.diagnostics) == first.map(\.diagnostics))

        // Prose added above the blocks: still cached, and the error moves down with its block.
        try edit(broken) { "Three new lines\nof prose\n\n" + $0 }
        try edit(steady) { $0.replacingOccurrences(of: "# Steady\n", with: "# Steady\n\nA new paragraph.\n") }
        let third = try await runNotes(in: notes)
        #expect(third.map(\.wasCached) == [true, true])
        let movedError = try #require(third[1].diagnostics.first)
        #expect(movedError.line == firstError.line.map { $0 + 3 })
        #expect(movedError.column == firstError.column)
        #expect(movedError.summary == firstError.summary)
        #expect(third[0].results == first[0].results)
        // The page's error text names the new line too.
        #expect(third[1].results[0].failure?.message.contains("2_Broken.md:\((firstError.line ?? 0) + 3):") == true)

        // A code edit runs that note again, and only that note.
        try edit(steady) { $0.replacingOccurrences(of: "[[0.25, 0.5]]", with: "[[0.25, 0.75]]") }
        let fourth = try await runNotes(in: notes)
        #expect(fourth.map(\.wasCached) == [false, true])
        #expect(fourth[0].results[0].outputs.first?.table?.values == [0.25, 0.75])

        // Without the cache, everything runs again.
        let fifth = try await runNotes(in: notes, usesCache: false)
        #expect(fifth.map(\.wasCached) == [false, false])
        #expect(fifth.map(\.results) == fourth.map(\.results))
        #expect(fifth.map(\.diagnostics) == fourth.map(\.diagnostics))
    }

    /// An option that changes what a block does (should-fail) is part of the key; one that only
    /// changes the page (hide) is not.
    @Test func cacheKeyFollowsOptionsThatChangeResults() throws {
        let toolchain = Toolchain(swiftc: URL(fileURLWithPath: "/usr/bin/swiftc"), version: "Swift version 0")
        let library = RuntimeLibrary(folder: URL(fileURLWithPath: "/lib"), hash: "abc", builtHash: "def")
        let executor = NoteExecutor(
            toolchain: toolchain, library: library, workFolder: URL(fileURLWithPath: "/work"), noteTimeout: 60)
        func key(_ source: String) -> String {
            let file = NoteFile(url: URL(fileURLWithPath: "/n/1_x.md"), displayPath: "Notes/1_x.md")
            return executor.cacheKey(for: NoteReader.parse(source: source, file: file).note)
        }
        let plain = key("```swift-attn\nprint(1)\n```\n")
        #expect(key("# Title\n\nProse.\n\n```swift-attn\nprint(1)\n```\n") == plain)
        #expect(key("```swift-attn hide\nprint(1)\n```\n") == plain)
        #expect(key("```swift-attn\nprint(2)\n```\n") != plain)
        #expect(key("```swift-attn should-fail\nprint(1)\n```\n") != plain)
        #expect(key("```swift-attn timeout=5\nprint(1)\n```\n") != plain)
        #expect(key("```swift-attn\nprint(1)\n```\n\n```swift-attn\n```\n") != plain)
    }

    /// The library is compiled from the package's sources even when `Sources/Attention` (and
    /// the other modules) are symbolic links, as in a scratch package that links to the real
    /// folders; the same sources give the same library.
    @Test func libraryIsFoundThroughSymbolicLinks() async throws {
        let real = try await TestEnvironment.library.value
        let folder = try TemporaryFolder("linked-package")
        defer { folder.remove() }
        let sources = folder.url.appendingPathComponent("Sources")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        for module in RuntimeLibrary.modules {
            try FileManager.default.createSymbolicLink(
                at: sources.appendingPathComponent(module),
                withDestinationURL: URL(fileURLWithPath: TestEnvironment.packageRoot).appendingPathComponent(
                    "Sources/\(module)"))
        }
        let linked = try await onThread {
            try RuntimeLibrary.prepare(
                packageRoot: folder.url, toolchain: try Toolchain.locate(cacheFolder: TestEnvironment.cacheFolder),
                cacheFolder: TestEnvironment.cacheFolder)
        }
        #expect(linked.hash == real.hash)
    }
}
