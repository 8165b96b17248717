import Foundation
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
        #expect(try filesBelow(site) == oldSite)
        let newSite = ["index.html": Data("new".utf8), "assets/style.css": Data("css".utf8)]
        try SiteWriter.write(newSite, to: site)
        #expect(try filesBelow(site) == newSite)
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
        #expect(try filesBelow(site) == oldSite)
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

        try SiteWriter.recover(site)
        #expect(try filesBelow(site) == oldSite)
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
        #expect(try filesBelow(site) == oldSite)
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
        #expect(Set(try filesBelow(site).keys) == ["index.html", "1-one.html", "2-two.html", "assets/style.css"])

        try FileManager.default.removeItem(at: notes.appendingPathComponent("2_Two.md"))
        _ = try await onThread(build)
        #expect(Set(try filesBelow(site).keys) == ["index.html", "1-one.html", "assets/style.css"])
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
        let pages = try filesBelow(site).mapValues { String(decoding: $0, as: UTF8.self) }
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
}
