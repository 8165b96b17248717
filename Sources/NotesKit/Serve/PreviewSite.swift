import Foundation
import NoteModel

/// An error of the latest build as the page overlay shows it: where, what, and its id.
struct PreviewProblem: Sendable, Hashable {
    /// `Notes/3_x.md:57:14`; nil for a problem with the whole build (the library failed to compile).
    var location: String?
    var summary: String
    /// `block.compile`; nil for a problem with the whole build.
    var id: String?
    /// Further lines: a compiler's notes, captured output.
    var details: String?

    init(_ diagnostic: Diagnostic) {
        location = ([diagnostic.file] + [diagnostic.line, diagnostic.column].compactMap { $0.map(String.init) })
            .joined(separator: ":")
        summary = diagnostic.summary
        id = diagnostic.id.rawValue
        details = diagnostic.details
    }

    /// A build that stopped before any page was rendered (no toolchain, the library failed to
    /// compile, two notes with one slug): its message, as the terminal prints it.
    init(buildFailure message: String) {
        summary = message
    }
}

/// What `serve` shows: the files of the last *complete* build, the errors of the latest one,
/// and a generation number that changes whenever either changes, which open pages compare with
/// theirs to know when to reload.
///
/// A build replaces the files in one step under the lock, so a request sees the old site or
/// the new one, never a mix.
final class PreviewSite: @unchecked Sendable {
    struct Snapshot: Sendable {
        /// Paths relative to the site's root and their bytes; nil until the first build completes.
        var files: [String: Data]?
        var problems: [PreviewProblem]
        var generation: Int
    }

    private let lock = NSLock()
    private var current = Snapshot(files: nil, problems: [], generation: 0)

    var snapshot: Snapshot {
        lock.withLock { current }
    }

    /// Publishes a build.
    ///
    /// - Parameters:
    ///   - files: the new site, or nil when the build stopped early (the previous site stays).
    ///   - problems: the build's errors.
    /// - Returns: the new generation when pages must reload, nil when nothing they show changed
    ///   (a file saved without changes).
    func publish(files: [String: Data]?, problems: [PreviewProblem]) -> Int? {
        lock.withLock {
            let newFiles = files ?? current.files
            guard newFiles != current.files || problems != current.problems else { return nil }
            current = Snapshot(files: newFiles, problems: problems, generation: current.generation + 1)
            return current.generation
        }
    }
}
