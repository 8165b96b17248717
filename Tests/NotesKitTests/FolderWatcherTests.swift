import Foundation
import Testing

@testable import NotesKit

/// What `serve`'s watcher reports. It polls, so the tests wait for a report rather than for an
/// amount of time, and assert only what holds however the polls fall.
@Suite struct FolderWatcherTests {
    /// A file saved the way many editors save in place (truncated, then written in pieces) is
    /// reported, and the last report is the file as finally written: a build follows the end of
    /// the save, never only its middle.
    @Test func theLastReportIsTheFinishedSave() throws {
        let folder = try TemporaryFolder("watcher-save")
        defer { folder.remove() }
        let note = folder.url.appendingPathComponent("1_Note.md")
        try Data("# Note\n\nFirst text.\n".utf8).write(to: note)
        let watcher = FolderWatcher(roots: [folder.url], ignoring: [], interval: 0.02, settleInterval: 0.02)
        let reports = Reports()
        watcher.start { reports.add($0) }
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.1)  // the watcher's first snapshot holds the first text

        let handle = try FileHandle(forWritingTo: note)
        try handle.truncate(atOffset: 0)
        for piece in ["# Note\n\n", "Second text, ", "written in three pieces.\n"] {
            Thread.sleep(forTimeInterval: 0.01)
            try handle.write(contentsOf: Data(piece.utf8))
        }
        try handle.close()

        let final = watcher.snapshot()
        let path = final.keys.first { $0.hasSuffix("/1_Note.md") }
        #expect(path != nil)
        #expect(reports.waitFor { $0.last == final }, "reports: \(reports.all.map { $0.values.map(\.size) })")
    }

    /// Dot files (editors' swap files) and ignored folders (the cache) are not watched.
    @Test func dotFilesAndIgnoredFoldersAreNotWatched() throws {
        let folder = try TemporaryFolder("watcher-ignored")
        defer { folder.remove() }
        let cache = folder.url.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let watcher = FolderWatcher(roots: [folder.url], ignoring: [cache], interval: 0.02, settleInterval: 0.02)
        let reports = Reports()
        watcher.start { reports.add($0) }
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.1)

        try Data("swap".utf8).write(to: folder.url.appendingPathComponent(".1_Note.md.swp"))
        try Data("entry".utf8).write(to: cache.appendingPathComponent("entry"))
        try Data("# Note\n".utf8).write(to: folder.url.appendingPathComponent("1_Note.md"))

        #expect(reports.waitFor { $0.last?.keys.contains { $0.hasSuffix("/1_Note.md") } == true })
        let watched = reports.all.flatMap(\.keys)
        #expect(!watched.contains { $0.contains("/.1_Note.md.swp") || $0.hasPrefix(cache.path) }, "\(watched)")
    }
}

/// The snapshots a watcher reported, in order.
private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var snapshots: [FolderWatcher.Snapshot] = []

    var all: [FolderWatcher.Snapshot] { lock.withLock { snapshots } }

    func add(_ snapshot: FolderWatcher.Snapshot) {
        lock.withLock { snapshots.append(snapshot) }
    }

    /// Whether the reports satisfy `condition` within a generous minute (the machine is shared).
    func waitFor(_ condition: ([FolderWatcher.Snapshot]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if condition(all) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }
}
