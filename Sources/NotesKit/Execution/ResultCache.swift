import Foundation
import NoteModel
import NoteResults

/// Runs of notes, stored by `NoteExecutor.cacheKey(for:)` in `<cache>/results/`.
public struct ResultCache: Sendable {
    public var folder: URL

    public init(cacheFolder: URL) {
        folder = cacheFolder.appendingPathComponent("results")
    }

    /// The stored run of `note`, if there is one that fits it; an entry that cannot be read or
    /// does not fit (edited by hand, written by a broken build) is a miss, never a crash.
    public func run(forKey key: String, of note: Note) -> NoteRun? {
        guard let data = try? Data(contentsOf: file(key)),
            let run = try? JSONCoding.decoder().decode(NoteRun.self, from: data), run.fits(note)
        else { return nil }
        return run
    }

    public func store(_ run: NoteRun, forKey key: String) {
        guard let data = try? JSONCoding.encoder().encode(run) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A cache that cannot be written only costs time next build.
        try? FileStore.writeAtomically(data, to: file(key))
    }

    private func file(_ key: String) -> URL {
        folder.appendingPathComponent("\(key).json")
    }
}
