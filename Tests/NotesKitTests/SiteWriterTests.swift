import Foundation
import NoteModel
import SiteRendering
import Testing

@testable import NotesKit

/// The site is replaced whole or not at all, and pages of deleted notes disappear.
@Suite struct SiteWriterTests {
    private let oldSite: [String: Data] = [
        "index.html": Data("old index".utf8), "1-old.html": Data("old page".utf8),
        "assets/style.css": Data("old css".utf8),
    ]

    @Test func writesEveryFileAndNothingElse() throws {
        let folder = try TemporaryFolder("site")
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("Site")
        try SiteWriter.write(oldSite, to: site)
        #expect(try siteFiles(site) == oldSite)
        let newSite = ["index.html": Data("new".utf8), "assets/style.css": Data("css".utf8)]
        try SiteWriter.write(newSite, to: site)
        #expect(try siteFiles(site) == newSite)
        // Nothing is left beside the site: no staging folder, no retired site.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["Site"])
    }

    /// A write that fails half-way (here a page where a folder must go) leaves the old site.
    @Test func failedWriteLeavesThePreviousSite() throws {
        let folder = try TemporaryFolder("site-fail")
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("Site")
        try SiteWriter.write(oldSite, to: site)
        let impossible = ["index.html": Data("new".utf8), "a": Data("file".utf8), "a/b.html": Data("page".utf8)]
        #expect(throws: NotesgenError.self) { try SiteWriter.write(impossible, to: site) }
        #expect(try siteFiles(site) == oldSite)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["Site"])
    }

    /// A build interrupted between its two renames left the old site as `.Site.old-…` and no
    /// `Site/`; the next write (or `recover`) puts it back, and half-built folders go.
    @Test func interruptedSwapIsRecovered() throws {
        let folder = try TemporaryFolder("site-recover")
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("Site")
        try SiteWriter.write(oldSite, to: site)
        let retired = folder.url.appendingPathComponent(".Site.old-\(UUID().uuidString)")
        try FileManager.default.moveItem(at: site, to: retired)
        let halfBuilt = folder.url.appendingPathComponent(".Site.building-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: halfBuilt, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: halfBuilt.appendingPathComponent("index.html"))

        SiteWriter.recover(site)
        #expect(try siteFiles(site) == oldSite)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["Site"])
    }

    /// After an interrupted swap, a failed write still leaves the recovered old site.
    @Test func failedWriteAfterAnInterruptedSwapKeepsTheOldSite() throws {
        let folder = try TemporaryFolder("site-recover-fail")
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("Site")
        try SiteWriter.write(oldSite, to: site)
        try FileManager.default.moveItem(
            at: site, to: folder.url.appendingPathComponent(".Site.old-\(UUID().uuidString)"))
        #expect(throws: NotesgenError.self) {
            try SiteWriter.write(["a": Data(), "a/b": Data()], to: site)
        }
        #expect(try siteFiles(site) == oldSite)
    }

