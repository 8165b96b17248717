import Foundation

/// The list of the files notesgen wrote into a site, with the SHA-256 of each: kept in the site
/// as `.notesgen-manifest`, it is what proves which files of an output folder notesgen wrote and
/// may therefore replace.
///
/// One line per file, sorted by path, in `sha256sum`'s format (`<digest>  <path>`), after two
/// comment lines; no dates, so two builds of the same notes write the same bytes.
public struct SiteManifest: Equatable, Sendable {
    public static let fileName = ".notesgen-manifest"

    /// The SHA-256 (64 lower-case hex digits) of each file, by its path in the site.
    public var digests: [String: String]

    /// The manifest of a site made of `files` (paths relative to the site's root); `known`
    /// digests are taken as they are (files from `PageCache`), the others computed.
    public init(files: [String: Data], known: [String: String] = [:]) {
        var digests: [String: String] = [:]
        for (path, data) in files { digests[path] = known[path] ?? Self.digest(data) }
        self.digests = digests
    }

    init(digests: [String: String]) {
        self.digests = digests
    }

    /// The manifest's file, as written into the site.
    public var contents: Data {
        var text = """
            # notesgen site manifest: the files notesgen wrote in this folder, with their SHA-256.
            # A build replaces them only if they are unchanged; files not listed here are kept.

            """
        for path in digests.keys.sorted() { text += "\(digests[path]!)  \(path)\n" }
        return Data(text.utf8)
    }

    /// Reads a manifest's file; nil when it is not one.
    public static func parse(_ data: Data) -> SiteManifest? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        var digests: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let digest = line.prefix(64)
            let separator = line.dropFirst(64).prefix(2)
            let path = String(line.dropFirst(66))
            guard digest.count == 64, digest.allSatisfy(\.isHexDigit), separator == "  ", !path.isEmpty else {
                return nil
            }
            digests[path] = String(digest)
        }
        return SiteManifest(digests: digests)
    }

    /// Whether the manifest lists a file inside the folder at `path`.
    func listsFiles(under path: String) -> Bool {
        digests.keys.contains { $0.hasPrefix(path + "/") }
    }

    static func digest(_ data: Data) -> String {
        var hash = SHA256()
        hash.update(data)
        return hash.hexDigest()
    }
}
