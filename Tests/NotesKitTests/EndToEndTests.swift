import Foundation
import SiteRendering
import Testing

@testable import NotesKit

/// The built `notesgen` executable, run as a user runs it: in a folder holding `Notes/`.
enum NotesgenExecutable {
    /// `notesgen` beside the test bundle, where SwiftPM builds every product of the package.
    static let url: URL? = {
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        folders.append(Bundle.module.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return folders.map { $0.appendingPathComponent("notesgen") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The lines of standard error.
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// Runs `notesgen arguments` in `folder`; for `build` and `test`, with the shared cache and
    /// this package's library.
    static func run(_ arguments: [String], in folder: URL, sharedCache: Bool = true) async throws -> Result {
        let executable = try #require(
            url,
            "the notesgen executable was not found beside the test bundle (\(Bundle.main.executableURL?.path ?? "?")); build the whole package (swift build --build-tests) before testing"
        )
        let arguments = arguments + (sharedCache ? sharedOptions : [])
        _ = try await TestEnvironment.library.value
        return try await onThread { try launch(executable, arguments, in: folder) }
    }

    /// The shared cache, this package's library, two jobs.
    private static var sharedOptions: [String] {
        ["--cache", TestEnvironment.cacheFolder.path, "--package", TestEnvironment.packageRoot, "--jobs", "2"]
    }

    private static func launch(_ executable: URL, _ arguments: [String], in folder: URL) throws -> Result {
        let capture = try TemporaryFolder("capture")
        defer { capture.remove() }
        let stdoutURL = capture.url.appendingPathComponent("stdout")
        let stderrURL = capture.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
            stderr: try String(contentsOf: stderrURL, encoding: .utf8))
    }
}

@Suite struct EndToEndTests {
    @Test func executableIsBuilt() {
        #expect(NotesgenExecutable.url != nil, "notesgen was not found beside the test bundle")
    }

    /// `notesgen build` on passing notes: exit 0, every page, tables and heatmaps; a second
    /// build (from the cache) writes the same bytes as the first (which ran every block).
    @Test func buildWritesTheSiteAndRebuildsItByteForByte() async throws {
        let folder = try TemporaryFolder("e2e-build")
        defer { folder.remove() }
        _ = try folder.copy(fixture: "passing")
        let first = try await NotesgenExecutable.run(["build", "--no-cache"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("error"), "\(first.stderr)")

        let site = folder.url.appendingPathComponent("Site")
        let files = try filesBelow(site)
        #expect(
            Set(files.keys) == [
                "index.html", "1-basics.html", "2-special-values.html", "3-prose-only.html", "assets/style.css",
                SearchIndex.path, SiteScript.path, SiteManifest.fileName,
            ])
        let basics = String(decoding: files["1-basics.html"] ?? Data(), as: UTF8.self)
        #expect(basics.contains("<table"))
        let svgTags = basics.components(separatedBy: "<svg ").dropFirst().map { $0.prefix { $0 != ">" } }
        #expect(!svgTags.isEmpty)
        #expect(svgTags.allSatisfy { $0.contains("role=\"img\"") })
        #expect(basics.contains("write"))
        #expect(basics.contains("24.1137"))
        #expect(!basics.contains("```output"), "recorded outputs are not shown twice")
        let special = String(decoding: files["2-special-values.html"] ?? Data(), as: UTF8.self)
        #expect(special.contains("nan"))
        #expect(special.contains("-inf"))
        let index = String(decoding: files["index.html"] ?? Data(), as: UTF8.self)
        for page in ["1-basics.html", "2-special-values.html", "3-prose-only.html"] {
            #expect(index.contains("href=\"\(page)\""), "index links \(page)")
        }
        #expect(index.contains("Basics of showing"))
        #expect(index.contains("Further reading"))
        for (path, data) in files {
            #expect(!String(decoding: data, as: UTF8.self).contains("src=\"http"), "\(path) fetches from the network")
        }

        let second = try await NotesgenExecutable.run(["build", "--timings"], in: folder.url)
        #expect(second.status == 0, "\(second.stderr)")
        // --timings names the steps and the total.
        #expect(second.stderr.contains("timings:"), "\(second.stderr)")
        #expect(second.errorLines.contains { $0.contains("total") && $0.hasSuffix(" s") })
        let rebuilt = try filesBelow(site)
        #expect(rebuilt.keys.sorted() == files.keys.sorted())
        for (path, data) in files {
            #expect(rebuilt[path] == data, "\(path) differs between two builds")
        }
        // Only the notes and the site: no staging folders left.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path)) == ["Notes", "Site"])
    }

    /// `notesgen` (build is the default command) on the failing notes: exit 1, one line per
    /// error in the design's format, and every page written.
    @Test func failingBuildReportsErrorsAndWritesEveryPage() async throws {
        let folder = try TemporaryFolder("e2e-failing")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "failing")
        let result = try await NotesgenExecutable.run([], in: folder.url)
        #expect(result.status == 1, "\(result.stderr)")

