import Foundation
import NoteModel
import SiteRendering

/// `notesgen build`: discover → parse → run blocks → render pages → write the site.
public struct BuildPipeline: Sendable {
    public var settings: RunSettings
    public var outputFolder: String

    public init(settings: RunSettings, outputFolder: String) {
        self.settings = settings
        self.outputFolder = outputFolder
    }

    /// What a build did, for its summary line.
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var pageCount: Int
        /// Notes whose blocks ran this time, and notes whose results came from the cache.
        public var notesRun: Int
        public var notesCached: Int
        public var seconds: Double
        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }

    /// Builds the site and prints every diagnostic; returns the diagnostics found.
    ///
    /// The site is written even when blocks fail (their pages show the errors), but only whole.
    @discardableResult
    public func run(progress: Progress) throws -> [Diagnostic] {
        try build(progress: progress).diagnostics
    }

    /// Builds the site, prints every diagnostic, and says what it did.
    public func build(progress: Progress) throws -> Report {
        let started = Date()
        let output = URL(fileURLWithPath: outputFolder).standardizedFileURL.resolvingSymlinksInPath()
        try Self.checkOutputFolder(output, as: outputFolder, notes: settings.notesFolder)
        try Self.checkCacheFolder(settings.cacheFolder, against: output, as: outputFolder)
        let ignored = try settings.ignoredFiles()
        let outcomes = try NotesRunner(settings: settings).run(progress: progress)

        progress.begin("Rendering \(outcomes.count) pages")
        let files = Self.render(outcomes)

        progress.begin("Writing \(NotesRunner.displayPath(outputFolder))/")
        try SiteWriter.write(files, to: output)

        let diagnostics = ignored + outcomes.flatMap(\.diagnostics)
        for diagnostic in diagnostics { Progress.write(diagnostic.description) }
        let withCode = outcomes.filter { !$0.note.blocks.isEmpty }
        return Report(
            diagnostics: diagnostics, pageCount: outcomes.count,
            notesRun: withCode.filter { !$0.wasCached }.count, notesCached: withCode.filter(\.wasCached).count,
            seconds: Date().timeIntervalSince(started))
    }

    /// The output must not hold the notes nor be inside them (a mistyped `--output .` must not
    /// replace a project), and must be a folder notesgen may replace (`OutputFolder`): checked
    /// before any note runs, and again when the site is written.
    static func checkOutputFolder(_ output: URL, as given: String, notes: String) throws(NotesgenError) {
        let notesFolder = URL(fileURLWithPath: notes).standardizedFileURL.resolvingSymlinksInPath()
        let (outputPath, notesPath) = (output.path, notesFolder.path)
        if outputPath == notesPath || outputPath.hasPrefix(notesPath + "/") {
            throw .outputInsideNotes(given)
        }
        if notesPath.hasPrefix(outputPath == "/" ? "/" : outputPath + "/") {
            throw .outputHoldsNotes(given)
        }
        _ = try OutputFolder.entriesToKeep(in: output, newPaths: nil)
    }

    /// The cache and the site must not hold each other: a cache inside the site would be
    /// carried into every new site, a site inside the cache removed by `clean`.
    static func checkCacheFolder(_ cache: URL, against output: URL, as given: String) throws(NotesgenError) {
        let cachePath = cache.standardizedFileURL.resolvingSymlinksInPath().path
        let outputPath = output.path
        if cachePath == outputPath || cachePath.hasPrefix(outputPath + "/") || outputPath.hasPrefix(cachePath + "/") {
            throw .cacheAndOutputOverlap(cache: cachePath, output: given)
        }
    }

    /// Every file of the site, by its path relative to the site's root.
    /// Pages are rendered in parallel, one note per worker (`jobs` at a time); the result does
    /// not depend on the order they finish in.
    static func render(_ outcomes: [NoteOutcome], jobs: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> [String: Data]
    {
        let links = outcomes.map { NoteLink(note: $0.note) }
        let renderer = PageRenderer()
        let pages = Workers.map(count: outcomes.count, jobs: jobs) { index -> (page: Data, search: SearchIndex) in
            let outcome = outcomes[index]
            let navigation = PageNavigation(
                previous: index > 0 ? links[index - 1] : nil,
                next: index + 1 < links.count ? links[index + 1] : nil)
            let results = outcome.results.map { Optional($0) }
            let invalidFences = Dictionary(
                outcome.diagnostics.filter { $0.id == .blockOption }.compactMap { diagnostic in
                    diagnostic.line.map { ($0, diagnostic.summary) }
                }, uniquingKeysWith: { first, _ in first })
            let page = renderer.render(
                note: outcome.note, results: results, navigation: navigation, invalidFences: invalidFences)
            var search = SearchIndex()
            search.add(note: outcome.note, results: results)
            return (Data(page.utf8), search)
        }
        var files: [String: Data] = [:]
        var search = SearchIndex()
        for (outcome, rendered) in zip(outcomes, pages) {
            files[Note.pageFileName(forSlug: outcome.note.slug)] = rendered.page
            search.append(rendered.search)
        }
        files[SearchIndex.path] = Data(search.script.utf8)
        files[SiteScript.path] = Data(SiteScript.javascript.utf8)
        files["index.html"] = Data(IndexRenderer().render(notes: outcomes.map { IndexEntry(note: $0.note) }).utf8)
        files["assets/style.css"] = Data(Stylesheet.css.utf8)
        return files
    }
}
