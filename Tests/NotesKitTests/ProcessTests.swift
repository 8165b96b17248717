import Foundation
import NoteModel
import Testing

@testable import NotesKit

/// No child process outlives what started it: a note's own children after a time-out, the
/// compiler after its time limit or after notesgen is interrupted.
@Suite struct ProcessTests {
    /// A note starts `sleep` (a grandchild of notesgen) and hangs; the time-out ends both.
    @Test func timeOutEndsTheNotesChildrenToo() async throws {
        let folder = try TemporaryFolder("grandchild")
        defer { folder.remove() }
        let marker = "987.\(UInt32.random(in: 100_000...999_999))"
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data(
            """
            # Spawns

            ```swift-attn timeout=3
            let sleeper = Process()
            sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
            sleeper.arguments = ["\(marker)"]
            try! sleeper.run()
            print("sleep started")
            var turns = 0
            while turns >= 0 {
                turns = (turns + 1) % 1000
            }
            ```

            """.utf8
        ).write(to: notes.appendingPathComponent("1_Spawns.md"))
        let outcome = try await runNotes(in: notes).named("1_Spawns.md")
        #expect(outcome.diagnostics.map(\.id) == [.blockTimeout], "\(outcome.diagnostics.map(\.description))")
        #expect(outcome.results.first?.outputs.first?.text == "sleep started\n")
        #expect(await LiveProcesses.vanish { $0.contains(marker) }, "sleep \(marker) outlived the note")
    }

    /// A compile that runs past its limit says so, is not cached, and leaves no compiler behind.
    @Test func compileTimeOutSaysSoAndEndsTheCompiler() async throws {
        let folder = try TemporaryFolder("compile-timeout")
        defer { folder.remove() }
        let executor = try await TestEnvironment.executor(workFolder: folder.url, compileTimeout: 0.2)
        let note = TestEnvironment.note("```swift-attn\nprint(1)\n```\n")
        let run = try await onThread { executor.run(note) }
        let message = try #require(run.messages.first)
        #expect(message.id == .compileTimeout)
        #expect(!message.id.isReproducible)
        #expect(message.summary == "compiling the note took longer than 0.2 s")
        #expect(run.blocks[0].failure?.message.contains("took longer than 0.2 s") == true)
        #expect(
            await LiveProcesses.vanish { $0.contains(folder.url.path) }, "a compiler outlived its time limit")
    }

    /// Ctrl-C while a note compiles or runs: notesgen ends its children before it dies of the
    /// signal.
    @Test func interruptedNotesgenLeavesNoCompilerBehind() async throws {
        let executable = try #require(NotesgenExecutable.url, "notesgen was not built")
        let folder = try TemporaryFolder("sigint")
        defer { folder.remove() }
        _ = try folder.copy(fixture: "timeout")
        // A cache of its own (its path marks the compiler's processes), with the shared library.
        let cache = folder.url.appendingPathComponent("cache")
        try await TestEnvironment.linkLibrary(into: cache)
        let notesgen = Process()
        // Through `env`, which resets SIGINT: the test runner may have been started ignoring it.
        notesgen.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        notesgen.arguments = [
            "--default-signal=INT", executable.path, "build", "--no-cache", "--cache", cache.path, "--package",
            TestEnvironment.packageRoot, "--quiet",
        ]
        notesgen.currentDirectoryURL = folder.url
        notesgen.standardInput = FileHandle.nullDevice
        notesgen.standardOutput = FileHandle.nullDevice
        notesgen.standardError = FileHandle.nullDevice
        try notesgen.run()
        // The compiler or the note's program (its 2 s loop): both live under the cache's path. A
        // compile alone (under a second) could end between two looks on a loaded machine.
        let working = await LiveProcesses.appear { $0.contains(cache.path) }
        kill(notesgen.processIdentifier, SIGINT)
        notesgen.waitUntilExit()
        #expect(working, "the note never started compiling")
        #expect(notesgen.terminationReason == .uncaughtSignal && notesgen.terminationStatus == SIGINT)
        #expect(await LiveProcesses.vanish { $0.contains(cache.path) }, "a compiler outlived notesgen")
    }
}

/// The processes running on the machine, as /proc lists them.
enum LiveProcesses {
    /// The command lines (arguments joined by spaces) of the live processes; zombies, which
    /// have no command line, are left out.
    static func commandLines() -> [String] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { Int($0) != nil } ?? []
        return ids.compactMap { id in
            guard let bytes = readWhole("/proc/\(id)/cmdline"), !bytes.isEmpty else { return nil }
            return String(decoding: bytes.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        }
    }

    /// Waits (up to a generous minute, for a loaded machine) until no process matches; returns
    /// whether none does.
    static func vanish(_ matches: @escaping @Sendable (String) -> Bool) async -> Bool {
        await poll { !commandLines().contains(where: matches) }
    }

    /// Waits (up to five minutes) until a process matches; returns whether one did.
    static func appear(_ matches: @escaping @Sendable (String) -> Bool) async -> Bool {
        await poll(seconds: 300) { commandLines().contains(where: matches) }
    }

    /// On a thread of its own: a task of the shared pool can wait seconds for its turn while
    /// other tests run, and miss a short-lived process.
    private static func poll(seconds: Double = 60, _ condition: @escaping @Sendable () -> Bool) async -> Bool {
        (try? await onThread {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition() { return true }
                usleep(20_000)
            }
            return condition()
        }) ?? false
    }

    /// A /proc file's bytes (/proc files report a size of 0, so Foundation's readers stop short).
    private static func readWhole(_ path: String) -> [UInt8]? {
        let file = open(path, O_RDONLY)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(file, &buffer, buffer.count)
            guard count > 0 else { return bytes }
            bytes += buffer[0..<count]
        }
    }
}
