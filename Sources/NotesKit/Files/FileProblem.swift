import Foundation

/// What went wrong with a file, in plain words, and what to do about it.
///
/// The one place that turns an `errno` value or a Foundation error into the phrases every
/// message uses ("no space left on the device; free some space and run again"), so that no
/// `Error Domain=NSCocoaErrorDomain Code=640` and no "…: Success" ever reaches a user.
public struct FileProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or folder concerned, when known.
    public var path: String?
    /// What happened, without the path: "no space left on the device".
    public var reason: String
    /// What the user can do, when there is something to say: "free some space and run again".
    public var advice: String?

    public init(path: String?, reason: String, advice: String? = nil) {
        self.path = path
        self.reason = reason
        self.advice = advice
    }

    /// The problem an `errno` value stands for. Read `errno` right after the call that failed:
    /// any clean-up in between may change it.
    public init(errno code: Int32, path: String?) {
        let (reason, advice) = Self.words(forErrno: code)
        self.init(path: path, reason: reason, advice: advice)
    }

    /// The problem behind any error a file operation throws: a `POSIXError`, a Foundation
    /// `CocoaError` (whose underlying POSIX error is used when it has one), or a `FileProblem`.
    public init(_ error: any Error, path: String? = nil) {
        if let problem = error as? FileProblem {
            self = problem
            if self.path == nil { self.path = path }
            return
        }
        if let posix = error as? POSIXError {
            self.init(errno: posix.code.rawValue, path: path)
            return
        }
        let error = error as NSError
        let path = path ?? (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo["NSURL"] as? URL)?.path
        // Foundation on Linux keeps the underlying error as a Swift error, not always an NSError.
        let underlying = (error.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
        if let underlying, underlying.domain == NSPOSIXErrorDomain {
            self.init(errno: Int32(underlying.code), path: path)
        } else if error.domain == NSPOSIXErrorDomain {
            self.init(errno: Int32(error.code), path: path)
        } else if error.domain == NSCocoaErrorDomain, let code = Self.errno(forCocoaCode: error.code) {
            self.init(errno: code, path: path)
        } else if error.domain == NSCocoaErrorDomain,
            [CocoaError.fileReadInapplicableStringEncoding.rawValue, CocoaError.fileReadUnknownStringEncoding.rawValue]
                .contains(error.code)
        {
            self.init(path: path, reason: "it is not valid UTF-8 text", advice: "save it as UTF-8")
        } else {
            // Not a file-system error notesgen knows: say which kind, never Foundation's dump.
            self.init(path: path, reason: "the operation failed (\(error.domain) error \(error.code))")
        }
    }

    /// `'Site': no space left on the device; free some space and run again`.
    public var description: String {
        var text = path.map { "'\($0)': \(reason)" } ?? reason
        if let advice { text += "; \(advice)" }
        return text
    }

    /// The reason and the advice together, for messages that name the path themselves.
    public var explanation: String {
        advice.map { "\(reason); \($0)" } ?? reason
    }

    /// Plain words for the `errno` values a user can cause, with what to do about each.
    static func words(forErrno code: Int32) -> (reason: String, advice: String?) {
        switch code {
        case ENOSPC: return ("no space left on the device", "free some space and run again")
        case EDQUOT: return ("the disk quota is used up", "free some space and run again")
        case EACCES, EPERM: return ("permission denied", "check the permissions of the file and its folders")
        case ENOENT: return ("no such file or folder", "check the path")
        case ENOTDIR: return ("a part of the path is a file, not a folder", "check the path")
        case EISDIR: return ("it is a folder, not a file", "check the path")
        case EEXIST: return ("it already exists", "remove it or choose another name")
        case ENOTEMPTY: return ("the folder is not empty", "check what it holds")
        case EROFS: return ("the file system is read-only", "choose a folder you can write to")
        case ELOOP: return ("too many levels of symbolic links", "check the links along the path")
        case ENAMETOOLONG: return ("the name is too long", "choose a shorter path")
        case EIO: return ("input/output error (the device may be failing)", "check the disk")
        case EBUSY, ETXTBSY: return ("it is in use", "close what uses it and run again")
        case EMFILE, ENFILE: return ("too many open files", "raise the limit (ulimit -n) or use fewer --jobs")
        case EXDEV: return ("it is on another device", "keep the folders on one file system")
        case ENXIO: return ("it is a device or pipe that cannot be opened", "use a regular file")
        default: return (String(cString: strerror(code)).lowercased(), nil)
        }
    }

    /// The `errno` a Foundation error code stands for, when it has no underlying POSIX error.
    private static func errno(forCocoaCode code: Int) -> Int32? {
        switch CocoaError.Code(rawValue: code) {
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteFileExists: return EEXIST
        default: return nil
        }
    }
}
