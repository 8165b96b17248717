import Foundation
import NoteModel

/// Where the notes are and how to run them: the settings `build` and `test` share.
public struct RunSettings: Sendable {
    /// The notes folder as the user named it (`Notes`), used in messages.
    public var notesFolder: String
    public var cacheFolder: URL
    public var jobs: Int
    public var usesCache: Bool
    public var noteTimeout: Double
    /// The package whose `Sources/Attention` the notes run against; nil to look for it.
    public var packageRoot: String?

    public init(
        notesFolder: String = "Notes", cacheFolder: URL = URL(fileURLWithPath: ".notesgen-cache"),
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, usesCache: Bool = true,
        noteTimeout: Double = 60, packageRoot: String? = nil
    ) {
        self.notesFolder = notesFolder
        self.cacheFolder = cacheFolder
        self.jobs = jobs
        self.usesCache = usesCache
        self.noteTimeout = noteTimeout
        self.packageRoot = packageRoot
    }
}

/// A note after it has been read and run.
public struct NoteOutcome: Sendable {
    public var note: Note
    /// The file's text as read, for `test --fix`.
    public var source: String
    /// One result per block, with the note's current positions.
    public var results: [BlockResult]
    /// Option errors, compile errors and warnings, traps, time-outs.
    public var diagnostics: [Diagnostic]
    /// True when the results came from the cache.
    public var wasCached: Bool
    /// What the results are a function of (the run's cache key), when running again would give
    /// the same ones; nil after a time-out or a failure of the machine. Pages are cached by it.
    public var resultsKey: String? = nil

    /// The results keys of notes that run nothing: their (empty or not-run) results follow from
    /// their text alone.
    static let noBlocksKey = "no blocks"
    static let invalidOptionKey = "invalid block option"

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Discover → parse → execute: the first three steps of both `build` and `test`.
public struct NotesRunner: Sendable {
    public var settings: RunSettings

    public init(settings: RunSettings) {
        self.settings = settings
    }

    /// Reads every note, runs the ones whose code changed (in parallel), and returns them in order.
    public func run(progress: Progress) throws -> [NoteOutcome] {
        progress.begin("Discovering notes in \(settings.notesFolder)/")
        let folder = URL(fileURLWithPath: settings.notesFolder)
        let files = try NoteDiscovery.notes(in: folder, displayFolder: Self.displayPath(settings.notesFolder))

        progress.begin("Parsing \(files.count) notes")
        // Notes are read and parsed in parallel (a site of a hundred notes spends most of a
        // rebuild here).
        var read = Workers.map(count: files.count, jobs: ProcessInfo.processInfo.activeProcessorCount) {
            NoteReader.read(files[$0])
        }
        let linkProblems = NoteLinkCheck.diagnostics(for: read.map(\.note))
        for index in read.indices {
            read[index].linkDiagnostics = linkProblems.filter { $0.file == read[index].note.path }
        }

        progress.begin("Running blocks")
        let notesWithCode = read.filter { !$0.note.blocks.isEmpty }
        guard !notesWithCode.isEmpty else {
            return read.map {
                NoteOutcome(
                    note: $0.note, source: $0.source, results: [], diagnostics: $0.diagnostics + $0.linkDiagnostics,
                    wasCached: true, resultsKey: NoteOutcome.noBlocksKey)
            }
        }
        let started = Date()
        // Held while notes run, so that `notesgen clean` does not remove the cache under them.
        let cacheInUse = try CacheFolder.use(settings.cacheFolder)
        defer { cacheInUse.release() }
        let toolchain = try Toolchain.locate(cacheFolder: settings.cacheFolder)
        let workFolder = settings.cacheFolder.appendingPathComponent("work")
        Self.removeLeftovers(in: workFolder)
        let preparation = try RuntimeLibrary.begin(
            packageRoot: try RuntimeLibrary.locatePackageRoot(explicit: settings.packageRoot),
            toolchain: toolchain, cacheFolder: settings.cacheFolder,
            willCompile: {
                progress.message(
                    "notesgen: compiling the Attention library for the notes (only when its sources change)…")
            })
        let library: RuntimeLibrary
        var precompiled: [String: PrecompiledProgram] = [:]
        switch preparation {
        case .built(let built):
            library = built
        case .building(let build):
            // While the optimiser works on the library (on one core), the notes' programs are
            // compiled against its modules and linked against its stub on the others, yielding
            // to it; once it is done they only run.
            let compiler = ProgramCompiler(
                toolchain: toolchain,
                moduleCacheFolder: ModuleCache.folder(in: settings.cacheFolder, toolchain: toolchain),
                timeout: NoteExecutor.defaultCompileTimeout)
            let candidates = read.filter { !$0.hasInvalidOption }.map(\.note).filter { !$0.blocks.isEmpty }
            let objects = Workers.map(count: candidates.count, jobs: max(1, settings.jobs - 1), yielding: true) {
                index in
                NoteExecutor.precompile(
                    candidates[index], library: build.inProgress, workFolder: workFolder, compiler: compiler)
            }
            for (note, object) in zip(candidates, objects) { precompiled[note.path] = object }
            library = try build.finish()
        }
        progress.record("toolchain and library", seconds: Date().timeIntervalSince(started))
        let executor = NoteExecutor(
            toolchain: toolchain, library: library, workFolder: workFolder, noteTimeout: settings.noteTimeout)
        let cache = ResultCache(cacheFolder: settings.cacheFolder)

        let notes = read
        let programs = precompiled
        let outcomes = Workers.map(count: notes.count, jobs: settings.jobs) { index in
            runOne(
                notes[index], executor: executor, cache: cache, progress: progress,
                precompiled: programs[notes[index].note.path])
        }
        // Programs a cached or invalid note did not use.
        for program in programs.values where FileManager.default.fileExists(atPath: program.folder.path) {
            try? FileManager.default.removeItem(at: program.folder)
        }
        return outcomes
    }

