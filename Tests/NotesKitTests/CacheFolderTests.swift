import Foundation
import Testing

@testable import NotesKit

/// The cache is a folder notesgen tags as its own: only a tagged folder is written into without
/// question, and `clean` removes only a tagged folder, only the entries notesgen makes there.
@Suite struct CacheFolderTests {
    /// Creates `files` (path → text) below `folder`.
    private func create(_ files: [String: String], in folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// `notesgen clean --cache .` in a C project that has a `lib/`: nothing may go.
    @Test func cleanRefusesAFolderWithoutTheTag() async throws {
        let folder = try TemporaryFolder("cache-project")
        defer { folder.remove() }
        let project = [
            "lib/util.c": "int x;", "src/main.c": "int main(void) { return 0; }", ".git/HEAD": "ref: main",
            "results/report.txt": "ok",
        ]
        try create(project, in: folder.url)
        let clean = try await NotesgenExecutable.run(["clean", "--cache", "."], in: folder.url, sharedCache: false)
        #expect(clean.status == 1)
        #expect(clean.errorLines == [NotesgenError.notACache(folder.url.path).description])
        #expect(try filesBelow(folder.url) == project.mapValues { Data($0.utf8) })
        #expect(throws: NotesgenError.notACache(folder.url.path)) { try CacheFolder.remove(folder.url) }
    }

    @Test func cleanRemovesACacheNotesgenMade() throws {
        let folder = try TemporaryFolder("cache-clean")
        defer { folder.remove() }
        let cache = folder.url.appendingPathComponent("cache")
        try CacheFolder.prepare(cache)
        try create(
            [
                "lib/0123abcd/libAttention.so": "elf", "results/k.json": "{}", "work/x/main.swift": "",
                "toolchain-0123.txt": "Swift",
            ], in: cache)
        let clean = try CleanCommand.parse(["--cache", cache.path])
        try clean.run()
        #expect(!FileManager.default.fileExists(atPath: cache.path))
        // Cleaning nothing is fine; so is an empty folder (nothing in it to lose).
        #expect(try CacheFolder.remove(cache) == .nothingThere)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        #expect(try CacheFolder.remove(cache) == .removed)
        #expect(!FileManager.default.fileExists(atPath: cache.path))
    }

    /// A file the user put into a tagged cache survives `clean`, and so does its folder (still
    /// tagged: it is still the cache, holding one file of the user's).
    @Test func cleanKeepsFilesNotesgenDidNotCreate() throws {
        let folder = try TemporaryFolder("cache-keep")
        defer { folder.remove() }
        let cache = folder.url.appendingPathComponent("cache")
        try CacheFolder.prepare(cache)
        try create(["results/k.json": "{}", "notes-to-self.txt": "keep me"], in: cache)
        #expect(try CacheFolder.remove(cache) == .keptFolder(otherEntry: "notes-to-self.txt"))
        #expect(try filesBelow(cache).keys.sorted() == [CacheFolder.tagName, "notes-to-self.txt"])
    }

    /// A build holds the cache (shared with other builds); `clean` does not pull it away.
    @Test func cleanRefusesACacheABuildIsUsing() throws {
        let folder = try TemporaryFolder("cache-busy")
        defer { folder.remove() }
        let cache = folder.url.appendingPathComponent("cache")
        let build = try CacheFolder.use(cache)
        let otherBuild = try CacheFolder.use(cache)
        #expect(throws: NotesgenError.cacheInUse(cache.path)) { try CacheFolder.remove(cache) }
        build.release()
        otherBuild.release()
        #expect(try CacheFolder.remove(cache) == .removed)
    }

    @Test func cacheEntriesAreOnlyWhatNotesgenWrites() {
        for name in [
            "lib", "results", "work", "toolchain-0a.txt", ".toolchain-0a.txt.12.ABC-DEF.tmp",
            "..notesgen-cache-tag.1.X.tmp",
        ] {
            #expect(CacheFolder.isCacheEntry(name), "\(name)")
        }
        for name in ["src", ".git", "lib.tmp", ".src.1.X.tmp", "toolchain-0a.json", "notes.txt"] {
            #expect(!CacheFolder.isCacheEntry(name), "\(name)")
        }
    }

    /// `--cache src` by mistake: a folder holding other files is neither written into nor tagged.
    @Test func folderWithOtherFilesIsNotUsedAsACache() throws {
        let folder = try TemporaryFolder("cache-foreign")
        defer { folder.remove() }
        try create(["main.c": "int main(void) { return 0; }"], in: folder.url)
        #expect(throws: NotesgenError.cacheHoldsOtherFiles(folder.url.path, example: "main.c")) {
            try CacheFolder.prepare(folder.url)
        }
        #expect(try filesBelow(folder.url).keys.sorted() == ["main.c"])
        // Toolchain.locate is the first writer into a cache: it stops there too.
        #expect(throws: NotesgenError.self) { try Toolchain.locate(cacheFolder: folder.url) }
        #expect(try filesBelow(folder.url).keys.sorted() == ["main.c"])
    }

    /// New and empty folders are tagged; so is a cache an earlier notesgen made (its entries
    /// all follow the cache's layout).
    @Test func newEmptyAndEarlierCachesAreTagged() throws {
        let folder = try TemporaryFolder("cache-tag")
        defer { folder.remove() }
        let new = folder.url.appendingPathComponent("a/b/new")
        let empty = folder.url.appendingPathComponent("empty")
        let earlier = folder.url.appendingPathComponent("earlier")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try create(["lib/0a1b2c/complete": "", "results/k.json": "{}", "toolchain-9f.txt": "Swift"], in: earlier)
        // A build killed while it wrote the tag into a new folder left only the temporary file.
        let interrupted = folder.url.appendingPathComponent("interrupted")
        try create(["..notesgen-cache-tag.123.\(UUID().uuidString).tmp": "Signature"], in: interrupted)
        for cache in [new, empty, earlier, interrupted] {
            try CacheFolder.prepare(cache)
            #expect(CacheFolder.isTagged(cache), "\(cache.lastPathComponent) was not tagged")
        }
        let tag = try String(contentsOf: new.appendingPathComponent(CacheFolder.tagName), encoding: .utf8)
        #expect(tag.hasPrefix("Signature: notesgen-cache\n"))
    }

    /// A cache path that is a file: one line naming it, not Foundation's error dump.
    @Test func cachePathThatIsAFileIsAPlainError() throws {
        let folder = try TemporaryFolder("cache-file")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("cache")
        try Data("x".utf8).write(to: file)
        #expect(throws: NotesgenError.cacheIsAFile(file.path)) { try CacheFolder.prepare(file) }
        #expect(throws: NotesgenError.cacheIsAFile(file.path)) { try CacheFolder.remove(file) }
        #expect(try Data(contentsOf: file) == Data("x".utf8))
    }
}
