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
        try Self.checkOutputFolder(
            output, as: outputFolder, notes: settings.notesFolder, cacheFolder: settings.cacheFolder)
        try Self.checkCacheFolder(settings.cacheFolder, against: output, as: outputFolder)
        let ignored = try settings.ignoredFiles()
        let outcomes = try NotesRunner(settings: settings).run(progress: progress)

        progress.begin("Rendering \(outcomes.count) pages")
        let (files, digests) = Self.render(outcomes, cache: PageCache(cacheFolder: settings.cacheFolder))

        progress.begin("Writing \(NotesRunner.displayPath(outputFolder))/")
        try SiteWriter.write(
            files, digests: digests, to: output,
            stampsFile: SiteStamps.file(for: output, in: settings.cacheFolder))

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
    static func checkOutputFolder(
        _ output: URL, as given: String, notes: String, cacheFolder: URL
    ) throws(NotesgenError) {
        let notesFolder = URL(fileURLWithPath: notes).standardizedFileURL.resolvingSymlinksInPath()
        let (outputPath, notesPath) = (output.path, notesFolder.path)
        if outputPath == notesPath || outputPath.hasPrefix(notesPath + "/") {
            throw .outputInsideNotes(given)
        }
        if notesPath.hasPrefix(outputPath == "/" ? "/" : outputPath + "/") {
            throw .outputHoldsNotes(given)
        }
        _ = try OutputFolder.entriesToKeep(
            in: output, newPaths: nil, stamps: SiteStamps.read(SiteStamps.file(for: output, in: cacheFolder)))
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
    /// Every file of the site, and the digests of those that came from `cache`.
    ///
    /// A note's page is taken from the cache when everything it is made from is unchanged
    /// (`pageKey`); the others are rendered in parallel, one note per worker, and stored. The
    /// search index is cached by the keys of all pages. The files are the same bytes either way.
    static func render(
        _ outcomes: [NoteOutcome], cache: PageCache?, jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> (files: [String: Data], digests: [String: String]) {
        let navigation = Self.navigation(outcomes)
        let keys = pageKeys(outcomes)
        let renderer = PageRenderer()
        let pages = Workers.map(count: outcomes.count, jobs: jobs) { index -> (data: Data, digest: String?) in
            if let key = keys[index], let cached = cache?.page(forKey: key) { return (cached.data, cached.digest) }
            let outcome = outcomes[index]
            let invalidFences = Dictionary(
                outcome.diagnostics.filter { $0.id == .blockOption }.compactMap { diagnostic in
                    diagnostic.line.map { ($0, diagnostic.summary) }
                }, uniquingKeysWith: { first, _ in first })
            let page = renderer.render(
                note: outcome.note, results: outcome.results.map { Optional($0) }, navigation: navigation[index],
                invalidFences: invalidFences)
            let data = Data(page.utf8)
            return (data, keys[index].flatMap { key in cache?.store(data, forKey: key) })
        }
        var files: [String: Data] = [:]
        var digests: [String: String] = [:]
        for (outcome, page) in zip(outcomes, pages) {
            let path = Note.pageFileName(forSlug: outcome.note.slug)
            files[path] = page.data
            digests[path] = page.digest
        }
        let searchKey =
            keys.contains(nil) ? nil : fieldsHash(["search-index-v1", FileStamp.executable] + keys.map { $0! })
        if let searchKey, let cached = cache?.page(forKey: searchKey) {
            files[SearchIndex.path] = cached.data
            digests[SearchIndex.path] = cached.digest
        } else {
            // Each note's sections, from the cache when its page is (`pageKey` covers them too).
            let parts = Workers.map(count: outcomes.count, jobs: jobs) { index -> SearchIndex in
                let sectionsKey = keys[index].map { "search-sections-v2-" + $0 }
                if let sectionsKey, let cached = cache?.page(forKey: sectionsKey),
                    let search = SearchIndex(cacheData: cached.data)
                {
                    return search
                }
                var search = SearchIndex()
                search.add(note: outcomes[index].note, results: outcomes[index].results.map { Optional($0) })
                if let sectionsKey { cache?.store(search.cacheData, forKey: sectionsKey) }
                return search
            }
            var search = SearchIndex()
            for part in parts { search.append(part) }
            let data = Data(search.script.utf8)
            files[SearchIndex.path] = data
            digests[SearchIndex.path] = searchKey.flatMap { key in cache?.store(data, forKey: key) }
        }
        files[SiteScript.path] = Data(SiteScript.javascript.utf8)
        files["index.html"] = Data(IndexRenderer().render(notes: outcomes.map { IndexEntry(note: $0.note) }).utf8)
        files["assets/style.css"] = Data(Stylesheet.css.utf8)
        return (files, digests.compactMapValues { $0 })
    }

    /// Each note's neighbours, in the notes' order.
    static func navigation(_ outcomes: [NoteOutcome]) -> [PageNavigation] {
        let links = outcomes.map { NoteLink(note: $0.note) }
        return outcomes.indices.map { index in
            PageNavigation(
                previous: index > 0 ? links[index - 1] : nil,
                next: index + 1 < links.count ? links[index + 1] : nil)
        }
    }

    /// The page key of each note (`pageKey`).
    static func pageKeys(_ outcomes: [NoteOutcome]) -> [String?] {
        zip(outcomes, navigation(outcomes)).map { pageKey($0, navigation: $1) }
    }

    /// Everything a note's page is made from: the note's text (prose, code, options, recorded
    /// outputs), what its blocks computed (`resultsKey`), its neighbours, and the notesgen that
    /// renders it. Nil when the results are not reproducible: such a page is always rendered.
    static func pageKey(_ outcome: NoteOutcome, navigation: PageNavigation) -> String? {
        guard let resultsKey = outcome.resultsKey else { return nil }
        let neighbours = [navigation.previous, navigation.next].flatMap { [$0?.title ?? "", $0?.href ?? ""] }
        return fieldsHash(
            ["page-v1", FileStamp.executable, outcome.note.path, outcome.note.slug, outcome.source, resultsKey]
                + neighbours)
    }

    private static func fieldsHash(_ fields: [String]) -> String {
        var hash = SHA256()
        for field in fields { hash.updateField(field) }
        return hash.hexDigest()
    }
}
