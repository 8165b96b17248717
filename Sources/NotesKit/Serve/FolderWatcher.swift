import Foundation

/// Notices changes below some folders by comparing every file's modification time, size and
/// inode every `interval`: polling is what works everywhere (editors that save by renaming,
/// network and container file systems), and a few dozen `lstat` calls cost nothing.
///
/// Dot files and dot folders are skipped (editors' swap files, `.notesgen-cache`), and so are
/// the `ignored` folders, so that a build never triggers itself.
///
/// A change is reported once the files have settled (two polls `settleInterval` apart agree):
/// an editor that saves in place truncates the file before writing it, and a build started in
/// between would show an empty page, or compile half a note.
final class FolderWatcher: @unchecked Sendable {
    /// Every watched file's stamp, by path.
    typealias Snapshot = [String: Stamp]

    /// What a change to a file alters.
    struct Stamp: Equatable {
        var modified: timespec
        var size: off_t
        var inode: ino_t

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec && a.size == b.size
                && a.inode == b.inode
        }
    }

    private let roots: [String]
    private let ignored: Set<String>
    private let interval: TimeInterval
    private let settleInterval: TimeInterval
    private let lock = NSLock()
    private var isStopped = false

    /// - Parameters:
    ///   - roots: folders to watch, with everything below them.
    ///   - ignored: folders below the roots to skip.
    init(roots: [URL], ignoring ignored: [URL], interval: TimeInterval = 0.25, settleInterval: TimeInterval = 0.05) {
        self.roots = roots.map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        self.ignored = Set(ignored.map { $0.standardizedFileURL.resolvingSymlinksInPath().path })
        self.interval = interval
        self.settleInterval = settleInterval
    }

    /// Polls on a thread of its own until `stop()`; calls `onChange` on that
    /// thread with the settled snapshot after each change.
    func start(onChange: @escaping @Sendable (Snapshot) -> Void) {
        let thread = Thread { [self] in
            var last = snapshot()
            while !lock.withLock({ isStopped }) {
                Thread.sleep(forTimeInterval: interval)
                let now = snapshot()
                if now != last {
                    last = settled(from: now)
                    onChange(last)
                }
            }
        }
        thread.name = "notesgen serve: watcher"
        thread.start()
    }

    /// Ends the polling after the current poll (`serve` never stops; tests do).
    func stop() {
        lock.withLock { isStopped = true }
    }

    /// The first of consecutive snapshots that agree, starting from `changed`; after 40 polls
    /// (a file written without pause for 2 s) the latest, so that a build still follows.
    private func settled(from changed: Snapshot) -> Snapshot {
        var latest = changed
        for _ in 0..<40 {
            Thread.sleep(forTimeInterval: settleInterval)
            let next = snapshot()
            if next == latest { break }
            latest = next
        }
        return latest
    }

    /// Every file below the roots, by path.
    func snapshot() -> Snapshot {
        var stamps: [String: Stamp] = [:]
        for root in roots { add(root, to: &stamps) }
        return stamps
    }

    private func add(_ path: String, to stamps: inout [String: Stamp]) {
        guard !ignored.contains(path) else { return }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names where !name.hasPrefix(".") { add(path + "/" + name, to: &stamps) }
        } else {
            #if canImport(Darwin)
                let modified = info.st_mtimespec
            #else
                let modified = info.st_mtim
            #endif
            stamps[path] = Stamp(modified: modified, size: info.st_size, inode: info.st_ino)
        }
    }
}