    /// Other folders beside the site are not the site's leftovers.
    @Test func recoverTouchesOnlyThisSitesLeftovers() throws {
        let folder = try TemporaryFolder("site-neighbours")
        defer { folder.remove() }
        let keep = [".Site2.old-1", ".Other.building-2", "Notes"]
        for name in keep {
            try FileManager.default.createDirectory(
                at: folder.url.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try SiteWriter.write(oldSite, to: folder.url.appendingPathComponent("Site"))
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path)) == Set(keep + ["Site"]))
    }

    /// Pages of notes that were deleted disappear on the next build (no program runs: these
    /// notes have no code).
    @Test func pagesOfDeletedNotesDisappear() async throws {
        let folder = try TemporaryFolder("site-rebuild")
        defer { folder.remove() }
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("# One\n\nProse.\n".utf8).write(to: notes.appendingPathComponent("1_One.md"))
        try Data("# Two\n\nProse.\n".utf8).write(to: notes.appendingPathComponent("2_Two.md"))
        let site = folder.url.appendingPathComponent("Site")
        let settings = TestEnvironment.settings(notes: notes)
        let build = { @Sendable in
            try BuildPipeline(settings: settings, outputFolder: site.path)
                .run(progress: Progress(quiet: true, timings: false, stepCount: 5))
        }
        _ = try await onThread(build)
        let assets: Set<String> = ["assets/style.css", SearchIndex.path, SiteScript.path]
        #expect(Set(try siteFiles(site).keys) == Set(["index.html", "1-one.html", "2-two.html"]).union(assets))

        try FileManager.default.removeItem(at: notes.appendingPathComponent("2_Two.md"))
        _ = try await onThread(build)
        #expect(Set(try siteFiles(site).keys) == Set(["index.html", "1-one.html"]).union(assets))
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("1-one.html"))
        #expect(!index.contains("2-two.html"))
    }

    /// A note called `index.md` would have its page at `index.html`, where the table of contents
    /// goes: the build must say so rather than lose one of the two pages.
    @Test func noteNamedIndexDoesNotLoseItsPage() async throws {
        let folder = try TemporaryFolder("site-index-note")
        defer { folder.remove() }
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("# One\n\nProse.\n".utf8).write(to: notes.appendingPathComponent("1_One.md"))
        try Data("# All about indexes\n\nIndex body text.\n".utf8).write(to: notes.appendingPathComponent("index.md"))
        let site = folder.url.appendingPathComponent("Site")
        let settings = TestEnvironment.settings(notes: notes)
        do {
            _ = try await onThread {
                try BuildPipeline(settings: settings, outputFolder: site.path)
                    .run(progress: Progress(quiet: true, timings: false, stepCount: 5))
            }
        } catch is NotesgenError {
            return  // Refused with a message: fine.
        }
        let pages = try siteFiles(site).mapValues { String(decoding: $0, as: UTF8.self) }
        // The note's own page: its article, not only its summary in the table of contents.
        #expect(
            pages.values.contains { $0.contains("<article class=\"note\">") && $0.contains("Index body text.") },
            "the page of index.md was overwritten by the table of contents")
        #expect(pages["index.html"]?.contains("href=\"1-one.html\"") == true)
    }

    /// `--output .` run from the project folder: the site would replace the folder holding the
    /// notes, and the old folder, notes and all, would be deleted. It must be refused.
    @Test func outputHoldingTheNotesIsRefused() async throws {
        let folder = try TemporaryFolder("site-holds-notes")
        defer { folder.remove() }
        let project = folder.url.appendingPathComponent("project")
        let notes = project.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let note = notes.appendingPathComponent("1_Precious.md")
        try Data("# Precious\n\nHours of work.\n".utf8).write(to: note)
        let pipeline = BuildPipeline(settings: TestEnvironment.settings(notes: notes), outputFolder: project.path)
        #expect(throws: NotesgenError.self) {
            try pipeline.run(progress: Progress(quiet: true, timings: false, stepCount: 5))
        }
        #expect(FileManager.default.fileExists(atPath: note.path), "the build deleted the notes")
    }

    @Test func outputInsideTheNotesFolderIsRefused() async throws {
        let folder = try TemporaryFolder("site-inside")
        defer { folder.remove() }
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let pipeline = BuildPipeline(
            settings: TestEnvironment.settings(notes: notes), outputFolder: notes.appendingPathComponent("Site").path)
        #expect(throws: NotesgenError.self) {
            try pipeline.run(progress: Progress(quiet: true, timings: false, stepCount: 5))
        }
    }

    // MARK: Only what notesgen wrote is replaced (the manifest)

    /// A notes folder of one note without code (so no program runs), and the pipeline that
    /// builds it into `output`.
    private func noCodeBuild(in folder: TemporaryFolder, output: URL) throws -> @Sendable () throws -> [Diagnostic] {
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("# One\n\nProse.\n".utf8).write(to: notes.appendingPathComponent("1_One.md"))
        let settings = TestEnvironment.settings(notes: notes)
        return {
            try BuildPipeline(settings: settings, outputFolder: output.path)
                .run(progress: Progress(quiet: true, timings: false, stepCount: 5))
        }
    }

    /// GitHub Pages: `docs/` holds the site plus a `CNAME` and images the user put there. A new
    /// build replaces the pages and keeps the rest.
    @Test func filesNotesgenDidNotWriteAreKept() throws {
        let folder = try TemporaryFolder("site-keep")
        defer { folder.remove() }
        let docs = folder.url.appendingPathComponent("docs")
        try SiteWriter.write(oldSite, to: docs)
        let theirs: [String: Data] = [
            "CNAME": Data("notes.example.org\n".utf8), "images/logo.png": Data([0x89, 0x50, 0x4E, 0x47]),
            "assets/extra.css": Data("mine".utf8),
        ]
        for (path, data) in theirs {
            let url = docs.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let newSite = ["index.html": Data("new".utf8), "assets/style.css": Data("css".utf8)]
        try SiteWriter.write(newSite, to: docs)
        #expect(try siteFiles(docs) == newSite.merging(theirs) { new, _ in new })
        // The manifest lists the site's files only: the kept ones stay the user's.
        let manifest = try #require(
            SiteManifest.parse(try Data(contentsOf: docs.appendingPathComponent(SiteManifest.fileName))))
        #expect(manifest == SiteManifest(files: newSite))
    }

    /// A page edited by hand since the build wrote it is not overwritten: the build stops and
    /// names it.
    @Test func changedSiteFileStopsTheWrite() throws {
        let folder = try TemporaryFolder("site-changed")
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("Site")
        try SiteWriter.write(oldSite, to: site)
        try Data("edited by hand".utf8).write(to: site.appendingPathComponent("1-old.html"))
        #expect(throws: NotesgenError.outputFileChanged(site.path, file: "1-old.html")) {
            try SiteWriter.write(["index.html": Data("new".utf8)], to: site)
        }
        #expect(try Data(contentsOf: site.appendingPathComponent("1-old.html")) == Data("edited by hand".utf8))
        #expect(try Data(contentsOf: site.appendingPathComponent("index.html")) == Data("old index".utf8))
    }

    /// A file of the user's where the new site puts a page of its own: neither wins silently.
    @Test func keptFileInTheNewSitesWayStopsTheWrite() throws {
        let folder = try TemporaryFolder("site-in-the-way")
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("Site")
        try SiteWriter.write(oldSite, to: site)
        try Data("mine".utf8).write(to: site.appendingPathComponent("2-new.html"))
        #expect(throws: NotesgenError.outputFileInTheWay(site.path, file: "2-new.html")) {
            try SiteWriter.write(["index.html": Data("new".utf8), "2-new.html": Data("page".utf8)], to: site)
        }
        #expect(try Data(contentsOf: site.appendingPathComponent("2-new.html")) == Data("mine".utf8))
    }

    /// A folder with an `index.html` but no manifest (written by hand, or by another tool) may
    /// hold anything: the build refuses it before running a note, and every file stays.
    @Test func folderWithoutAManifestIsNotReplaced() async throws {
        let folder = try TemporaryFolder("site-no-manifest")
        defer { folder.remove() }
        let docs = folder.url.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        let theirs = ["index.html": Data("<h1>Home</h1>".utf8), "CNAME": Data("example.org\n".utf8)]
        for (path, data) in theirs { try data.write(to: docs.appendingPathComponent(path)) }
        let build = try noCodeBuild(in: folder, output: docs)
        await #expect(throws: NotesgenError.outputHasNoManifest(docs.path, example: "CNAME")) {
            try await onThread(build)
        }
        #expect(try filesBelow(docs) == theirs)
    }

    /// `--output README.md`, an existing file: refused, and the file stays.
    @Test func outputThatIsAFileIsRefused() async throws {
        let folder = try TemporaryFolder("site-output-file")
        defer { folder.remove() }
        let readme = folder.url.appendingPathComponent("README.md")
        try Data("# My project\n".utf8).write(to: readme)
        let build = try noCodeBuild(in: folder, output: readme)
        await #expect(throws: NotesgenError.outputIsAFile(readme.path)) { try await onThread(build) }
        #expect(try Data(contentsOf: readme) == Data("# My project\n".utf8))
        #expect(
            NotesgenError.outputIsAFile("README.md").description
                == "error: the output 'README.md' is a file, not a folder; nothing was written: name a folder with --output"
        )
    }

    /// The manifest: sorted, one `sha256sum` line per file, no dates (two builds, same bytes).
    @Test func manifestIsSortedAndHasNoDates() throws {
        let manifest = SiteManifest(files: ["b.html": Data("b".utf8), "a/x.css": Data()])
        let text = String(decoding: manifest.contents, as: UTF8.self)
        #expect(
            text.split(separator: "\n").filter { !$0.hasPrefix("#") } == [
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a/x.css",
                "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.html",
            ])
        #expect(SiteManifest.parse(manifest.contents) == manifest)
    }

    // MARK: Two builds into one output

    /// Two writers into one output at once: each must swap in its complete site (or fail
    /// loudly), never one with files missing because the other's recovery removed its
    /// half-built folder. A large site is written while a small one is written over and over.
    @Test func concurrentWritesNeverSwapInAnIncompleteSite() async throws {
        let folder = try TemporaryFolder("site-concurrent")
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("Site")
        func pages(_ tag: String, _ count: Int) -> [String: Data] {
            Dictionary(uniqueKeysWithValues: (0..<count).map { ("p/page-\($0).html", Data("\(tag) \($0)".utf8)) })
        }
        let large = pages("large", 2000)
        let small = pages("small", 3)
        for _ in 0..<2 {
            let largeDone = Flag()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await onThread { try SiteWriter.write(large, to: site) }
                    largeDone.set()
                }
                group.addTask {
                    try await onThread { while !largeDone.isSet { try SiteWriter.write(small, to: site) } }
                }
                try await group.waitForAll()
            }
            let written = try siteFiles(site)
            #expect(written == large || written == small, "an incomplete site was swapped in (\(written.count) files)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["Site"])
    }
}

