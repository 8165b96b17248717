import Foundation

/// Runs of notes, stored by `NoteExecutor.cacheKey(for:)` in `<cache>/results/`.
public struct ResultCache: Sendable {
    public var folder: URL

    public init(cacheFolder: URL) {
        folder = cacheFolder.appendingPathComponent("results")
    }

    public func run(forKey key: String) -> NoteRun? {
        guard let data = try? Data(contentsOf: file(key)) else { return nil }
        return try? JSONDecoder.results.decode(NoteRun.self, from: data)
    }

    public func store(_ run: NoteRun, forKey key: String) {
        guard let data = try? JSONEncoder.results.encode(run) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A cache that cannot be written only costs time next build.
        try? FileStore.writeAtomically(data, to: file(key))
    }

    private func file(_ key: String) -> URL {
        folder.appendingPathComponent("\(key).json")
    }
}

extension JSONEncoder {
    /// Sorted keys, NaN and infinities as strings: for the cache.
    static var results: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

extension JSONDecoder {
    static var results: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
