/// Errors that stop a command before or outside the notes' own diagnostics: the user's input
/// (folders, options) or the machine (toolchain, file system).
public enum NotesgenError: Error, CustomStringConvertible, Equatable {
    case notesFolderUnreadable(String, reason: String)
    case duplicateSlug(String, first: String, second: String)
    case noteUnreadable(String, reason: String)
    case compilerNotFound
    case libraryNotFound(searched: [String])
    case libraryBuildFailed(output: String)
    case siteWriteFailed(String, reason: String)
    case outputInsideNotes(String)
    case outputHoldsNotes(String)
    case outputNotASite(String)
    case reservedNoteName(String)
    case emptyLibraryModule(String)
    case notACache(String)

    public var description: String {
        switch self {
        case .notesFolderUnreadable(let folder, let reason):
            return "error: cannot read the notes folder '\(folder)': \(reason)"
        case .duplicateSlug(let slug, let first, let second):
            return "error: \(first) and \(second) would both be written to \(slug).html; rename one"
        case .noteUnreadable(let path, let reason):
            return "\(path): error: cannot read the note: \(reason)"
        case .compilerNotFound:
            return "error: swiftc not found on PATH (set SWIFTC to the compiler's path)"
        case .libraryNotFound(let searched):
            return
                "error: the Attention library's sources were not found (looked in \(searched.joined(separator: ", "))); run notesgen from the project's root or pass --package"
        case .libraryBuildFailed(let output):
            return "error: building the Attention library for the notes failed [library.compile]\n\(output)"
        case .siteWriteFailed(let path, let reason):
            return "error: cannot write the site to '\(path)': \(reason); the previous site is unchanged"
        case .outputInsideNotes(let path):
            return "error: the output folder '\(path)' is inside the notes folder"
        case .outputHoldsNotes(let path):
            return
                "error: the output folder '\(path)' holds the notes; the site replaces its folder whole, so give it one of its own (e.g. --output Site)"
        case .outputNotASite(let path):
            return
                "error: '\(path)' is not empty and is not a site notesgen wrote (it has no index.html); the site replaces its folder whole, so name a new or empty folder"
        case .reservedNoteName(let path):
            return
                "\(path): error: a note may not be named index.md: index.html is the site's table of contents; rename the note"
        case .emptyLibraryModule(let folder):
            return "error: no Swift files in '\(folder)'; the notes need the Attention library's sources there"
        case .notACache(let path):
            return
                "error: '\(path)' does not look like a notesgen cache (no lib/, results/ or work/ in it); nothing was removed"
        }
    }
}
