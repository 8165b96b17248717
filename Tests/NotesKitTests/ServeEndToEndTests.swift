import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import NotesKit

/// `notesgen serve` as a user runs it: the built executable on a free loopback port, a browser
/// played by a raw socket client (so that paths reach the server exactly as written).
///
/// No test measures time; waits are generous because the machine is shared.
@Suite(.serialized) struct ServeEndToEndTests {
    /// Edits a note's prose, then its code, then breaks and fixes it, and sees each time the
    /// reload event and the new page; the terminal prints the error once.
    @Test func editsReloadThePageAndErrorsAreOverlaidUntilFixed() async throws {
        let folder = try TemporaryFolder("serve-edit")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "passing")
        let server = try await ServedSite.start(in: folder.url)
        defer { server.stop() }
        let events = try EventListener(port: server.port)
        defer { events.close() }
        var generation = try events.waitForGeneration(after: 0)
        let note = notes.appendingPathComponent("1_Basics.md")
        let page = "/1-basics.html"

        // Prose: no compiler runs, and the page shows the new paragraph.
        try append("\nA paragraph the serve test added.\n", to: note)
        _ = try server.waitForPage(page, after: &generation, events: events) {
            $0.contains("A paragraph the serve test added.")
        }
        #expect(server.lastBuildLine.hasSuffix("3 notes, 0 run"), "a prose edit ran a note: \(server.stderr)")

