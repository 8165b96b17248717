import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file's size and modification time to the nanosecond, `"<size> <nanoseconds>"`: what tells,
/// without reading it, that a file is as it was when last looked at (an edit, a truncation or a
/// replacement changes it).
enum FileStamp {
    /// The stamp of the file at `path` (symbolic links followed); nil when there is none.
    static func of(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return "\(info.st_size) \(modified)"
    }

    /// The stamp of the running notesgen executable: pages rendered by another build of notesgen
    /// are not reused.
    static let executable: String = of("/proc/self/exe") ?? "unknown"
}
