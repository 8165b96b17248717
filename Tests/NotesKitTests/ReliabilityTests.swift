import Foundation
import NoteModel
import NoteResults
import Testing

@testable import NotesKit

/// What the machine can do to a run (a full disk, a broken library, a damaged cache) is
/// reported as such, never recorded as the note's result.
@Suite struct ReliabilityTests {
    // MARK: Output that cannot be captured

    /// A block whose printed output cannot be written (the disk is full) fails with
    /// `block.run`: it is not recorded as printing nothing, and it is not cached.
    @Test func printedOutputThatCannotBeWrittenIsAnError() async throws {
        let folder = try TemporaryFolder("full-disk")
        defer { folder.remove() }
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data(
            """
            # Full

            ```swift-attn
            // Standard output now writes to a device that is always full.
            dup2(open("/dev/full", O_WRONLY), STDOUT_FILENO)
            print("this line cannot be written")
            ```

            """.utf8
        ).write(to: notes.appendingPathComponent("1_Full.md"))
        let outcome = try await runNotes(in: notes).named("1_Full.md")
        #expect(outcome.diagnostics.map(\.id) == [.blockRun], "\(outcome.diagnostics.map(\.description))")
        #expect(outcome.diagnostics.first?.summary.contains("output was lost") == true)
        #expect(outcome.results.first?.failure != nil)
        let again = try await runNotes(in: notes).named("1_Full.md")
        #expect(!again.wasCached)
    }

