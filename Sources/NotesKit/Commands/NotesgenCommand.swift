import ArgumentParser
import Foundation

/// `notesgen`: builds the notes' site (the default), tests the recorded outputs, cleans the cache.
public struct NotesgenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "notesgen",
        abstract: "Build a static site from Markdown notes whose swift-attn blocks are compiled and run.",
        subcommands: [BuildCommand.self, TestCommand.self, CleanCommand.self, ServeCommand.self],
        defaultSubcommand: BuildCommand.self)

    public init() {}
}

/// Options every command that runs notes shares.
struct RunOptions: ParsableArguments {
    @Option(help: "The folder of Markdown notes.")
    var notes = "Notes"

    @Option(help: "How many notes to compile and run at once (the default is the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Run every block, ignoring cached results.")
    var noCache = false

    @Option(help: "Seconds a note's program may run (blocks may add their own timeout=).")
    var timeout: Double = 60

    @Option(help: "The cache folder.")
    var cache = ".notesgen-cache"

    @Option(
        help: "The package whose Sources/Attention the notes run against (default: found from the working directory).")
    var package: String?

    @Flag(help: "Print how long each step and each note took.")
    var timings = false

    @Flag(name: .shortAndLong, help: "Print no progress lines, only diagnostics.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: notes, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("the notes folder '\(notes)' does not exist")
        }
    }

    var settings: RunSettings {
        RunSettings(
            notesFolder: notes, cacheFolder: URL(fileURLWithPath: cache), jobs: jobs, usesCache: !noCache,
            noteTimeout: timeout, packageRoot: package)
    }
}

/// Prints a `NotesgenError` the way diagnostics are printed, and exits 1.
func failing(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as NotesgenError {
        Progress.write(error.description)
        throw ExitCode.failure
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Run every note's blocks and write the site.")

    @OptionGroup var options: RunOptions

    @Option(help: "The folder the site is written to; replaced whole, only when the build is complete.")
    var output = "Site"

    func run() throws {
        try failing {
            let progress = Progress(quiet: options.quiet, timings: options.timings, stepCount: 5)
            let diagnostics = try BuildPipeline(settings: options.settings, outputFolder: output).run(
                progress: progress)
            progress.finish()
            let errors = diagnostics.filter { $0.severity == .error }.count
            if errors > 0 {
                Progress.write(
                    "notesgen: \(errors) error\(errors == 1 ? "" : "s"); the site was written with the errors shown on its pages"
                )
                throw ExitCode.failure
            }
        }
    }
}

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Check every block's recorded output against what it computes now.")

    @OptionGroup var options: RunOptions

    @Flag(help: "Write the computed results into the notes' output blocks instead of checking them.")
    var fix = false

    @Option(help: "Relative tolerance for numbers.")
    var rtol: Double = 1e-4

    @Option(help: "Absolute tolerance for numbers.")
    var atol: Double = 1e-6

    func validate() throws {
        guard rtol >= 0, atol >= 0 else { throw ValidationError("--rtol and --atol must not be negative") }
    }

    func run() throws {
        try failing {
            let progress = Progress(quiet: options.quiet, timings: options.timings, stepCount: 4)
            let outcomes = try NotesRunner(settings: options.settings).run(progress: progress)
            progress.begin(fix ? "Fixing recorded outputs" : "Comparing recorded outputs")
            let runner = DocTestRunner(tolerance: Tolerance(relative: rtol, absolute: atol), fix: fix)
            var failed = 0
            var rewritten: [String] = []
            for outcome in outcomes {
                let url = URL(fileURLWithPath: options.notes).appendingPathComponent(
                    URL(fileURLWithPath: outcome.note.path).lastPathComponent)
                let report = runner.check(outcome, fileURL: url)
                for diagnostic in report.diagnostics { Progress.write(diagnostic.description) }
                if !report.passed { failed += 1 }
                if report.rewrote { rewritten.append(report.note) }
            }
            progress.finish()
            for note in rewritten { Progress.write("notesgen: updated the recorded outputs of \(note)") }
            let summary = "\(outcomes.count - failed) passed, \(failed) failed"
            print(fix ? "doc-tests fixed: \(summary)" : "doc-tests: \(summary)")
            if failed > 0 { throw ExitCode.failure }
        }
    }
}

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean", abstract: "Remove the cache of compiled libraries and block results.")

    @Option(help: "The cache folder.")
    var cache = ".notesgen-cache"

    func run() throws {
        try failing {
            guard let contents = try? FileManager.default.contentsOfDirectory(atPath: cache) else { return }
            let known = ["lib", "results", "work"]
            guard contents.isEmpty || contents.contains(where: { known.contains($0) || $0.hasPrefix("toolchain-") })
            else { throw NotesgenError.notACache(cache) }
            try FileManager.default.removeItem(atPath: cache)
        }
    }
}
