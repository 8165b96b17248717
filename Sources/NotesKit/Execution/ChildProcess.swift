import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program as a child process, with its output captured in files and a time limit.
///
/// Output goes to files rather than pipes so a chatty child can never block on a full pipe, and
/// so what it wrote before dying is kept. The files are in the child's own work folder when it
/// has one (a full `$TMPDIR` must not lose a note's output), and every write and read of them is
/// checked: output that could not be captured is an error, never an empty result.
///
/// The child is started with `posix_spawn` in a session of its own (Foundation's `Process`
/// cannot do that), so that a time-out, the end of the child or a Ctrl-C of notesgen ends
/// everything it started too (see `ChildSessions`).
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

    /// Why a child could not be run or its output not be captured.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case cannotCreateCapture(String, reason: String)
        case cannotReadCapture(String, reason: String)
        case cannotStart(String, reason: String)
        case tooManyChildren

        public var description: String {
            switch self {
            case .cannotCreateCapture(let path, let reason):
                return
                    "cannot create '\(path)' to capture a program's output: \(reason); free some disk space or check the cache folder's permissions"
            case .cannotReadCapture(let path, let reason):
                return
                    "cannot read the captured output '\(path)': \(reason); free some disk space or check the cache folder's permissions"
            case .cannotStart(let path, let reason):
                return "cannot start '\(path)': \(reason); check that it exists and is executable"
            case .tooManyChildren:
                return "too many programs running at once; lower --jobs"
            }
        }
    }

    /// - Parameters:
    ///   - captureFolder: where the output files go; by default the working directory, else a
    ///     fresh folder in the system's temporary folder.
    ///   - timeout: seconds before the child is killed.
    ///   - shouldKill: asked every 50 ms while the child runs; returning true kills it and marks
    ///     the result as timed out (used for per-block limits).
    ///   - warning: a signal sent first when the time is up, so the child can say where it was
    ///     (a note's program reports its stack on SIGTRAP); it gets a second before SIGKILL.
    public static func run(
        executable: URL, arguments: [String], environment: [String: String]? = nil,
        workingDirectory: URL? = nil, captureFolder: URL? = nil, timeout: Double,
        shouldKill: (() -> Bool)? = nil, warning: Int32? = nil
    ) throws -> Result {
        let folder: URL
        var temporary: URL?
        if let chosen = captureFolder ?? workingDirectory {
            folder = chosen
        } else {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("notesgen-\(UUID().uuidString)")
            if mkdir(folder.path, 0o700) != 0 {
                throw Failure.cannotCreateCapture(folder.path, reason: String(cString: strerror(errno)))
            }
            temporary = folder
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let name = UUID().uuidString
        let stdout = try CaptureFile(folder.appendingPathComponent(".stdout-\(name)"))
        defer { stdout.remove() }
        let stderr = try CaptureFile(folder.appendingPathComponent(".stderr-\(name)"))
        defer { stderr.remove() }

        let pid = try ChildSessions.register {
            try spawn(
                executable, arguments: arguments, environment: environment, workingDirectory: workingDirectory,
                stdout: stdout.descriptor, stderr: stderr.descriptor)
        }
        stdout.closeDescriptor()
        stderr.closeDescriptor()

        let timedOut = waitForExit(pid, timeout: timeout, shouldKill: shouldKill, warning: warning)
        ChildSessions.end(pid)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // The bits of a wait status, as <sys/wait.h>'s macros (not imported into Swift) read them.
        let signal = status & 0x7f
        return Result(
            status: signal == 0 ? (status >> 8) & 0xff : signal, wasSignalled: signal != 0, timedOut: timedOut,
            stdout: try stdout.contents(), stderr: try stderr.contents())
    }

    /// Waits until the child exits, without reaping it; stops it when the time is up.
    /// Returns whether it was stopped.
    private static func waitForExit(
        _ pid: pid_t, timeout: Double, shouldKill: (() -> Bool)?, warning: Int32?
    ) -> Bool {
        let deadline = DispatchTime.now() + timeout
        var pause: UInt32 = 1_000
        while !hasExited(pid) {
            if DispatchTime.now() >= deadline || shouldKill?() == true {
                if let warning {
                    kill(pid, warning)
                    let grace = DispatchTime.now() + 1
                    while !hasExited(pid) && DispatchTime.now() < grace { usleep(10_000) }
                }
                kill(-pid, SIGKILL)
                while !hasExited(pid) { usleep(10_000) }
                return true
            }
            // Short programs (the symbolizer) are noticed at once, long ones checked every 50 ms.
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        return false
    }

    /// Whether the child has exited; it stays a zombie, keeping its group id, until reaped.
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        // With WNOHANG and no change, Linux leaves the zeroed structure as it was.
        return result == -1 ? errno != EINTR : info.si_signo == SIGCHLD
    }

    /// Starts `executable` in a new session, with standard input from /dev/null.
    private static func spawn(
        _ executable: URL, arguments: [String], environment: [String: String]?, workingDirectory: URL?,
        stdout: Int32, stderr: Int32
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, stderr, STDERR_FILENO)
        // Nothing else of notesgen's (another child's capture files) leaks into the child.
        _ = GNUSpawn.addCloseFrom?(&actions, 3)
        if let workingDirectory {
            guard let addChdir = GNUSpawn.addChdir else {
                throw Failure.cannotStart(executable.path, reason: "this C library cannot start a program in a folder")
            }
            _ = addChdir(&actions, workingDirectory.path)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A session of its own (POSIX_SPAWN_SETSID, glibc's 0x80, behind _GNU_SOURCE): also a
        // process group of its own, and a mark on everything the child starts.
        let newSession: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(newSession | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        // Every signal the child could inherit as caught or ignored starts at its default.
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = environment ?? ProcessInfo.processInfo.environment
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let error = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard error == 0 else {
            throw Failure.cannotStart(executable.path, reason: String(cString: strerror(error)))
        }
        return pid
    }
}

/// glibc's `posix_spawn` extensions (2.29, 2.34), declared only under `_GNU_SOURCE`, which Swift's
/// Glibc module does not define: looked up by name.
private enum GNUSpawn {
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map {
        unsafeBitCast($0, to: AddChdir.self)
    }
    static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: AddCloseFrom.self)
    }
}

/// A file a child writes its standard output or error to, removed after it is read.
private final class CaptureFile {
    let url: URL
    private(set) var descriptor: Int32

    init(_ url: URL) throws {
        self.url = url
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ChildProcess.Failure.cannotCreateCapture(url.path, reason: String(cString: strerror(errno)))
        }
    }

    func closeDescriptor() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// Everything the child wrote; a read that fails is an error, not an empty output.
    func contents() throws -> Data {
        let input = open(url.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else {
            throw ChildProcess.Failure.cannotReadCapture(url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(input) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(input, &buffer, buffer.count)
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw ChildProcess.Failure.cannotReadCapture(url.path, reason: String(cString: strerror(errno)))
            }
            data.append(buffer, count: count)
        }
    }

    func remove() {
        closeDescriptor()
        unlink(url.path)
    }
}
