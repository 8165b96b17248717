import Foundation

/// Notices changes below some folders by comparing every file's modification time, size and
/// inode every `interval`: polling is what works everywhere (editors that save by renaming,
/// network and container file systems), and a few dozen `lstat` calls cost nothing.
///
/// Dot files and dot folders are skipped (editors' swap files, `.notesgen-cache`), and so are
/// the `ignored` folders, so that a build never triggers itself.
final class FolderWatcher: @unchecked Sendable {
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
    private let onChange: @Sendable () -> Void

    /// - Parameters:
    ///   - roots: folders to watch, with everything below them.
    ///   - ignored: folders below the roots to skip.
    ///   - onChange: called on the watcher's thread after a poll that found a change.
    init(roots: [URL], ignoring ignored: [URL], interval: TimeInterval = 0.25, onChange: @escaping @Sendable () -> Void)
    {
        self.roots = roots.map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        self.ignored = Set(ignored.map { $0.standardizedFileURL.resolvingSymlinksInPath().path })
        self.interval = interval
        self.onChange = onChange
    }

    /// Polls on a thread of its own, for as long as the process runs.
    func start() {
        let thread = Thread { [self] in
            var last = snapshot()
            while true {
                Thread.sleep(forTimeInterval: interval)
                let now = snapshot()
                if now != last {
                    last = now
                    onChange()
                }
            }
        }
        thread.name = "notesgen serve: watcher"
        thread.start()
    }

    /// Every file below the roots, by path.
    func snapshot() -> [String: Stamp] {
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
