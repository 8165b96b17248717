import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The `complete` file of a built library folder: one line per built file (the modules and
/// shared libraries at the folder's top), `name size modified sha256`.
///
/// Checking a folder compares each file's size and date (to the nanosecond) with the line (cheap: no file is
/// read), so a file deleted, truncated, rewritten or replaced since the build is noticed.
struct LibraryManifest: Equatable {
    struct Entry: Equatable {
        var name: String
        var stamp: String
        var sha256: String
    }

    var entries: [Entry]

    /// What the built files are: the hash results are keyed on.
    var hash: String {
        var hash = SHA256()
        for entry in entries {
            hash.updateField(entry.name)
            hash.updateField(entry.sha256)
        }
        return hash.hexDigest()
    }

    static let fileName = "complete"

    /// Hashes the built files of `folder` and writes its manifest, the folder's last file.
    static func record(_ folder: URL) throws -> LibraryManifest {
        do {
            return try write(folder)
        } catch let error as NotesgenError {
            throw error
        } catch {
            throw NotesgenError.libraryBuildFailed(
                output: "cannot record the built library in \(folder.path): \(FailureReason.of(error))")
        }
    }

    private static func write(_ folder: URL) throws -> LibraryManifest {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".so") || $0.hasSuffix(".swiftmodule") }
            .sorted()
        var entries: [Entry] = []
        for name in names {
            let file = folder.appendingPathComponent(name)
            guard let stamp = stamp(of: file) else {
                throw NotesgenError.libraryBuildFailed(output: "the built file \(file.path) disappeared")
            }
            var hash = SHA256()
            hash.update(try Data(contentsOf: file))
            entries.append(Entry(name: name, stamp: stamp, sha256: hash.hexDigest()))
        }
        let manifest = LibraryManifest(entries: entries)
        let text = entries.map { "\($0.name) \($0.stamp) \($0.sha256)\n" }.joined()
        try Data(text.utf8).write(to: folder.appendingPathComponent(fileName))
        return manifest
    }

    /// The manifest of `folder` if every file it lists is as it was built; nil for a folder
    /// that is missing, was never finished, or whose files changed.
    static func verified(in folder: URL) -> LibraryManifest? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else {
            return nil
        }
        var entries: [Entry] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 4 else { return nil }
            entries.append(Entry(name: fields[0], stamp: fields[1...2].joined(separator: " "), sha256: fields[3]))
        }
        let names = Set(entries.map(\.name))
        guard !entries.isEmpty, names.contains(where: { $0.hasSuffix(".so") }),
            names.contains(where: { $0.hasSuffix(".swiftmodule") }),
            entries.allSatisfy({ stamp(of: folder.appendingPathComponent($0.name)) == $0.stamp })
        else { return nil }
        return LibraryManifest(entries: entries)
    }

    /// Moves a folder that failed `verified` out of the way (a rename, so that a build using it
    /// right now keeps its files), then removes it.
    static func discard(_ folder: URL) {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        let aside = folder.deletingLastPathComponent().appendingPathComponent(".broken-\(UUID().uuidString)")
        if rename(folder.path, aside.path) == 0 { try? FileManager.default.removeItem(at: aside) }
    }

    /// `size modified-ns`, or nil when the file is missing.
    private static func stamp(of file: URL) -> String? {
        FileStamp.of(file.path)
    }
}