        let typeError = try String(contentsOf: notes.appendingPathComponent("2_Type Error.md"), encoding: .utf8)
        let line = try lineNumber(of: "let count: Int = doubled", in: typeError)
        let column = try column(of: "doubled", onLine: line, in: typeError)
        let trap = try String(contentsOf: notes.appendingPathComponent("3_Trap.md"), encoding: .utf8)
        let trapLine = try lineNumber(of: "let product = matmul(a, a)", in: trap)

        let errors = result.errorLines.filter { $0.contains(": error: ") }
        #expect(errors.count == 2, "\(result.stderr)")
        #expect(
            errors.contains(
                "Notes/2_Type Error.md:\(line):\(column): error: cannot convert value of type 'Tensor' to specified type 'Int' [block.compile]"
            ),
            "\(result.stderr)")
        let trapError = errors.first { $0.hasPrefix("Notes/3_Trap.md:\(trapLine): error: block trapped: ") }
        #expect(trapError != nil, "\(result.stderr)")
        #expect(trapError?.hasSuffix(" [block.trap]") == true)
        #expect(trapError?.contains("matmul") == true)
        #expect(trapError?.contains("[3, 2]") == true)
        // No machine paths in the messages.
        #expect(!result.stderr.contains("main.swift"))
        #expect(!result.stderr.contains(folder.url.path))

        let site = folder.url.appendingPathComponent("Site")
        #expect(
            Set(try filesBelow(site).keys) == [
                "index.html", "1-fine.html", "2-type-error.html", "3-trap.html", "assets/style.css",
                SearchIndex.path, SiteScript.path, SiteManifest.fileName,
            ])
    }

    /// `notesgen test` passes on up-to-date notes, fails naming the note and line after one
    /// recorded digit changes, and `notesgen test --fix` puts the file back byte for byte.
    @Test func testFindsAChangedDigitAndFixRestoresIt() async throws {
        let folder = try TemporaryFolder("e2e-test")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "passing")
        let originals = try filesBelow(notes)

        let clean = try await NotesgenExecutable.run(["test"], in: folder.url)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("3 passed, 0 failed"))

        let basics = notes.appendingPathComponent("1_Basics.md")
        let original = try String(contentsOf: basics, encoding: .utf8)
        let tampered = original.replacingOccurrences(of: "1.3985", with: "1.3995")
        try #require(tampered != original)
        try Data(tampered.utf8).write(to: basics)
        let line = try lineNumber(of: "1.3995", in: tampered)

        let failing = try await NotesgenExecutable.run(["test"], in: folder.url)
        #expect(failing.status == 1)
        #expect(
            failing.errorLines.contains("Notes/1_Basics.md:\(line): error: recorded output differs [doctest.mismatch]"),
            "\(failing.stderr)")
        #expect(failing.stdout.contains("2 passed, 1 failed"))
        #expect(try String(contentsOf: basics, encoding: .utf8) == tampered, "test without --fix changes nothing")

        let fixed = try await NotesgenExecutable.run(["test", "--fix"], in: folder.url)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(try filesBelow(notes) == originals)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: notes.path)) == Set(originals.keys))
    }

    @Test func cleanRemovesTheCache() async throws {
        let folder = try TemporaryFolder("e2e-clean")
        defer { folder.remove() }
        let cache = folder.url.appendingPathComponent("my-cache")
        try CacheFolder.prepare(cache)  // as a build makes it: tagged
        try FileManager.default.createDirectory(
            at: cache.appendingPathComponent("results"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: cache.appendingPathComponent("results/x.json"))
        let result = try await NotesgenExecutable.run(
            ["clean", "--cache", "my-cache"], in: folder.url, sharedCache: false)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cache.path))
        // Cleaning what is already clean is fine.
        let again = try await NotesgenExecutable.run(
            ["clean", "--cache", "my-cache"], in: folder.url, sharedCache: false)
        #expect(again.status == 0)
    }

    /// The default cache folder is the one `clean` removes.
    @Test func cleanWithoutOptionsRemovesTheDefaultCache() async throws {
        let folder = try TemporaryFolder("e2e-clean-default")
        defer { folder.remove() }
        let cache = folder.url.appendingPathComponent(".notesgen-cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let result = try await NotesgenExecutable.run(["clean"], in: folder.url, sharedCache: false)
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: cache.path))
    }

    /// Usage errors are swift-argument-parser's: exit status 64 and a message.
    @Test(arguments: [["build", "--jobs", "0"], ["build", "--notes", "NoSuchFolder"], ["build", "--bogus"]])
    func usageErrorsExit64(_ arguments: [String]) async throws {
        let folder = try TemporaryFolder("e2e-usage")
        defer { folder.remove() }
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("Notes"), withIntermediateDirectories: true)
        let result = try await NotesgenExecutable.run(arguments, in: folder.url, sharedCache: false)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("Error"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Site").path))
    }
}
