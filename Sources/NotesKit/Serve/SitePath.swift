/// Turns the path of an HTTP request into the path of a file of the built site, or refuses it.
///
/// `serve` answers only from the in-memory map of the site's files, so no request can read the
/// disk; this is the second wall: a path is percent-decoded once, then any `.` or `..` segment,
/// backslash, NUL or other control character is refused outright rather than normalised away,
/// so `/../x`, `/%2e%2e/x`, `/a/..%2Fb` and `/a\b` never name a file.
enum SitePath: Equatable {
    /// The key of a file in the site's map (`index.html`, `assets/style.css`).
    case file(String)
    /// A path no site file can have (dot segments, backslashes, control characters, bad encoding).
    case badRequest

    /// - Parameter target: the request's path as sent, still percent-encoded, without the query.
    init(requestPath target: String) {
        // Only origin-form targets (`/page.html`): not `*`, `http://host/…` or `page.html`.
        guard target.hasPrefix("/"), !target.contains("\\"), let decoded = target.removingPercentEncoding else {
            self = .badRequest
            return
        }
        guard !decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
            !decoded.contains("\\")
        else {
            self = .badRequest
            return
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else {
            self = .badRequest
            return
        }
        var path = segments.joined(separator: "/")
        // A folder's page is its index.html, as a static file server would serve it.
        if decoded.hasSuffix("/") { path += path.isEmpty ? "index.html" : "/index.html" }
        self = .file(path)
    }
}
