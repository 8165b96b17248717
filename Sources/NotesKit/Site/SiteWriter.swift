import Foundation

/// Writes a complete site, or nothing: files go into a temporary folder beside the output
/// folder, which then replaces the old site in two renames. An interrupted build leaves the
/// previous site in place (and the next build tidies up what it left).
public enum SiteWriter {
    /// - Parameter files: paths relative to the site's root (`index.html`, `assets/style.css`)
    ///   and their bytes.
    public static func write(_ files: [String: Data], to output: URL) throws {
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        try recover(output)
        let staging = parent.appendingPathComponent(".\(name).building-\(UUID().uuidString)")
        do {
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                let url = staging.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw NotesgenError.siteWriteFailed(output.path, reason: error.localizedDescription)
        }
        let retired = parent.appendingPathComponent(".\(name).old-\(UUID().uuidString)")
        let hadSite = FileManager.default.fileExists(atPath: output.path)
        if hadSite, rename(output.path, retired.path) != 0 {
            try? FileManager.default.removeItem(at: staging)
            throw NotesgenError.siteWriteFailed(output.path, reason: String(cString: strerror(errno)))
        }
        if rename(staging.path, output.path) != 0 {
            let reason = String(cString: strerror(errno))
            if hadSite { _ = rename(retired.path, output.path) }
            try? FileManager.default.removeItem(at: staging)
            throw NotesgenError.siteWriteFailed(output.path, reason: reason)
        }
        try? FileManager.default.removeItem(at: retired)
    }

    /// Puts back a site that an interrupted swap moved aside, and removes half-built ones.
    static func recover(_ output: URL) throws {
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for leftover in leftovers.sorted() {
            let url = parent.appendingPathComponent(leftover)
            if leftover.hasPrefix(".\(name).old-") {
                if !FileManager.default.fileExists(atPath: output.path) {
                    _ = rename(url.path, output.path)
                } else {
                    try? FileManager.default.removeItem(at: url)
                }
            } else if leftover.hasPrefix(".\(name).building-") {
                try? FileManager.default.removeItem(at: url)
            }
        }
    }
}
