import Foundation

/// An `flock(2)` lock on a folder, held until `release()` (or until the lock is deallocated).
///
/// The folder itself is locked, not a lock file beside it, so no lock file is ever left lying
/// around in a user's project. The descriptor is close-on-exec: a note's program or the compiler
/// never inherits (and so never outlives the build holding) the lock.
public final class FolderLock: @unchecked Sendable {
    public enum Mode: Sendable {
        /// Several holders at once (builds sharing a cache).
        case shared
        /// One holder at a time (a site being swapped, a cache being removed).
        case exclusive
    }

    private let lock = NSLock()
    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Locks `folder`, waiting for other holders to let go.
    public static func acquire(_ folder: URL, _ mode: Mode) throws(FileProblem) -> FolderLock {
        guard let held = try lock(folder, mode, waiting: true) else {
            throw FileProblem(path: folder.path, reason: "cannot be locked")
        }
        return held
    }

    /// Locks `folder` if no one else holds it; nil when someone does.
    public static func acquireIfFree(_ folder: URL, _ mode: Mode) throws(FileProblem) -> FolderLock? {
        try lock(folder, mode, waiting: false)
    }

    private static func lock(_ folder: URL, _ mode: Mode, waiting: Bool) throws(FileProblem) -> FolderLock? {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileProblem(errno: errno, path: folder.path) }
        let operation = (mode == .shared ? LOCK_SH : LOCK_EX) | (waiting ? 0 : LOCK_NB)
        while flock(descriptor, operation) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw FileProblem(errno: code, path: folder.path)
        }
        return FolderLock(descriptor: descriptor)
    }

    /// Lets go of the lock; later calls do nothing.
    public func release() {
        lock.withLock {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }

    deinit {
        release()
    }
}
