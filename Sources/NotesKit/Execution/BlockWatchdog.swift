import Foundation
import NoteModel
import NoteResults

/// Kills a note's program when the running block has a `timeout=` and has run past it.
final class BlockWatchdog: @unchecked Sendable {
    private let resultsFile: URL
    private let limits: [Int: Double]
    private var readBytes = 0
    private var current: (block: Int, since: Date)?

    init(resultsFile: URL, blocks: [SwiftAttnBlock]) {
        self.resultsFile = resultsFile
        self.limits = Dictionary(
            uniqueKeysWithValues: blocks.compactMap { block in
                block.options.timeout.map { (block.index, $0) }
            })
    }

    func blockOverran() -> Bool {
        guard !limits.isEmpty else { return false }
        if let size = (try? FileManager.default.attributesOfItem(atPath: resultsFile.path))?[.size] as? Int,
            size != readBytes, let data = try? Data(contentsOf: resultsFile)
        {
            readBytes = size
            if let begin = (try? ResultEvent.decodeLines(data))?.last(where: { $0.kind == .begin }),
                begin.block != current?.block
            {
                current = (begin.block, Date())
            }
        }
        guard let current, let limit = limits[current.block] else { return false }
        return Date().timeIntervalSince(current.since) > limit
    }
}
