import Foundation

/// File writes that are never seen half-done: write a temporary file beside the target, then
/// rename it over the target.
public enum FileStore {
    /// - Throws: a `FileProblem` or Foundation's error (`FileProblem(error)` says it in words).
    public static func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            // errno first: removing the temporary file may change it.
            let problem = FileProblem(errno: errno, path: url.path)
            try? FileManager.default.removeItem(at: temporary)
            throw problem
        }
    }
}
