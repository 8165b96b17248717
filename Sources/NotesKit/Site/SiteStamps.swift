import Foundation

/// What the last build wrote into an output folder, by file: its stamp (`FileStamp`) and digest.
/// Kept in the cache, so that checking the site before replacing it reads only the files that
/// changed since; a file whose stamp differs is read and hashed as before.
struct SiteStamps: Sendable {
    struct Entry: Sendable, Equatable {
        var stamp: String
        var digest: String
    }

    var entries: [String: Entry] = [:]

    /// The cache entry's name.
    static let entryName = "site-stamps"

    /// Where the stamps of `output` are kept in `cacheFolder`.
    static func file(for output: URL, in cacheFolder: URL) -> URL {
        cacheFolder.appendingPathComponent(entryName)
            .appendingPathComponent(String(SHA256.hex(output.path).prefix(24)) + ".txt")
    }

    /// The stamps recorded in `file`; none when it is missing or unreadable.
    static func read(_ file: URL) -> SiteStamps {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return SiteStamps() }
        var stamps = SiteStamps()
        for line in text.split(separator: "\n") {
            // `<size> <nanoseconds> <digest> <path>`; the path may hold spaces.
            let fields = line.split(separator: " ", maxSplits: 3)
            guard fields.count == 4 else { continue }
            stamps.entries[String(fields[3])] = Entry(stamp: "\(fields[0]) \(fields[1])", digest: String(fields[2]))
        }
        return stamps
    }

    /// Whether the file at `path` (relative to `output`) is still the one recorded with `digest`.
    func vouches(for path: String, in output: URL, digest: String) -> Bool {
        guard let entry = entries[path], entry.digest == digest else { return false }
        return FileStamp.of(output.appendingPathComponent(path).path) == entry.stamp
    }

    /// Records the files `manifest` lists as they are now in `output`. A cache that cannot be
    /// written only costs time next build.
    static func record(_ manifest: SiteManifest, of output: URL, to file: URL) {
        var text = ""
        for path in manifest.digests.keys.sorted() {
            guard let stamp = FileStamp.of(output.appendingPathComponent(path).path) else { continue }
            text += "\(stamp) \(manifest.digests[path]!) \(path)\n"
        }
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileStore.writeAtomically(Data(text.utf8), to: file)
    }
}
