import Foundation
import NoteModel
import NotesTestSupport
import NoteResults
import Testing

@testable import NotesKit

/// Where the tests find their fixtures, the package they run notes against, and the one cache
/// every test shares so that the Attention library is compiled once per test run.
enum TestEnvironment {
    /// `Tests/NotesKitTests/Fixtures`, as copied into the test bundle.
    static var fixtures: URL {
        get throws {
            try #require(
                Bundle.module.url(forResource: "Fixtures", withExtension: nil),
                "the test bundle has no Fixtures folder")
        }
    }

    /// The folder of one scenario: `Fixtures/<scenario>/`, a notes folder of its own.
    static func fixture(_ scenario: String) throws -> URL {
        try fixtures.appendingPathComponent(scenario)
    }

    /// The package whose `Sources/Attention` the notes run against: the one these tests belong to.
    static let packageRoot = TestCache.packageRoot

    /// The cache every test (and the doc-tests) shares: the library is compiled into it once;
    /// results are keyed by the note's path, so notes copied to fresh folders still run.
    static let cacheFolder = TestCache.folder

    /// Settings for running the notes of `folder` with the shared cache.
    static func settings(notes folder: URL, usesCache: Bool = true) -> RunSettings {
        RunSettings(
            notesFolder: folder.path, cacheFolder: cacheFolder, jobs: 2, usesCache: usesCache,
            packageRoot: packageRoot)
    }

    /// The library, compiled into the shared cache once.
    static var library: Task<RuntimeLibrary, Error> { TestCache.library }
}

extension TestEnvironment {
    /// An executor with the shared library, working in `workFolder`.
    static func executor(
        workFolder: URL, compileTimeout: Double = 300, library: RuntimeLibrary? = nil
    ) async throws -> NoteExecutor {
        let shared = try await self.library.value
        let toolchain = try Toolchain.locate(cacheFolder: cacheFolder)
        return NoteExecutor(
            toolchain: toolchain, library: library ?? shared, workFolder: workFolder, noteTimeout: 60,
            compileTimeout: compileTimeout)
    }

    /// A note read from `source`, as if it were `Notes/1_Test.md`.
    static func note(_ source: String, name: String = "1_Test.md") -> Note {
        let file = NoteFile(url: URL(fileURLWithPath: "/notes/\(name)"), displayPath: "Notes/\(name)")
        return NoteReader.parse(source: source, file: file).note
    }

    /// Makes `folder` a package whose three runtime modules are one line each (`Attention`'s is
    /// `attention`): a library that compiles in seconds, for tests of how it is built.
    static func makeTinyPackage(in folder: URL, attention: String = "public func one() -> Int { 1 }\n") throws {
        let sources = [
            "Attention": attention,
            "NoteResults": "public struct Shown {}\n",
            "NoteRuntime": "import Attention\npublic func two() -> Int { one() + 1 }\n",
        ]
        for (module, code) in sources {
            let moduleFolder = folder.appendingPathComponent("Sources/\(module)")
            try FileManager.default.createDirectory(at: moduleFolder, withIntermediateDirectories: true)
            try Data(code.utf8).write(to: moduleFolder.appendingPathComponent("\(module).swift"))
        }
    }

    /// Makes `cache` a cache holding the shared library (hard links: the same files, the same
    /// dates, so it verifies) and the compiler's remembered version.
    static func linkLibrary(into cache: URL) async throws {
        let library = try await self.library.value
        let linked = cache.appendingPathComponent("lib/\(library.folder.lastPathComponent)")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: library.folder.path) where name != "src" {
            try FileManager.default.linkItem(
                at: library.folder.appendingPathComponent(name), to: linked.appendingPathComponent(name))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path)
        where name.hasPrefix("toolchain-") {
            try? FileManager.default.copyItem(
                at: cacheFolder.appendingPathComponent(name), to: cache.appendingPathComponent(name))
        }
    }
}

