import Foundation

/// Why the machine failed notesgen, in one line for the user: notesgen's own errors as they
/// describe themselves, Foundation's file errors as the path and the system's reason (never
/// `Error Domain=NSCocoaErrorDomain Code=…`).
enum FailureReason {
    static func of(_ error: Error) -> String {
        switch error {
        case let error as ChildProcess.Failure: return error.description
        case let error as ExecutionFailure: return error.description
        case let error as NotesgenError: return error.description
        default: break
        }
        let error = error as NSError
        let path = error.userInfo[NSFilePathErrorKey] as? String ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        let reason = (error.userInfo[NSUnderlyingErrorKey] as? NSError).map {
            String(cString: strerror(Int32($0.code)))
        }
        return [path.map { "'\($0)'" }, reason ?? error.localizedDescription].compactMap { $0 }.joined(separator: ": ")
    }
}
