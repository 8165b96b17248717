import Foundation

/// Decides whether the output folder may be replaced by a new site, and what in it to keep.
///
/// notesgen replaces only files it can prove it wrote: those its manifest lists, unchanged.
/// Anything else in the folder (a `CNAME`, images for GitHub Pages) is carried over into the
/// new site, unless the new site puts a file of its own at that path; then nothing is written.
enum OutputFolder {
    /// The paths (relative to `output`) of the files and folders a new site must carry over.
    ///
    /// - Parameter newPaths: the new site's files, or nil to skip the check that no kept file is
    ///   in their way (when the site is not rendered yet).
    /// - Throws: `NotesgenError` when `output` is a file, holds files but no manifest, holds a
    ///   file notesgen wrote that was changed since, or a kept file in the new site's way.
    /// - Parameter stamps: files the last build wrote, which need not be read again while their
    ///   stamps show them unchanged.
    static func entriesToKeep(
        in output: URL, newPaths: Set<String>?, stamps: SiteStamps = SiteStamps()
    ) throws(NotesgenError) -> [String] {
        var status = stat()
        guard lstat(output.path, &status) == 0 else {
            let code = errno
            if code == ENOENT { return [] }
            throw .fileOperationFailed("read the output folder", FileProblem(errno: code, path: output.path))
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .outputIsAFile(output.path) }
        let entries = try contents(of: output)
        if entries.isEmpty { return [] }
        let manifestPath = output.appendingPathComponent(SiteManifest.fileName).path
        guard let data = try? RegularFile.read(manifestPath), let manifest = SiteManifest.parse(data) else {
            throw .outputHasNoManifest(output.path, example: entries.first { $0 != SiteManifest.fileName } ?? "")
        }
        var kept: [String] = []
        try inspect(output, "", manifest: manifest, newPaths: newPaths, stamps: stamps, keeping: &kept)
        return kept
    }

    /// Checks the entries of the folder `relative` (inside `output`), adding the ones to keep.
    private static func inspect(
        _ output: URL, _ relative: String, manifest: SiteManifest, newPaths: Set<String>?, stamps: SiteStamps,
        keeping kept: inout [String]
    ) throws(NotesgenError) {
        let folder = relative.isEmpty ? output : output.appendingPathComponent(relative)
        for name in try contents(of: folder) {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            if path == SiteManifest.fileName { continue }
            var status = stat()
            let url = output.appendingPathComponent(path)
            guard lstat(url.path, &status) == 0 else {
                throw .fileOperationFailed("read the output folder", FileProblem(errno: errno, path: url.path))
            }
            let type = status.st_mode & S_IFMT
            if type == S_IFDIR && manifest.listsFiles(under: path) {
                try inspect(output, path, manifest: manifest, newPaths: newPaths, stamps: stamps, keeping: &kept)
            } else if type == S_IFREG, let digest = manifest.digests[path] {
                if stamps.vouches(for: path, in: output, digest: digest) { continue }
                let data: Data
                do {
                    data = try RegularFile.read(url.path)
                } catch {
                    throw .fileOperationFailed("read the output folder", error)
                }
                guard SiteManifest.digest(data) == digest else { throw .outputFileChanged(output.path, file: path) }
            } else {
                if let newPaths, newPaths.contains(path) || newPaths.contains(where: { $0.hasPrefix(path + "/") }) {
                    throw .outputFileInTheWay(output.path, file: path)
                }
                kept.append(path)
            }
        }
    }

    private static func contents(of folder: URL) throws(NotesgenError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw .fileOperationFailed("read the output folder", FileProblem(error, path: folder.path))
        }
    }
}