    /// A results file cut short, garbled, missing, or pointing past the captured output is an
    /// error, never an empty result.
    @Test func resultsThatCannotBeReadAreAnError() throws {
        let folder = try TemporaryFolder("results")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("results.jsonl")
        let exited = ChildProcess.Result(
            status: 0, wasSignalled: false, timedOut: false, stdout: Data(), stderr: Data())
        let begin = #"{"block":0,"kind":"begin","stdoutOffset":0}"#
        for (contents, child) in [
            (begin + "\n" + #"{"block":0,"ki"#, exited),
            ("not json\n", exited),
            (begin + "\n" + #"{"block":0,"kind":"end","stdoutOffset":12}"# + "\n", exited),
        ] {
            try Data(contents.utf8).write(to: file)
            #expect(throws: ExecutionFailure.self) { try ProgramOutcome.read(resultsFile: file, child: child) }
        }
        try FileManager.default.removeItem(at: file)
        #expect(throws: ExecutionFailure.self) { try ProgramOutcome.read(resultsFile: file, child: exited) }
        var lostOutput = exited
        lostOutput.status = ResultEvent.channelFailureStatus
        try Data((begin + "\n").utf8).write(to: file)
        #expect(throws: ExecutionFailure.self) { try ProgramOutcome.read(resultsFile: file, child: lostOutput) }
        // A program stopped in the middle of a line is not a lost output: the stop is reported.
        var stopped = exited
        stopped.wasSignalled = true
        try Data((begin + "\n" + #"{"block":0,"ki"#).utf8).write(to: file)
        #expect(try ProgramOutcome.read(resultsFile: file, child: stopped).started == [0])
    }

    /// Capture files that cannot be created are an error naming the folder.
    @Test func captureFilesThatCannotBeCreatedAreAnError() throws {
        let folder = try TemporaryFolder("capture")
        defer { folder.remove() }
        let missing = folder.url.appendingPathComponent("no-such-folder")
        #expect(throws: ChildProcess.Failure.self) {
            try ChildProcess.run(
                executable: URL(fileURLWithPath: "/bin/echo"), arguments: ["hi"], captureFolder: missing, timeout: 30)
        }
        let echo = try ChildProcess.run(
            executable: URL(fileURLWithPath: "/bin/echo"), arguments: ["hi"], captureFolder: folder.url, timeout: 30)
        #expect(echo.stdout == Data("hi\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    // MARK: The library and the cache

    /// A library folder whose files changed since they were built is not trusted, and a compile
    /// that fails because of it is not the note's result (`block.run`, not cached).
    @Test func brokenLibraryIsNotTrustedNorCached() async throws {
        let folder = try TemporaryFolder("broken-library")
        defer { folder.remove() }
        let cache = folder.url.appendingPathComponent("cache")
        try await TestEnvironment.linkLibrary(into: cache)
        let shared = try await TestEnvironment.library.value
        let broken = cache.appendingPathComponent("lib/\(shared.folder.lastPathComponent)")
        #expect(LibraryManifest.verified(in: broken)?.hash == shared.builtHash)
        // Replace the module (not write through the hard link: the shared one stays whole).
        let module = broken.appendingPathComponent("Attention.swiftmodule")
        try FileManager.default.removeItem(at: module)
        try Data("garbage".utf8).write(to: module)
        #expect(LibraryManifest.verified(in: broken) == nil)
        #expect(LibraryManifest.verified(in: shared.folder) != nil)

        let library = RuntimeLibrary(folder: broken, hash: shared.hash, builtHash: shared.builtHash)
        let executor = try await TestEnvironment.executor(workFolder: folder.url, library: library)
        let run = try await onThread { executor.run(TestEnvironment.note("```swift-attn\nprint(1)\n```\n")) }
        #expect(run.messages.map(\.id) == [.blockRun], "\(run.messages)")
        #expect(run.messages.contains { !$0.id.isReproducible })
    }

    /// A library folder damaged after its build (its `complete` marker still there) is built
    /// again, not trusted. A tiny package stands in for the real one: three one-line modules.
    @Test func damagedLibraryIsBuiltAgain() async throws {
        let folder = try TemporaryFolder("rebuilt-library")
        defer { folder.remove() }
        try TestEnvironment.makeTinyPackage(in: folder.url)
        let cache = folder.url.appendingPathComponent("cache")
        let toolchain = try Toolchain.locate(cacheFolder: TestEnvironment.cacheFolder)
        let prepare = { @Sendable in
            try RuntimeLibrary.prepare(packageRoot: folder.url, toolchain: toolchain, cacheFolder: cache)
        }
        let built = try await onThread(prepare)
        let shared = built.folder.appendingPathComponent("libAttention.so")
        let intact = try Data(contentsOf: shared)
        let handle = try FileHandle(forWritingTo: shared)
        try handle.truncate(atOffset: UInt64(intact.count / 2))
        try handle.close()

        let rebuilt = try await onThread(prepare)
        #expect(rebuilt.folder.path == built.folder.path)
        #expect(LibraryManifest.verified(in: rebuilt.folder) != nil)
        #expect(try Data(contentsOf: shared).count == intact.count)
    }

    /// Results are keyed on the library as built, not only on its sources.
    @Test func cacheKeyFollowsTheBuiltLibrary() {
        let toolchain = Toolchain(swiftc: URL(fileURLWithPath: "/usr/bin/swiftc"), version: "Swift version 0")
        func key(builtHash: String) -> String {
            let library = RuntimeLibrary(folder: URL(fileURLWithPath: "/lib"), hash: "abc", builtHash: builtHash)
            let executor = NoteExecutor(
                toolchain: toolchain, library: library, workFolder: URL(fileURLWithPath: "/work"), noteTimeout: 60)
            return executor.cacheKey(for: TestEnvironment.note("```swift-attn\nprint(1)\n```\n"))
        }
        #expect(key(builtHash: "one") != key(builtHash: "two"))
    }

    /// A cache entry that is valid JSON but does not fit the note (another block count, a
    /// message on a block or line the note does not have) is a miss: the note runs again.
    @Test func cacheEntryThatDoesNotFitTheNoteIsAMiss() async throws {
        let folder = try TemporaryFolder("bad-entry")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "cache")
        let first = try await runNotes(in: notes).named("2_Broken.md")
        let executor = try await TestEnvironment.executor(workFolder: folder.url)
        let cache = ResultCache(cacheFolder: TestEnvironment.cacheFolder)
        let key = executor.cacheKey(for: first.note)
        let stored = try #require(cache.run(forKey: key, of: first.note))
        var fewerBlocks = stored
        fewerBlocks.blocks.removeAll()
        var messageOnNoBlock = stored
        messageOnNoBlock.messages[0].block = 7
        var messageOnNoLine = stored
        messageOnNoLine.messages[0].lineInBlock = 500
        for bad in [fewerBlocks, messageOnNoBlock, messageOnNoLine] {
            #expect(!bad.fits(first.note))
            cache.store(bad, forKey: key)
            let again = try await runNotes(in: notes).named("2_Broken.md")
            #expect(!again.wasCached)
            #expect(again.results == first.results)
            #expect(again.diagnostics == first.diagnostics)
        }
    }

    // MARK: Crashes

    /// Endless recursion overflows the stack; the crash handler, on a stack of its own, still
    /// reports the note's line.
    @Test func stackOverflowIsReportedAtItsLine() async throws {
        let folder = try TemporaryFolder("overflow")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "overflow")
        let outcome = try await runNotes(in: notes).named("1_Recursion.md")
        let source = try String(contentsOf: notes.appendingPathComponent("1_Recursion.md"), encoding: .utf8)
        let function = try lineNumber(of: "func depth", in: source)
        let trap = try #require(outcome.diagnostics.first { $0.id == .blockTrap }, "\(outcome.diagnostics)")
        #expect((function...function + 3).contains(trap.line ?? 0), "\(trap)")
        #expect(outcome.results[0].outputs.first?.text == "going down\n")
    }

    // MARK: Jobs

    /// `jobs` means that many at once, whatever the number of cores: four jobs that each wait
    /// for the other three all finish.
    @Test func jobsRunThatManyAtOnce() {
        let jobs = 4 * ProcessInfo.processInfo.activeProcessorCount
        let barrier = Barrier(count: jobs)
        let met = Workers.map(count: jobs, jobs: jobs) { _ in barrier.arriveAndWait() }
        #expect(met.allSatisfy { $0 }, "\(met.filter { !$0 }.count) of \(jobs) jobs never ran alongside the others")
    }
}

/// Lets threads wait until `count` of them have arrived.
private final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private var arrived = 0

    init(count: Int) {
        self.count = count
    }

    /// Whether the others arrived within a generous two minutes.
    func arriveAndWait() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        condition.broadcast()
        let deadline = Date().addingTimeInterval(120)
        while arrived < count {
            if !condition.wait(until: deadline) { return arrived >= count }
        }
        return true
    }
}
