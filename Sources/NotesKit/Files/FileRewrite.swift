import Foundation

/// Rewrites a file that notesgen read earlier (a note, for `test --fix`), only if it still holds
/// the bytes that were read, and so that it stays the user's file: through a symbolic link to
/// the real file, keeping its permissions, its owner and its hard links.
public enum FileRewrite {
    public enum Failure: Error, Equatable {
        /// The file no longer holds what was read: someone saved it meanwhile. It is untouched.
        case changedSinceRead
        /// The file system refused; the file is untouched.
        case problem(FileProblem)
    }

    /// Replaces the bytes of the file at `url` (following symbolic links) with `new`, if it still
    /// holds `original`.
    ///
    /// A file with one link is replaced atomically: a temporary file in the real file's folder,
    /// with the file's mode and owner, renamed over it. A file with several hard links is written
    /// in place (after reserving the space, so a full disk leaves it untouched), since a rename
    /// would split it from its other names.
    public static func replace(_ url: URL, expecting original: Data, with new: Data) throws(Failure) {
        guard let resolved = realpath(url.path, nil) else { throw .problem(FileProblem(errno: errno, path: url.path)) }
        let real = String(cString: resolved)
        free(resolved)
        try checkUnchanged(real, expecting: original, shownAs: url.path)
        var status = stat()
        guard stat(real, &status) == 0 else { throw .problem(FileProblem(errno: errno, path: url.path)) }
        if status.st_nlink > 1 {
            try writeInPlace(new, to: real, shownAs: url.path)
        } else {
            try writeAndRename(new, to: real, status: status, expecting: original, shownAs: url.path)
        }
    }

    private static func checkUnchanged(_ path: String, expecting original: Data, shownAs shown: String) throws(Failure)
    {
        let current: Data
        do {
            current = try RegularFile.read(path)
        } catch {
            throw .problem(FileProblem(path: shown, reason: error.reason, advice: error.advice))
        }
        guard current == original else { throw .changedSinceRead }
    }

    private static func writeAndRename(
        _ data: Data, to real: String, status: stat, expecting original: Data, shownAs shown: String
    ) throws(Failure) {
        let folder = (real as NSString).deletingLastPathComponent
        let name = (real as NSString).lastPathComponent
        let temporary = "\(folder)/.\(name).\(getpid()).\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .problem(FileProblem(errno: errno, path: shown)) }
        var failure: FileProblem?
        if let code = writeAll(data, to: descriptor) {
            failure = FileProblem(errno: code, path: shown)
        } else if fchmod(descriptor, status.st_mode & 0o7777) != 0 || fsync(descriptor) != 0 {
            failure = FileProblem(errno: errno, path: shown)
        }
        // Keeping the owner works for root only; anyone else already owns what they create.
        _ = fchown(descriptor, status.st_uid, status.st_gid)
        close(descriptor)
        do throws(Failure) {
            if let failure { throw .problem(failure) }
            // Once more, just before the rename: the window for a lost edit is as small as it gets.
            try checkUnchanged(real, expecting: original, shownAs: shown)
            guard rename(temporary, real) == 0 else { throw .problem(FileProblem(errno: errno, path: shown)) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func writeInPlace(_ data: Data, to real: String, shownAs shown: String) throws(Failure) {
        let descriptor = open(real, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .problem(FileProblem(errno: errno, path: shown)) }
        defer { close(descriptor) }
        // Reserve the space first: once it is there, the writes below cannot run out of it.
        let reserved = posix_fallocate(descriptor, 0, off_t(data.count))
        if reserved != 0 && reserved != EOPNOTSUPP && reserved != EINVAL {
            throw .problem(FileProblem(errno: reserved, path: shown))
        }
        if let code = writeAll(data, to: descriptor) { throw .problem(FileProblem(errno: code, path: shown)) }
        guard ftruncate(descriptor, off_t(data.count)) == 0, fsync(descriptor) == 0 else {
            throw .problem(FileProblem(errno: errno, path: shown))
        }
    }

    /// Writes all of `data` from the start of the file; the `errno` of a failure, else nil.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = pwrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }
}
