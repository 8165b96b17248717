import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP side of `serve`: answers from the in-memory site and streams reload events.
///
/// Routes: `/__notesgen/events` (the event stream); every other path is looked up, after
/// `SitePath` decoded and checked it, in the files of the last complete build. Nothing is read
/// from the disk, so no path (`..`, `%2e%2e`, absolute, symlinks) reaches any other file.
struct PreviewRoutes: HTTPHandler {
    let site: PreviewSite
    let hub: ReloadHub
    /// The host names a browser may use for this server (`Host` without the port), checked so
    /// that a web page elsewhere cannot read the preview through a DNS name that points at
    /// 127.0.0.1 (DNS rebinding); nil when `--host` makes the site public anyway.
    let allowedHosts: Set<String>?

    func handleRequest(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return Self.plainText(.methodNotAllowed, "only GET and HEAD are served\n")
        }
        if let allowedHosts, !allowedHosts.contains(Self.hostName(request.headers[.host] ?? "")) {
            return Self.plainText(.badRequest, "unknown Host; open the address notesgen serve printed\n")
        }
        let path = request.target.path()
        if path == ReloadHub.path {
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: hub.subscribe(generation: site.snapshot.generation)))
        }
        let response = respond(to: path)
        guard request.method == .HEAD else { return response }
        // The same headers, the length of the body it would have, no body.
        var headOnly = HTTPResponse(statusCode: response.statusCode, headers: response.headers)
        if case .httpBody(let body) = response.payload, let count = body.count {
            headOnly.headers[.contentLength] = String(count)
        }
        return headOnly
    }

    /// The response for a site path: a file, the building page, 404 or 400.
    func respond(to requestPath: String) -> HTTPResponse {
        let snapshot = site.snapshot
        guard case .file(let path) = SitePath(requestPath: requestPath) else {
            return Self.plainText(.badRequest, "bad path\n")
        }
        guard let files = snapshot.files else {
            return Self.html(
                .serviceUnavailable,
                PreviewPage.building(generation: snapshot.generation, problems: snapshot.problems))
        }
        guard let data = files[path] else {
            return Self.html(
                .notFound,
                PreviewPage.notFound(
                    path: "/" + path, generation: snapshot.generation, problems: snapshot.problems))
        }
        guard ContentType.isHTML(path: path) else {
            return HTTPResponse(statusCode: .ok, headers: Self.headers(ContentType.of(path: path)), body: data)
        }
        return Self.html(
            .ok, PreviewPage.inject(into: data, generation: snapshot.generation, problems: snapshot.problems))
    }

    /// `127.0.0.1:8000` → `127.0.0.1`, `[::1]:8000` → `[::1]`, lower-cased.
    static func hostName(_ header: String) -> String {
        var name = header.lowercased()
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("]") { name = String(name[..<colon]) }
        return name
    }

    /// Every response: never cached (the next build changes it), never sniffed as another type.
    static func headers(_ contentType: String) -> HTTPHeaders {
        [.contentType: contentType, .cacheControl: "no-store", HTTPHeader("X-Content-Type-Options"): "nosniff"]
    }

    private static func html(_ status: HTTPStatusCode, _ data: Data) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers("text/html; charset=utf-8"), body: data)
    }

    private static func plainText(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers("text/plain; charset=utf-8"), body: Data(text.utf8))
    }
}

/// Where `serve` listens: an IP address (or `localhost`) and a port.
struct ListenAddress: Sendable {
    enum Family: Sendable { case ip4, ip6 }
    var host: String
    var family: Family
    var port: UInt16

    /// - Throws: `ServeError.unknownHost` for anything but an IPv4 or IPv6 address or `localhost`.
    init(host: String, port: UInt16) throws {
        let name = host == "localhost" ? "127.0.0.1" : host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        var ip4 = in_addr()
        var ip6 = in6_addr()
        if inet_pton(AF_INET, name, &ip4) == 1 {
            family = .ip4
        } else if inet_pton(AF_INET6, name, &ip6) == 1 {
            family = .ip6
        } else {
            throw ServeError.unknownHost(host)
        }
        self.host = name
        self.port = port
    }

    /// 127.0.0.0/8 and ::1: only this machine can connect.
    var isLoopback: Bool {
        family == .ip4 ? host.hasPrefix("127.") : host == "::1"
    }

    /// The address as a browser writes it, with this port.
    func url(port: UInt16) -> String {
        family == .ip6 ? "http://[\(host)]:\(port)/" : "http://\(host):\(port)/"
    }

    /// The names a browser may use for this server in `Host` (without the port).
    var hostNames: Set<String> {
        ["127.0.0.1", "localhost", "[::1]", family == .ip6 ? "[\(host)]" : host]
    }

    var socketAddress: any SocketAddress {
        get throws {
            family == .ip4 ? try sockaddr_in.inet(ip4: host, port: port) : try sockaddr_in6.inet6(ip6: host, port: port)
        }
    }
}

/// Starts FlyingFox on an address and waits until it listens, or says why it cannot.
enum PreviewServer {
    /// - Returns: the port it listens on (the one asked for, or the one chosen for port 0).
    /// - Throws: `ServeError` when the address cannot be listened on.
    static func listen(on address: ListenAddress, routes: PreviewRoutes) throws -> UInt16 {
        let server = HTTPServer(
            config: .init(address: try address.socketAddress, timeout: 30, logger: .disabled), handler: routes)
        let outcome = ListenOutcome()
        Task {
            do {
                try await server.run()
            } catch {
                outcome.finish(.failure(ServeError(listening: error, on: address)))
            }
        }
        Task {
            try await server.waitUntilListening(timeout: 60)
            switch await server.listeningAddress {
            case .ip4(_, let port), .ip6(_, let port): outcome.finish(.success(port))
            default: outcome.finish(.success(address.port))
            }
        }
        return try outcome.wait()
    }
}

/// The first of "listening on port N" and "cannot listen", handed from the server's tasks to
/// the command's thread.
private final class ListenOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<UInt16, ServeError>?

    func finish(_ result: Result<UInt16, ServeError>) {
        let isFirst = lock.withLock {
            guard self.result == nil else { return false }
            self.result = result
            return true
        }
        if isFirst { done.signal() }
    }

    func wait() throws -> UInt16 {
        done.wait()
        return try lock.withLock { result! }.get()
    }
}
