import Foundation

/// Runs a program as a child process, with its output captured in files and a time limit.
///
/// Output goes to files rather than pipes so a chatty child can never block on a full pipe, and
/// so what it wrote before dying is kept.
public enum ChildProcess {
    public struct Result: Sendable {
        /// The exit status, or the signal number when `wasSignalled`.
        public var status: Int32
        public var wasSignalled: Bool
        public var timedOut: Bool
        public var stdout: Data
        public var stderr: Data
        public var succeeded: Bool { !wasSignalled && !timedOut && status == 0 }
    }

    /// - Parameters:
    ///   - timeout: seconds before the child is killed.
    ///   - shouldKill: asked every 50 ms while the child runs; returning true kills it and marks
    ///     the result as timed out (used for per-block limits).
    ///   - warning: a signal sent first when the time is up, so the child can say where it was
    ///     (a note's program reports its stack on SIGTRAP); it gets a second before SIGKILL.
    public static func run(
        executable: URL, arguments: [String], environment: [String: String]? = nil,
        workingDirectory: URL? = nil, timeout: Double,
        shouldKill: (() -> Bool)? = nil, warning: Int32? = nil
    ) throws -> Result {
        let captureFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("notesgen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: captureFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: captureFolder) }
        let stdoutURL = captureFolder.appendingPathComponent("stdout")
        let stderrURL = captureFolder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        try? stdoutHandle.close()
        try? stderrHandle.close()

        let deadline = DispatchTime.now() + timeout
        var timedOut = false
        while finished.wait(timeout: .now() + 0.05) == .timedOut {
            if DispatchTime.now() >= deadline || shouldKill?() == true {
                timedOut = true
                if let warning {
                    kill(process.processIdentifier, warning)
                    if finished.wait(timeout: .now() + 1) == .success { break }
                }
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
                break
            }
        }
        return Result(
            status: process.terminationStatus,
            wasSignalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            stdout: (try? Data(contentsOf: stdoutURL)) ?? Data(),
            stderr: (try? Data(contentsOf: stderrURL)) ?? Data())
    }
}
