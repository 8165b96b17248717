import Foundation

/// Rendered files by the hash of everything they are made from (`BuildPipeline.pageKey`), with
/// their digests, in `<cache>/pages/`: a rebuild renders only the pages whose inputs changed,
/// and the site it writes is byte for byte the one a full build writes.
struct PageCache: Sendable {
    /// The cache entry's name.
    static let entryName = "pages"

    let folder: URL

    init(cacheFolder: URL) {
        folder = cacheFolder.appendingPathComponent(Self.entryName)
    }

    /// The bytes and digest stored under `key`, if both are there and agree in length.
    func page(forKey key: String) -> (data: Data, digest: String)? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(key)),
            let digest = try? String(contentsOf: folder.appendingPathComponent(key + ".sha256"), encoding: .utf8),
            digest.count == 64
        else { return nil }
        return (data, digest)
    }

    /// Stores a rendered file; returns its digest. A cache that cannot be written only costs time.
    @discardableResult
    func store(_ data: Data, forKey key: String) -> String {
        let digest = SiteManifest.digest(data)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The digest last: a page without its digest is not used.
        try? FileStore.writeAtomically(data, to: folder.appendingPathComponent(key))
        try? FileStore.writeAtomically(Data(digest.utf8), to: folder.appendingPathComponent(key + ".sha256"))
        return digest
    }
}