/// A flag one task sets and another polls.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// The files of a site without its manifest.
func siteFiles(_ site: URL) throws -> [String: Data] {
    var files = try filesBelow(site)
    files[SiteManifest.fileName] = nil
    return files
}

/// A cache inside the site would be carried into every new site; a site inside the cache would
/// go with `clean`.
@Suite struct CacheAndOutputTests {
    @Test(arguments: [("/p/Site/cache", "/p/Site"), ("/p/Site", "/p/Site"), ("/p", "/p/Site"), ("/p/c", "/p/c/Site")])
    func overlappingFoldersAreRefused(cache: String, output: String) {
        #expect(throws: NotesgenError.self) {
            try BuildPipeline.checkCacheFolder(
                URL(fileURLWithPath: cache), against: URL(fileURLWithPath: output), as: output)
        }
    }

    @Test func separateFoldersAreFine() throws {
        try BuildPipeline.checkCacheFolder(
            URL(fileURLWithPath: "/p/.notesgen-cache"), against: URL(fileURLWithPath: "/p/Site"), as: "Site")
        try BuildPipeline.checkCacheFolder(
            URL(fileURLWithPath: "/p/Site-cache"), against: URL(fileURLWithPath: "/p/Site"), as: "Site")
    }
}

/// A rebuild that changes nothing writes nothing, and a page deleted by hand comes back.
@Suite struct UnchangedSiteTests {
    @Test func anUnchangedSiteIsNotWrittenAgainButAMissingPageIs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("Site")
        let files = ["index.html": Data("home".utf8), "1-a.html": Data("a".utf8)]
        try SiteWriter.write(files, to: site)
        let inode = { (path: String) -> UInt64 in
            var status = stat()
            _ = stat(site.appendingPathComponent(path).path, &status)
            return UInt64(status.st_ino)
        }
        let before = inode("index.html")
        try SiteWriter.write(files, to: site)
        #expect(inode("index.html") == before, "the unchanged site was not swapped")
        try FileManager.default.removeItem(at: site.appendingPathComponent("1-a.html"))
        try SiteWriter.write(files, to: site)
        #expect(try Data(contentsOf: site.appendingPathComponent("1-a.html")) == Data("a".utf8))
        try SiteWriter.write(files.merging(["1-a.html": Data("changed".utf8)]) { $1 }, to: site)
        #expect(try Data(contentsOf: site.appendingPathComponent("1-a.html")) == Data("changed".utf8))
    }
}
