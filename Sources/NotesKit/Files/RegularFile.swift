import Foundation

/// Reading and describing files notesgen did not write (notes, an old site's files) without
/// surprises: only regular files are read, and a FIFO is never opened in a way that blocks.
public enum RegularFile {
    /// What `stat` says a path is, in words a message can use ("a FIFO (named pipe)").
    public static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// The bytes of the regular file at `path` (a symbolic link is followed).
    ///
    /// The file's type is checked before it is opened, so a FIFO, a socket or a device is
    /// reported instead of hanging the build (or stealing a writer's data); it is opened
    /// non-blocking and checked again with `fstat`, in case it was replaced in between.
    /// - Throws: a `FileProblem` naming `path` in plain words.
    public static func read(_ path: String) throws(FileProblem) -> Data {
        var status = stat()
        if stat(path, &status) == 0 { try requireRegular(status, path) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT, let target = danglingLinkTarget(path) {
                throw FileProblem(
                    path: path, reason: "it is a symbolic link to '\(target)', which does not exist",
                    advice: "fix or remove the link")
            }
            throw FileProblem(errno: code, path: path)
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else { throw FileProblem(errno: errno, path: path) }
        try requireRegular(status, path)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileProblem(errno: errno, path: path)
            }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    private static func requireRegular(_ status: stat, _ path: String) throws(FileProblem) {
        guard status.st_mode & S_IFMT != S_IFREG else { return }
        throw FileProblem(
            path: path, reason: "it is \(kind(of: status.st_mode)), not a regular file",
            advice: "only regular files are read")
    }

    /// The target of the symbolic link at `path` when that target does not exist.
    public static func danglingLinkTarget(_ path: String) -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return nil }
        return FileManager.default.fileExists(atPath: path) ? nil : target
    }
}
