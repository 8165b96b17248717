import ArgumentParser
import Foundation

/// `notesgen`: builds the notes' site (the default), tests the recorded outputs, cleans the cache.
public struct NotesgenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "notesgen",
        abstract: "Build a static site from Markdown notes whose swift-attn blocks are compiled and run.",
        version: NotesgenVersion.description,
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
            throw ValidationError("the notes folder '\(notes)' does not exist; name the folder of notes with --notes")
        }
    }

    var settings: RunSettings {
        RunSettings(
            notesFolder: notes, cacheFolder: URL(fileURLWithPath: cache), jobs: jobs, usesCache: !noCache,
            noteTimeout: timeout, packageRoot: package)
    }
}

/// Prints a `NotesgenError` the way diagnostics are printed, and exits 1. Any other error (a
/// file operation deep inside) is printed in plain words too, never as Foundation's dump.
func failing(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as NotesgenError {
        Progress.write(error.description)
        throw ExitCode.failure
    } catch {
        Progress.write("error: \(FileProblem(error))")
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
            let report = try BuildPipeline(settings: options.settings, outputFolder: output).build(
                progress: progress)
            progress.finish()
            progress.summary(Self.summary(of: report, output: output))
            if report.errorCount > 0 { throw ExitCode.failure }
        }
    }
}

extension BuildCommand {
    /// One line that says what the build did and where the site is:
    /// `notesgen: 13 pages (2 notes run, 11 cached), no errors, 1 warning, 3.4 s; open Site/index.html`.
    static func summary(of report: BuildPipeline.Report, output: String) -> String {
        func count(_ number: Int, _ noun: String) -> String {
            number == 0 ? "no \(noun)s" : "\(number) \(noun)\(number == 1 ? "" : "s")"
        }
        let seconds = (report.seconds * 10).rounded() / 10
        let site = NotesRunner.displayPath(output).isEmpty ? "." : NotesRunner.displayPath(output)
        var line =
            "notesgen: \(count(report.pageCount, "page")) (\(report.notesRun) note\(report.notesRun == 1 ? "" : "s") run, "
            + "\(report.notesCached) cached), \(count(report.errorCount, "error")), \(count(report.warningCount, "warning")), "
            + "\(seconds) s; open \(site)/index.html"
        if report.errorCount > 0 { line += " (the failing blocks show their errors there)" }
        return line
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
            let ignored = try options.settings.ignoredFiles()
            let outcomes = try NotesRunner(settings: options.settings).run(progress: progress)
            for warning in ignored { Progress.write(warning.description) }
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
            let folder = URL(fileURLWithPath: cache)
            switch try CacheFolder.remove(folder) {
            case .nothingThere, .removed:
                break
            case .keptFolder(let other):
                Progress.write(
                    "notesgen: removed the cache's files but kept the folder '\(cache)': it also holds '\(other)', which notesgen did not create"
                )
            }
        }
    }
}