        // Code: the note is compiled again and the page shows what it prints now. The text is new
        // on every run, so the shared cache cannot already hold the result.
        let printed = "three, edited by the serve test \(UUID().uuidString)"
        try replace("print(\"three\")", with: "print(\"\(printed)\")", in: note)
        _ = try server.waitForPage(page, after: &generation, events: events) { $0.contains(printed) }
        #expect(
            server.lastBuildLine.hasSuffix("3 notes, 1 run"), "a code edit ran more than its note: \(server.stderr)")

        // A compile error: overlaid on every page at the note's line, then gone once fixed.
        try replace("print(\"one\")", with: "let broken: Int = \"text\"", in: note)
        let broken = try server.waitForPage(page, after: &generation, events: events) {
            $0.contains("id=\"notesgen-errors\"")
        }
        let line = try lineNumber(of: "let broken", in: String(contentsOf: note, encoding: .utf8))
        #expect(broken.contains("Notes/1_Basics.md:\(line):"))
        #expect(broken.contains("[block.compile]"))
        #expect(try server.get("/").text.contains("id=\"notesgen-errors\""))
        try replace("let broken: Int = \"text\"", with: "print(\"one\")", in: note)
        _ = try server.waitForPage(page, after: &generation, events: events) { !$0.contains("notesgen-errors") }
        server.stop()
        let compileErrors = server.stderr.components(separatedBy: "\n").filter {
            $0.contains("1_Basics.md:\(line)") && $0.contains("[block.compile]")
        }
        #expect(compileErrors.count == 1, "\(server.stderr)")
    }

    /// Only files of the built site are served: traversal in every spelling is refused, a
    /// symlink in the notes folder is not a page, unknown files are 404.
    @Test func onlyTheSitesFilesAreServed() async throws {
        let folder = try TemporaryFolder("serve-paths")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "passing")
        try FileManager.default.createSymbolicLink(
            atPath: notes.appendingPathComponent("secret.html").path, withDestinationPath: "/etc/passwd")
        let server = try await ServedSite.start(in: folder.url)
        defer { server.stop() }

        let home = try server.get("/")
        #expect(home.status == 200)
        #expect(home.header("content-type") == "text/html; charset=utf-8")
        #expect(home.header("cache-control") == "no-store")
        #expect(try server.get("/assets/style.css").header("content-type") == "text/css; charset=utf-8")
        for path in [
            "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2fetc%2fpasswd",
            "/..\\..\\..\\etc\\passwd", "/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/index.html%00", "/etc/passwd",
            "//etc/passwd", "/secret.html", "/1_Basics.md", "/" + folder.url.path + "/Notes/1_Basics.md",
        ] {
            let reply = try server.get(path)
            #expect([400, 404].contains(reply.status), "\(path): \(reply.status)")
            #expect(!reply.text.contains("root:"), "\(path)")
        }
        let missing = try server.get("/no-such-page.html")
        #expect(missing.status == 404)
        #expect(missing.text.contains("Not found"))
        #expect(try server.get("/", host: "attacker.example:\(server.port)").status == 400)
    }

    /// A second `serve` on a port that is taken says so in one line and exits 1.
    @Test func aBusyPortIsReportedInOneLine() async throws {
        let folder = try TemporaryFolder("serve-busy")
        defer { folder.remove() }
        _ = try folder.copy(fixture: "passing")
        let listener = try LoopbackSocket.listening()
        defer { close(listener.descriptor) }
        let result = try await NotesgenExecutable.run(["serve", "--port", "\(listener.port)"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.errorLines == ["error: port \(listener.port) is in use; pass --port"])
    }

    /// SIGTERM while a note's program runs: notesgen exits 0 and the program is gone.
    @Test func stoppingEndsEveryChildProcess() async throws {
        let folder = try TemporaryFolder("serve-stop")
        defer { folder.remove() }
        let notes = folder.url.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try """
        # Busy

        ```swift-attn
        var turns = 0
        while turns >= 0 { turns = (turns + 1) % 1000 }
        ```
        """.write(to: notes.appendingPathComponent("1_Busy.md"), atomically: true, encoding: .utf8)
        let server = try await ServedSite.start(
            in: folder.url, extra: ["--timeout", "600", "--no-cache"], waitingForTheFirstBuild: false)
        defer { server.stop() }
        var children: [pid_t] = []
        let deadline = Date().addingTimeInterval(600)
        // Wait until the note's program runs: a descendant that is not the compiler or linker.
        let tools = ["swift", "clang", "ld"]
        while Date() < deadline {
            children = CleanShutdown.descendants(of: server.pid)
            let commands = children.map(ServedSite.command(of:))
            if commands.contains(where: { command in !command.isEmpty && !tools.contains { command.hasPrefix($0) } }) {
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(!children.isEmpty)
        let status = server.stop()
        #expect(status == 0, "\(server.stderr)")
        for pid in children {
            #expect(!ServedSite.isAlive(pid), "process \(pid) (\(ServedSite.command(of: pid))) outlived notesgen")
        }
    }
}

// MARK: - A served site and a client

/// A `notesgen serve` process on a free port, with the shared cache and this package's library.
final class ServedSite: @unchecked Sendable {
    let process: Process
    let port: UInt16
    private let stderrURL: URL
    private let lock = NSLock()
    private var exitStatus: Int32?

    var pid: pid_t { process.processIdentifier }

    /// Everything notesgen printed on standard error so far.
    var stderr: String {
        (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
    }

    /// The summary line of the latest build (`notesgen: build 3 in 0.21 s: 3 notes, 0 run`).
    var lastBuildLine: String {
        stderr.split(separator: "\n").last { $0.hasPrefix("notesgen: build ") }.map(String.init) ?? ""
    }

    private init(process: Process, port: UInt16, stderrURL: URL) {
        self.process = process
        self.port = port
        self.stderrURL = stderrURL
    }

    /// Starts `notesgen serve --port 0` in `folder` (which holds `Notes/`), waits until it
    /// says where it listens and until its first build is served.
    static func start(in folder: URL, extra: [String] = [], waitingForTheFirstBuild: Bool = true) async throws
        -> ServedSite
    {
        let executable = try #require(NotesgenExecutable.url, "build the package (swift build) before testing")
        _ = try await TestEnvironment.library.value
        let stderrURL = folder.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments =
            ["serve", "--port", "0", "--cache", TestEnvironment.cacheFolder.path]
            + ["--package", TestEnvironment.packageRoot, "--jobs", "2"] + extra
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        var port: UInt16?
        let deadline = Date().addingTimeInterval(300)
        while port == nil, Date() < deadline, process.isRunning {
            let log = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            if let range = log.range(of: "serving http://127.0.0.1:") {
                port = UInt16(log[range.upperBound...].prefix { $0.isNumber })
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard let port else {
            process.terminate()
            process.waitUntilExit()
            let log = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            throw TestFailure("notesgen serve did not start listening:\n\(log)")
        }
        let site = ServedSite(process: process, port: port, stderrURL: stderrURL)
        if waitingForTheFirstBuild { try await site.waitForFirstBuild() }
        return site
    }

    private func waitForFirstBuild() async throws {
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline {
            if try get("/").status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestFailure("the first build was not served:\n\(stderr)")
    }

    /// GET `path` (sent as written), with `Host` naming 127.0.0.1 unless `host` says otherwise.
    func get(_ path: String, host: String? = nil) throws -> HTTPReply {
        let socket = try LoopbackSocket.connect(port: port)
        defer { close(socket) }
        let request = "GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n"
        try LoopbackSocket.send(request, to: socket)
        var data = Data()
        while let chunk = try LoopbackSocket.receive(from: socket) { data.append(chunk) }
        return try HTTPReply(data)
    }

    /// The page at `path` once a build after `generation` serves one that `isExpected` accepts;
    /// `generation` becomes that build's. Waiting for the page rather than for the next build
    /// keeps the test true if an extra build comes first (an editor's save is two writes).
    func waitForPage(
        _ path: String, after generation: inout Int, events: EventListener, timeout: TimeInterval = 600,
        until isExpected: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var page = ""
        while Date() < deadline {
            generation = try events.waitForGeneration(after: generation, timeout: deadline.timeIntervalSinceNow)
            page = try get(path).text
            if isExpected(page) { return page }
        }
        throw TestFailure("no build served the expected \(path); the last one:\n\(page)\n\(stderr)")
    }

    /// Sends SIGTERM (once) and waits for the exit; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        lock.withLock {
            if let exitStatus { return exitStatus }
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            process.waitUntilExit()
            exitStatus = process.terminationStatus
            return process.terminationStatus
        }
    }

    /// Whether `pid` is a living process (a zombie waiting to be reaped is not).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// The process's command name (`swift-frontend`, a note's program).
    static func command(of pid: pid_t) -> String {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A response as received: status, headers (lower-cased names), body.
struct HTTPReply {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    init(_ data: Data) throws {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw TestFailure("no complete response: \(String(decoding: data, as: UTF8.self))")
        }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        status = Int(head[0].split(separator: " ")[1]) ?? 0
        headers = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        body = data[end.upperBound...]
    }

    func header(_ name: String) -> String? { headers[name] }
}

/// A page's event stream, read on a thread of its own into a buffer the test looks at.
final class EventListener: @unchecked Sendable {
    private let socket: Int32
    private let lock = NSLock()
    private var received = Data()
    private var isClosed = false

    init(port: UInt16) throws {
        socket = try LoopbackSocket.connect(port: port)
        try LoopbackSocket.send(
            "GET \(ReloadHub.path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n", to: socket
        )
        Thread { [self] in
            while !lock.withLock({ isClosed }) {
                guard let chunk = try? LoopbackSocket.receive(from: socket, allowTimeout: true) else { return }
                lock.withLock { received.append(chunk) }
            }
        }.start()
    }

    /// The newest generation a reload event named, once it is above `generation`.
    func waitForGeneration(after generation: Int, timeout: TimeInterval = 600) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = lock.withLock { String(decoding: received, as: UTF8.self) }
            let generations = text.components(separatedBy: "event: reload\ndata: ").dropFirst()
                .compactMap { Int($0.prefix { $0.isNumber }) }
            if let newest = generations.max(), newest > generation { return newest }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestFailure("no reload event after generation \(generation)")
    }

    func close() {
        lock.withLock { isClosed = true }
        shutdown(socket, Int32(SHUT_RDWR))
        Glibc.close(socket)
    }
}

/// Blocking TCP sockets on 127.0.0.1, with a receive time-out so nothing waits forever.
enum LoopbackSocket {
    static func address(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    static func connect(port: UInt16) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = address(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(socket)
            throw TestFailure("cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        return socket
    }

    /// A socket listening on a free port, for the busy-port test.
    static func listening() throws -> (descriptor: Int32, port: UInt16) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(socket, $0, length) == 0 && Glibc.listen(socket, 1) == 0
                    && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw TestFailure("cannot listen on 127.0.0.1: \(String(cString: strerror(errno)))") }
        return (socket, UInt16(bigEndian: address.sin_port))
    }

    static func send(_ text: String, to socket: Int32) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw TestFailure("send failed: \(String(cString: strerror(errno)))") }
            sent += count
        }
    }

    /// The next bytes, or nil at the end of the stream. A time-out is an error, unless allowed
    /// (then it returns no bytes).
    static func receive(from socket: Int32, allowTimeout: Bool = false) throws -> Data? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(socket, &buffer, buffer.count, 0)
        if count > 0 { return Data(buffer[..<count]) }
        if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
            if allowTimeout { return Data() }
            throw TestFailure("no answer within the receive time-out")
        }
        return nil
    }
}

private func append(_ text: String, to file: URL) throws {
    let handle = try FileHandle(forWritingTo: file)
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
}

private func replace(_ old: String, with new: String, in file: URL) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    try #require(text.contains(old), "\(file.lastPathComponent) has no \(old)")
    try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: false, encoding: .utf8)
}
