import Foundation
import NoteModel

/// Builds the site in memory, one build at a time, whenever asked, and publishes each complete
/// build to the `PreviewSite` (then tells open pages to reload).
///
/// Builds run the same steps as `notesgen build` (`NotesRunner`, then `BuildPipeline.render`)
/// with the same cache, so a prose edit runs no compiler and a code edit recompiles one note.
/// Requests that arrive during a build are merged into one build after it: a burst of saves
/// costs at most one extra build, and no build is ever half-published. A request for the very
/// files the last build read (their stamps taken before it read them) builds nothing.
final class PreviewBuilder: @unchecked Sendable {
    private let settings: RunSettings
    private let site: PreviewSite
    private let hub: ReloadHub
    private let quiet: Bool
    private let timings: Bool
    private let snapshotOfInputs: @Sendable () -> FolderWatcher.Snapshot
    private let condition = NSCondition()
    private var isRequested = true
    private var requestedInputs: FolderWatcher.Snapshot?
    private var builtInputs: FolderWatcher.Snapshot?
    private var buildCount = 0

    /// - Parameter snapshotOfInputs: the stamps of the files builds read (the watcher's).
    init(
        settings: RunSettings, site: PreviewSite, hub: ReloadHub, quiet: Bool, timings: Bool,
        snapshotOfInputs: @escaping @Sendable () -> FolderWatcher.Snapshot
    ) {
        self.settings = settings
        self.snapshotOfInputs = snapshotOfInputs
        self.site = site
        self.hub = hub
        self.quiet = quiet
        self.timings = timings
    }

    /// Starts building on a thread of its own: the first build at once, then one per request.
    func start() {
        let thread = Thread { [self] in
            while true {
                condition.lock()
                while !isRequested { condition.wait() }
                isRequested = false
                let requested = requestedInputs
                condition.unlock()
                if let requested, requested == builtInputs { continue }
                builtInputs = snapshotOfInputs()
                build()
            }
        }
        thread.name = "notesgen serve: builder"
        thread.start()
    }

    /// Asks for a build of the files as `inputs` describes them; one after the current one if a
    /// build is running.
    func requestBuild(inputs: FolderWatcher.Snapshot) {
        condition.lock()
        isRequested = true
        requestedInputs = inputs
        condition.signal()
        condition.unlock()
    }

    /// One build: prints its diagnostics and a summary line, publishes it, tells the pages.
    private func build() {
        buildCount += 1
        let started = Date()
        // Step lines for the first build only: later ones are the preview loop, one line each.
        let progress = Progress(quiet: quiet || buildCount > 1, timings: timings, stepCount: 4)
        let files: [String: Data]?
        let problems: [PreviewProblem]
        var summary: String
        do {
            let outcomes = try NotesRunner(settings: settings).run(progress: progress)
            progress.begin("Rendering \(outcomes.count) pages")
            // The page cache makes a prose edit re-render only the edited page.
            files = BuildPipeline.render(outcomes, cache: PageCache(cacheFolder: settings.cacheFolder)).files
            progress.finish()
            let diagnostics = outcomes.flatMap(\.diagnostics)
            for diagnostic in diagnostics { Progress.write(diagnostic.description) }
            problems = diagnostics.filter { $0.severity == .error }.map(PreviewProblem.init)
            let ran = outcomes.filter { !$0.wasCached && !$0.note.blocks.isEmpty }.count
            summary = "\(outcomes.count) notes, \(ran) run"
            summary +=
                problems.isEmpty
                ? "" : ", \(problems.count) error\(problems.count == 1 ? "" : "s") (shown on the pages)"
        } catch {
            progress.finish()
            // NotesRunner throws NotesgenError (one line that says what to do); anything else
            // is the file system's, named as such rather than as a raw Foundation error.
            let message =
                (error as? NotesgenError)?.description ?? "error: the build failed: \(error.localizedDescription)"
            Progress.write(message)
            files = nil
            problems = [PreviewProblem(buildFailure: message)]
            summary = "failed; still serving the last complete build"
        }
        let seconds = Date().timeIntervalSince(started)
        let generation = site.publish(files: files, problems: problems)
        // The line first, then the pages: whoever sees a reload finds the build's line printed.
        Progress.write(
            String(format: "notesgen: build %d in %.2f s: ", buildCount, seconds) + summary
                + (generation == nil ? "; nothing changed" : ""))
        if let generation { hub.broadcast(generation: generation) }
    }
}
