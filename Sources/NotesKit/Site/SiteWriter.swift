import Foundation

/// Writes a complete site, or nothing: files go into a temporary folder beside the output
/// folder, which then replaces the old site in two renames. An interrupted build leaves the
/// previous site in place (and the next build tidies up what it left).
///
/// Only files notesgen can prove it wrote are replaced (`OutputFolder`): the new site carries
/// its manifest, and everything else found in the old folder is carried over. Writers take an
/// exclusive lock on the folder holding the output, so two builds into one output take turns
/// instead of deleting each other's half-built site.
public enum SiteWriter {
    /// - Parameters:
    ///   - files: paths relative to the site's root (`index.html`, `assets/style.css`) and their
    ///     bytes; `SiteWriter` adds the manifest.
    ///   - digests: the SHA-256 of files already known (from `PageCache`), not computed again.
    ///   - stampsFile: where the stamps of what the output holds are kept (`SiteStamps`), so the
    ///     next check of the output reads only the files changed since; nil to keep none.
    public static func write(
        _ files: [String: Data], digests: [String: String] = [:], to output: URL, stampsFile: URL? = nil
    ) throws(NotesgenError) {
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .siteWriteFailed(output.path, reason: FileProblem(error, path: parent.path).explanation)
        }
        let lock: FolderLock
        do {
            lock = try FolderLock.acquire(parent, .exclusive)
        } catch {
            throw .siteWriteFailed(output.path, reason: error.explanation)
        }
        defer { lock.release() }
        // Under the lock no other build is writing here, so every staging folder is a leftover.
        recover(output)
        let stamps = stampsFile.map(SiteStamps.read) ?? SiteStamps()
        let kept = try OutputFolder.entriesToKeep(in: output, newPaths: Set(files.keys), stamps: stamps)
        var site = files
        let manifest = SiteManifest(files: files, known: digests)
        site[SiteManifest.fileName] = manifest.contents

        // The manifest lists every file with its digest, and every listed file that is there was
        // just checked to be as written: the same manifest, with no listed file missing, means
        // the same site, so nothing needs writing.
        let current = try? Data(contentsOf: output.appendingPathComponent(SiteManifest.fileName))
        if let current, current == site[SiteManifest.fileName],
            files.keys.allSatisfy({ FileManager.default.fileExists(atPath: output.appendingPathComponent($0).path) })
        {
            if let stampsFile { SiteStamps.record(manifest, of: output, to: stampsFile) }
            return
        }

        let staging = parent.appendingPathComponent(".\(name).building-\(UUID().uuidString)")
        do {
            // A file the old site already holds with the same digest (checked above, against the
            // old manifest) is linked into the new site rather than written again.
            let old = current.flatMap(SiteManifest.parse)?.digests ?? [:]
            for (path, data) in site.sorted(by: { $0.key < $1.key }) {
                let url = staging.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                if let digest = manifest.digests[path], old[path] == digest,
                    link(output.appendingPathComponent(path).path, url.path) == 0
                {
                    continue
                }
                try data.write(to: url)
            }
            for path in kept {
                let url = staging.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: output.appendingPathComponent(path), to: url)
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw .siteWriteFailed(output.path, reason: FileProblem(error).explanation)
        }
        try swap(staging, into: output)
        if let stampsFile { SiteStamps.record(manifest, of: output, to: stampsFile) }
    }

    /// Renames the finished site `staging` to `output`, moving the old site aside first and
    /// removing it last; on failure the old site is put back.
    private static func swap(_ staging: URL, into output: URL) throws(NotesgenError) {
        let retired = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).old-\(UUID().uuidString)")
        let hadSite = FileManager.default.fileExists(atPath: output.path)
        if hadSite, rename(output.path, retired.path) != 0 {
            // errno first: the clean-up below may change it.
            let problem = FileProblem(errno: errno, path: output.path)
            try? FileManager.default.removeItem(at: staging)
            throw .siteWriteFailed(output.path, reason: problem.explanation)
        }
        if rename(staging.path, output.path) != 0 {
            let problem = FileProblem(errno: errno, path: output.path)
            if hadSite { _ = rename(retired.path, output.path) }
            try? FileManager.default.removeItem(at: staging)
            throw .siteWriteFailed(output.path, reason: problem.explanation)
        }
        try? FileManager.default.removeItem(at: retired)
    }

    /// Puts back a site that an interrupted swap moved aside, and removes half-built ones.
    /// Call it only while holding the lock `write` takes.
    static func recover(_ output: URL) {
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