    private func runOne(
        _ read: NoteReader.Result, executor: NoteExecutor, cache: ResultCache, progress: Progress,
        precompiled: PrecompiledProgram?
    ) -> NoteOutcome {
        let note = read.note
        // A note with an unknown option runs nothing: its blocks would not mean what they say.
        // (Other errors, a formula that does not typeset say, leave the blocks meaning what they say.)
        if read.hasInvalidOption || note.blocks.isEmpty {
            let results = note.blocks.map { _ in
                BlockResult(
                    failure: BlockFailure(kind: .notRun, message: "not run: the note has an invalid block option"))
            }
            return NoteOutcome(
                note: note, source: read.source, results: note.blocks.isEmpty ? [] : results,
                diagnostics: read.diagnostics + read.linkDiagnostics, wasCached: true,
                resultsKey: note.blocks.isEmpty ? NoteOutcome.noBlocksKey : NoteOutcome.invalidOptionKey)
        }
        let key = executor.cacheKey(for: note)
        var isReproducible = true
        let started = Date()
        var wasCached = false
        let run: NoteRun
        if settings.usesCache, let cached = cache.run(forKey: key, of: note) {
            run = cached
            wasCached = true
        } else {
            run = executor.run(note, precompiled: precompiled)
            // A time-out or a machine failure may not happen again: only keep what will.
            isReproducible = run.messages.allSatisfy(\.id.isReproducible)
            if isReproducible { cache.store(run, forKey: key) }
        }
        let seconds = Date().timeIntervalSince(started)
        progress.detail("\(note.path) \(wasCached ? "(cached)" : String(format: "(%.1f s)", seconds))")
        progress.record("\(note.path)\(wasCached ? " (cached)" : "")", seconds: seconds)
        let (results, diagnostics) = run.resolved(for: note)
        return NoteOutcome(
            note: note, source: read.source, results: results,
            diagnostics: read.diagnostics + diagnostics + read.linkDiagnostics,
            wasCached: wasCached, resultsKey: isReproducible ? key : nil)
    }

    /// Removes what interrupted builds left in the work folder: programs untouched for an hour
    /// (a running build's are younger, unless a block was given a timeout of over an hour).
    static func removeLeftovers(in workFolder: URL) {
        let hourAgo = Date().addingTimeInterval(-3600)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: workFolder.path)) ?? [] {
            let folder = workFolder.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: folder.path))?[.modificationDate] as? Date
            if let modified, modified < hourAgo { try? FileManager.default.removeItem(at: folder) }
        }
    }

    /// `./Notes/` → `Notes`: the folder as it should appear in `Notes/x.md:3: error: …`.
    static func displayPath(_ folder: String) -> String {
        var path = folder
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path == "." ? "" : path
    }
}
