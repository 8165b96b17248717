import Foundation

/// What `/proc/<pid>/stat` says of a process: `pid (name) state ppid pgrp session …`. The name
/// may hold spaces and parentheses, so the fields are read after its last `)`. Linux only.
struct ProcessStatus {
    var state: Character
    var parent: pid_t
    var session: pid_t

    /// Ended, waiting for its parent to reap it.
    var isZombie: Bool { state == "Z" }

    /// Nil when the process is gone (or there is no /proc).
    init?(of pid: pid_t) {
        // Read to the end: /proc files report a size of 0.
        guard let data = FileHandle(forReadingAtPath: "/proc/\(pid)/stat")?.readDataToEndOfFile(),
            case let stat = String(decoding: data, as: UTF8.self), let nameEnd = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        guard fields.count > 3, let state = fields[0].first, let parent = pid_t(fields[1]),
            let session = pid_t(fields[3])
        else { return nil }
        (self.state, self.parent, self.session) = (state, parent, session)
    }

    /// Every process's id, from the folders of /proc.
    static var allProcessIDs: [pid_t] {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { pid_t($0) } ?? []
    }
}
