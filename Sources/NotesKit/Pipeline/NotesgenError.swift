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
        }
    }
}