/// Runs blocking work on a thread of its own (`NotesTestSupport.onThread`).
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await NotesTestSupport.onThread(work)
}

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder: Sendable {
    let url: URL

    init(_ purpose: String = "test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("notesgen-tests-\(purpose)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Copies a fixture scenario into this folder as `name` (a notes folder) and returns it.
    func copy(fixture scenario: String, as name: String = "Notes") throws -> URL {
        let destination = url.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.copyItem(at: try TestEnvironment.fixture(scenario), to: destination)
        return destination
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs the notes of `folder` in this process (discover, parse, execute) with the shared cache.
func runNotes(in folder: URL, usesCache: Bool = true) async throws -> [NoteOutcome] {
    _ = try await TestEnvironment.library.value
    let settings = TestEnvironment.settings(notes: folder, usesCache: usesCache)
    return try await onThread {
        try NotesRunner(settings: settings).run(progress: Progress(quiet: true, timings: false, stepCount: 3))
    }
}

/// What `BuildPipeline` produced for a copy of a fixture folder.
struct BuildResult: Sendable {
    /// The folder holding the copy of the notes (`Notes/`) and the site (`Site/`).
    var folder: URL
    var notes: URL
    var site: URL
    var diagnostics: [Diagnostic]
    /// The notes read and run again after the build: from the cache, as the build left it.
    var outcomes: [NoteOutcome]

    /// The text of a file of the site.
    func page(_ name: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
    }
}

/// Builds the site of a copy of a fixture folder in this process.
func buildSite(fixture scenario: String) async throws -> BuildResult {
    _ = try await TestEnvironment.library.value
    let folder = try TemporaryFolder("build-\(scenario)")
    let notes = try folder.copy(fixture: scenario)
    let site = folder.url.appendingPathComponent("Site")
    let settings = TestEnvironment.settings(notes: notes)
    let diagnostics = try await onThread {
        try BuildPipeline(settings: settings, outputFolder: site.path)
            .run(progress: Progress(quiet: true, timings: false, stepCount: 5))
    }
    let outcomes = try await runNotes(in: notes)
    return BuildResult(folder: folder.url, notes: notes, site: site, diagnostics: diagnostics, outcomes: outcomes)
}

/// Builds and runs that several tests look at, each done once per test run.
enum Shared {
    static let passing = Task<BuildResult, Error> { try await buildSite(fixture: "passing") }
    static let failing = Task<BuildResult, Error> { try await buildSite(fixture: "failing") }
    /// The notes of `Fixtures/should-fail`, run.
    static let shouldFail = Task<(notes: URL, outcomes: [NoteOutcome]), Error> {
        let notes = try TemporaryFolder("should-fail").copy(fixture: "should-fail")
        return (notes, try await runNotes(in: notes))
    }
}

extension [NoteOutcome] {
    /// The outcome of the note whose file name is `name` (`3_Trap.md`).
    func named(_ name: String) throws -> NoteOutcome {
        try #require(first { $0.note.path.hasSuffix("/" + name) }, "no note named \(name)")
    }
}

extension BlockOutput {
    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    var table: ShownTensor? {
        if case .table(let tensor) = self { return tensor }
        return nil
    }

    var heatmap: ShownTensor? {
        if case .heatmap(let tensor) = self { return tensor }
        return nil
    }
}

/// The 1-based number of the first line of `text` that contains `needle`.
func lineNumber(of needle: String, in text: String) throws -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let index = try #require(lines.firstIndex { $0.contains(needle) }, "no line contains \(needle)")
    return index + 1
}

/// The 1-based column (in UTF-8 bytes, as compilers count) where `needle` starts on the line
/// `line` of `text`.
func column(of needle: String, onLine line: Int, in text: String) throws -> Int {
    let lineText = String(text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1])
    let range = try #require(lineText.range(of: needle), "line \(line) does not contain \(needle)")
    return lineText.utf8.distance(from: lineText.startIndex, to: range.lowerBound) + 1
}

/// Every regular file below `folder`, by its path relative to `folder`, with its bytes.
func filesBelow(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let root = folder.resolvingSymlinksInPath().path
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
    for case let path as String in enumerator {
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
            files[path] = try Data(contentsOf: url)
        }
    }
    return files
}
