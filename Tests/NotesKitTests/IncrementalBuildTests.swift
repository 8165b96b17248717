import Foundation
import Testing

@testable import NotesKit

/// A rebuild takes unchanged pages from the page cache and writes nothing when nothing changed;
/// whatever it reuses, the site is byte for byte the one a full build writes.
@Suite struct IncrementalBuildTests {
    @Test func incrementalBuildsWriteWhatAFullBuildWrites() async throws {
        _ = try await TestEnvironment.library.value
        let folder = try TemporaryFolder("incremental")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "passing")
        let site = folder.url.appendingPathComponent("Site")
        let settings = TestEnvironment.settings(notes: notes)
        let build = { @Sendable (output: URL, settings: RunSettings) in
            _ = try BuildPipeline(settings: settings, outputFolder: output.path)
                .run(progress: Progress(quiet: true, timings: false, stepCount: 5))
        }
        try await onThread { try build(site, settings) }
        // A prose edit, a new note and a code edit, each followed by an incremental build.
        let first = try #require(
            try FileManager.default.contentsOfDirectory(atPath: notes.path).filter { $0.hasSuffix(".md") }.sorted()
                .first)
        let firstURL = notes.appendingPathComponent(first)
        try (String(contentsOf: firstURL, encoding: .utf8) + "\nA new paragraph.\n").write(
            to: firstURL, atomically: true, encoding: .utf8)
        try await onThread { try build(site, settings) }
        try "# Added\n\nA note added later.\n".write(
            to: notes.appendingPathComponent("9_Added.md"), atomically: true, encoding: .utf8)
        try await onThread { try build(site, settings) }
        let incremental = try filesBelow(site)

        // The same notes built from scratch, with an empty cache, into another folder.
        let fresh = folder.url.appendingPathComponent("Fresh")
        var freshSettings = settings
        freshSettings.cacheFolder = folder.url.appendingPathComponent("fresh-cache")
        let fromScratch = freshSettings
        try await onThread { try build(fresh, fromScratch) }
        let full = try filesBelow(fresh)
        #expect(incremental.keys.sorted() == full.keys.sorted())
        for (path, data) in full { #expect(incremental[path] == data, "\(path)") }
        #expect(String(decoding: incremental["index.html"] ?? Data(), as: UTF8.self).contains("Added"))
    }

    @Test func aRebuildWithNothingChangedRendersAndWritesNothing() async throws {
        _ = try await TestEnvironment.library.value
        let folder = try TemporaryFolder("noop")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "passing")
        let site = folder.url.appendingPathComponent("Site")
        let settings = TestEnvironment.settings(notes: notes)
        let build = { @Sendable in
            _ = try BuildPipeline(settings: settings, outputFolder: site.path)
                .run(progress: Progress(quiet: true, timings: false, stepCount: 5))
        }
        try await onThread(build)
        // This site's pages in the cache (other tests share the cache and add their own).
        let pages = PageCache(cacheFolder: settings.cacheFolder).folder
        let keys = BuildPipeline.pageKeys(try await runNotes(in: notes)).compactMap { $0 }
        #expect(keys.count == 3)
        let stamps = { keys.map { FileStamp.of(pages.appendingPathComponent($0).path) } }
        let cached = stamps()
        #expect(cached.allSatisfy { $0 != nil })
        var before = stat()
        _ = stat(site.appendingPathComponent("index.html").path, &before)
        try await onThread(build)
        var after = stat()
        _ = stat(site.appendingPathComponent("index.html").path, &after)
        #expect(before.st_ino == after.st_ino, "the site was not swapped")
        #expect(stamps() == cached, "no page rendered again")
    }
}
