import Foundation

/// The cache folder (`.notesgen-cache/`): notesgen creates it, marks it as its own with a tag
/// file, writes only into a folder so marked, and `notesgen clean` removes only a folder so
/// marked, and only the entries notesgen creates in it.
///
/// The tag is what proves a folder is a cache: a folder that merely holds a `lib/` (a C project,
/// `--cache .` by mistake) is never written into nor removed.
public enum CacheFolder {
    /// The tag file every cache holds, in the spirit of CACHEDIR.TAG.
    public static let tagName = ".notesgen-cache-tag"
    /// The tag's first line; the rest is a comment for whoever finds the folder.
    static let signature = "Signature: notesgen-cache"
    static let tagContents = """
        \(signature)
        # This folder is a cache created by notesgen: compiled libraries and block results.
        # `notesgen clean` removes it; it only removes folders holding this file.

        """

    /// Whether `name`, directly in a cache, is something notesgen creates there. `clean`
    /// removes these and nothing else; a new kind of cache entry must be added here.
    static func isCacheEntry(_ name: String) -> Bool {
        let entries = ["lib", "results", "work", ModuleCache.entryName, PageCache.entryName, SiteStamps.entryName]
        if (entries + [tagName]).contains(name) { return true }
        if name.hasPrefix("toolchain-") && name.hasSuffix(".txt") { return true }
        // What a write interrupted by a kill leaves (`FileStore`): `.<entry>.<pid>.<uuid>.tmp`.
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard name.hasPrefix("."), parts.count >= 5, parts.last == "tmp" else { return false }
        let entry = parts.dropFirst().dropLast(3).joined(separator: ".")
        return entry != tagName ? isCacheEntry(entry) : true
    }

    /// Makes `folder` ready to be written into: creates and tags it when it does not exist or is
    /// empty, and accepts it when it carries the tag (or is an untagged cache of an earlier
    /// notesgen, whose entries all follow the cache's layout, which it then tags).
    /// - Throws: `NotesgenError` when the path is a file, or a folder holding anything else.
    public static func prepare(_ folder: URL) throws(NotesgenError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .cacheIsAFile(folder.path) }
            if isTagged(folder) { return }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            } catch {
                throw .fileOperationFailed("read the cache folder", FileProblem(error, path: folder.path))
            }
            if let foreign = entries.first(where: { !isEarlierCacheEntry($0, in: folder) }) {
                throw .cacheHoldsOtherFiles(folder.path, example: foreign)
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .fileOperationFailed("create the cache folder", FileProblem(error, path: folder.path))
            }
        }
        do {
            try FileStore.writeAtomically(Data(tagContents.utf8), to: folder.appendingPathComponent(tagName))
        } catch {
            throw .fileOperationFailed("write into the cache folder", FileProblem(error, path: folder.path))
        }
    }

    /// Prepares `folder` and holds a shared lock on it while a build or test uses it, so that
    /// `clean` does not remove it underneath them (builds share it with each other).
    public static func use(_ folder: URL) throws(NotesgenError) -> FolderLock {
        try prepare(folder)
        do {
            return try FolderLock.acquire(folder, .shared)
        } catch {
            throw .fileOperationFailed("lock the cache folder", error)
        }
    }

    /// What `remove` did.
    public enum Removal: Equatable, Sendable {
        /// There was no cache there.
        case nothingThere
        /// The cache is gone.
        case removed
        /// notesgen's entries are gone; the folder (and its tag) stays because it holds other files.
        case keptFolder(otherEntry: String)
    }

    /// Removes a tagged cache: the entries notesgen creates in it, then the folder if that
    /// leaves it empty. An empty untagged folder is removed too (it holds nothing to lose).
    /// - Throws: `NotesgenError` for a file, an untagged folder, or a cache a build is using.
    public static func remove(_ folder: URL) throws(NotesgenError) -> Removal {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return .nothingThere }
        guard isFolder.boolValue else { throw .cacheIsAFile(folder.path) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard isTagged(folder) || entries.isEmpty else { throw .notACache(folder.path) }
        let held: FolderLock?
        do {
            held = try FolderLock.acquireIfFree(folder, .exclusive)
        } catch {
            throw .fileOperationFailed("lock the cache folder", error)
        }
        guard let held else { throw .cacheInUse(folder.path) }
        defer { held.release() }
        // The tag goes last, so an interrupted clean leaves a cache that can still be cleaned; it
        // stays with files of the user's, which make the folder theirs as much as a cache.
        for name in entries.sorted().filter(isCacheEntry) where name != tagName {
            try removeItem(folder.appendingPathComponent(name))
        }
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0 != tagName }.sorted()
        if let other = others.first { return .keptFolder(otherEntry: other) }
        if entries.contains(tagName) { try removeItem(folder.appendingPathComponent(tagName)) }
        try removeItem(folder)
        return .removed
    }

    /// Whether `folder` holds a tag file that starts with the signature.
    static func isTagged(_ folder: URL) -> Bool {
        guard let data = try? RegularFile.read(folder.appendingPathComponent(tagName).path) else { return false }
        return String(decoding: data.prefix(200), as: UTF8.self).hasPrefix(signature + "\n")
    }

    /// Whether `name` is what an earlier notesgen (before the tag) created in a cache: its own
    /// top-level names, with `lib/` holding only library folders named by a hash.
    private static func isEarlierCacheEntry(_ name: String, in folder: URL) -> Bool {
        guard isCacheEntry(name) else { return false }
        guard name == "lib" else { return true }
        let libraries = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path))
        return libraries?.allSatisfy { $0.hasPrefix(".staging-") || $0.allSatisfy(\.isHexDigit) } ?? false
    }

    private static func removeItem(_ url: URL) throws(NotesgenError) {
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw .fileOperationFailed("remove the cache", FileProblem(error, path: url.path))
        }
    }
}
