import FlyingSocks
import Foundation
import NoteModel
import Testing

@testable import NotesKit

/// `serve`'s answers without a socket: which paths name a site file, content types, what is
/// injected into pages (and that the built site never holds it), the overlay's escaping.
@Suite struct ServeRoutingTests {
    static let site: [String: Data] = [
        "index.html": Data("<!doctype html><html><body><p>Home</p></body></html>".utf8),
        "1-basics.html": Data("<html><body><p>Basics</p></body></html>".utf8),
        "assets/style.css": Data("body{}".utf8),
        "assets/site.js": Data("1;".utf8),
    ]

    func routes(problems: [PreviewProblem] = []) -> PreviewRoutes {
        let site = PreviewSite()
        _ = site.publish(files: Self.site, problems: problems)
        return PreviewRoutes(site: site, hub: ReloadHub(), allowedHosts: ["127.0.0.1"])
    }

    @Test(arguments: [
        ("/", "index.html"), ("/index.html", "index.html"), ("/assets/style.css", "assets/style.css"),
        ("/2-special%20values.html", "2-special values.html"), ("//assets//site.js", "assets/site.js"),
        ("/assets/", "assets/index.html"),
    ])
    func pathsNameSiteFiles(request: String, file: String) {
        #expect(SitePath(requestPath: request) == .file(file))
    }

    @Test(arguments: [
        "/../etc/passwd", "/assets/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/x",
        "/assets/..%2f..%2fetc%2fpasswd", "/..\\..\\etc\\passwd", "/a%5c..%5cb", "/index.html%00.css", "/%0a",
        "/./index.html", "etc/passwd", "*", "http://example.com/index.html", "/%zz",
    ])
    func escapingPathsAreRefused(request: String) {
        #expect(SitePath(requestPath: request) == .badRequest)
    }

    @Test func filesHaveTheirContentTypeAndAreNeverCached() async throws {
        let routes = routes()
        let expected = [
            "/": "text/html; charset=utf-8", "/assets/style.css": "text/css; charset=utf-8",
            "/assets/site.js": "text/javascript; charset=utf-8",
        ]
        for (path, type) in expected {
            let response = routes.respond(to: path)
            #expect(response.statusCode == .ok, "\(path)")
            #expect(response.headers[.contentType] == type)
            #expect(response.headers[.cacheControl] == "no-store")
        }
        #expect(ContentType.of(path: "a/b.svg") == "image/svg+xml; charset=utf-8")
        #expect(ContentType.of(path: "x.png") == "image/png")
        #expect(ContentType.of(path: "x.json") == "application/json; charset=utf-8")
        #expect(ContentType.of(path: "notes.txt") == "text/plain; charset=utf-8")
    }

    @Test func unknownFilesAre404AndBadPaths400() async throws {
        let routes = routes()
        let missing = routes.respond(to: "/missing.html")
        #expect(missing.statusCode == .notFound)
        #expect(String(decoding: try await missing.bodyData, as: UTF8.self).contains("/missing.html"))
        #expect(routes.respond(to: "/../index.html").statusCode == .badRequest)
    }

    @Test func pagesGetTheReloadScriptAndOtherFilesDoNot() async throws {
        let routes = routes()
        let page = String(decoding: try await routes.respond(to: "/1-basics.html").bodyData, as: UTF8.self)
        #expect(page.contains(ReloadHub.path))
        #expect(page.hasSuffix("</body></html>"))
        #expect(page.contains("<p>Basics</p>"))
        #expect(!page.contains("notesgen-errors"))
        let style = try await routes.respond(to: "/assets/style.css").bodyData
        #expect(style == Data("body{}".utf8))
    }

    @Test func errorsAreOverlaidAsEscapedText() async throws {
        let diagnostic = Diagnostic(
            .blockCompile, file: "Notes/1_Basics.md", line: 7, column: 12,
            summary: "cannot convert value of type '<script>alert(1)</script>' to 'Int'")
        let routes = routes(problems: [PreviewProblem(diagnostic)])
        let page = String(decoding: try await routes.respond(to: "/").bodyData, as: UTF8.self)
        #expect(page.contains("id=\"notesgen-errors\""))
        #expect(page.contains("Notes/1_Basics.md:7:12"))
        #expect(page.contains("[block.compile]"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>alert(1)"))
    }

    @Test func beforeTheFirstBuildEveryPathShowsTheBuildingPage() async throws {
        let routes = PreviewRoutes(site: PreviewSite(), hub: ReloadHub(), allowedHosts: nil)
        let response = routes.respond(to: "/1-basics.html")
        #expect(response.statusCode == .serviceUnavailable)
        #expect(String(decoding: try await response.bodyData, as: UTF8.self).contains(ReloadHub.path))
    }

    @Test func onlyChangesBumpTheGeneration() {
        let site = PreviewSite()
        #expect(site.publish(files: Self.site, problems: []) == 1)
        #expect(site.publish(files: Self.site, problems: []) == nil)
        var edited = Self.site
        edited["index.html"] = Data("<p>Edited</p>".utf8)
        #expect(site.publish(files: edited, problems: []) == 2)
        // A build that stopped early keeps the last complete site and shows its error.
        #expect(site.publish(files: nil, problems: [PreviewProblem(buildFailure: "error: x")]) == 3)
        #expect(site.snapshot.files == edited)
    }

    @Test func hostNamesAreCheckedWithoutThePort() {
        #expect(PreviewRoutes.hostName("127.0.0.1:8000") == "127.0.0.1")
        #expect(PreviewRoutes.hostName("LOCALHOST:8000") == "localhost")
        #expect(PreviewRoutes.hostName("[::1]:8000") == "[::1]")
        #expect(PreviewRoutes.hostName("[::1]") == "[::1]")
    }

    /// Only loopback addresses keep the site on this machine; anything else gets the warning.
    @Test func loopbackAddressesAreTold() throws {
        #expect(try ListenAddress(host: "127.0.0.1", port: 8000).isLoopback)
        #expect(try ListenAddress(host: "localhost", port: 8000).isLoopback)
        #expect(try ListenAddress(host: "::1", port: 8000).isLoopback)
        #expect(try !ListenAddress(host: "0.0.0.0", port: 8000).isLoopback)
        #expect(try !ListenAddress(host: "::", port: 8000).isLoopback)
        #expect(try ListenAddress(host: "::1", port: 8000).url(port: 8000) == "http://[::1]:8000/")
        #expect(throws: ServeError.unknownHost("example.com")) { try ListenAddress(host: "example.com", port: 80) }
    }

    /// Binding errors become one line that says what to do, never a raw socket error.
    @Test func bindErrorsSayWhatToDo() throws {
        let address = try ListenAddress(host: "127.0.0.1", port: 8000)
        let busy = SocketError.failed(type: "Bind", errno: EADDRINUSE, message: "Address already in use")
        #expect(ServeError(listening: busy, on: address).description == "error: port 8000 is in use; pass --port")
        let privileged = SocketError.failed(type: "Bind", errno: EACCES, message: "Permission denied")
        #expect(ServeError(listening: privileged, on: address) == .portNotAllowed(8000))
    }

    /// The built site is what `notesgen build` writes: the reload script is only ever added by
    /// `serve` to the responses.
    @Test func theBuiltSiteHasNoReloadScript() async throws {
        let built = try await Shared.passing.value
        for (path, data) in try filesBelow(built.site) {
            #expect(!String(decoding: data, as: UTF8.self).contains("__notesgen"), "\(path)")
        }
    }
}
