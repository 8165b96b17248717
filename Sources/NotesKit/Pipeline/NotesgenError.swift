/// Errors that stop a command before or outside the notes' own diagnostics: the user's input
/// (folders, options) or the machine (toolchain, file system).
public enum NotesgenError: Error, CustomStringConvertible, Equatable {
    case notesFolderUnreadable(String, reason: String)
    case duplicateSlug(String, first: String, second: String)
    case compilerNotFound
    /// `SWIFTC` names something that is not an executable file.
    case compilerNotExecutable(String)
    case libraryNotFound(searched: [String])
    /// `--package` names a folder without `Sources/Attention`.
    case packageWithoutLibrary(String)
    case libraryBuildFailed(output: String)
    case siteWriteFailed(String, reason: String)
    case outputInsideNotes(String)
    /// `--cache` and `--output` are one folder, or one holds the other.
    case cacheAndOutputOverlap(cache: String, output: String)
    case outputHoldsNotes(String)
    /// `--output` names an existing file (not a folder).
    case outputIsAFile(String)
    /// The output folder holds files but no manifest, so notesgen cannot tell its files from others.
    case outputHasNoManifest(String, example: String)
    /// A file notesgen wrote into the output folder was changed since (its path in the site).
    case outputFileChanged(String, file: String)
    /// A file notesgen did not write is where the new site puts one of its own.
    case outputFileInTheWay(String, file: String)
    case reservedNoteName(String)
    case emptyLibraryModule(String)
    case notACache(String)
    case cacheIsAFile(String)
    case cacheHoldsOtherFiles(String, example: String)
    case cacheInUse(String)
    /// A file operation failed: what notesgen was doing ("create the cache folder") and why.
    case fileOperationFailed(String, FileProblem)

    public var description: String {
        switch self {
        case .notesFolderUnreadable(let folder, let reason):
            return "error: cannot read the notes folder '\(folder)': \(reason)"
        case .duplicateSlug(let slug, let first, let second):
            return "error: \(first) and \(second) would both be written to \(slug).html; rename one"
        case .compilerNotFound:
            return "error: swiftc not found on PATH (set SWIFTC to the compiler's path)"
        case .compilerNotExecutable(let path):
            return
                "error: SWIFTC is '\(path)', which is not an executable file; set SWIFTC to swiftc's path, or unset it"
        case .libraryNotFound(let searched):
            return
                "error: the Attention library's sources were not found (looked in \(searched.joined(separator: ", "))); run notesgen from the project's root or pass --package"
        case .packageWithoutLibrary(let path):
            return
                "error: --package '\(path)' has no Sources/Attention folder; pass the folder of the notesgen package (the one holding Sources/Attention)"
        case .libraryBuildFailed(let output):
            return "error: building the Attention library for the notes failed [library.compile]\n\(output)"
        case .siteWriteFailed(let path, let reason):
            return "error: cannot write the site to '\(path)': \(reason); the previous site is unchanged"
        case .cacheAndOutputOverlap(let cache, let output):
            return
                "error: the cache '\(cache)' and the output folder '\(output)' overlap; give each a folder of its own (e.g. --cache .notesgen-cache --output Site)"
        case .outputInsideNotes(let path):
            return
                "error: the output folder '\(path)' is inside the notes folder; give the site a folder of its own (e.g. --output Site)"
        case .outputHoldsNotes(let path):
            return
                "error: the output folder '\(path)' holds the notes; the site replaces its folder whole, so give it one of its own (e.g. --output Site)"
        case .outputIsAFile(let path):
            return
                "error: the output '\(path)' is a file, not a folder; nothing was written: name a folder with --output"
        case .outputHasNoManifest(let path, let example):
            return
                "error: '\(path)' holds files but no \(SiteManifest.fileName), so notesgen cannot tell its own files from others (such as '\(example)'); nothing was written: name a new or empty folder, or move the files away"
        case .outputFileChanged(let path, let file):
            return
                "error: '\(path)/\(file)' was changed since notesgen wrote it; nothing was written: move your version elsewhere (or delete it) and build again"
        case .outputFileInTheWay(let path, let file):
            return
                "error: '\(path)/\(file)' was not written by notesgen, and the new site has a file there; nothing was written: move it away and build again"
        case .reservedNoteName(let path):
            return
                "\(path): error: a note may not be named index.md: index.html is the site's table of contents; rename the note"
        case .emptyLibraryModule(let folder):
            return "error: no Swift files in '\(folder)'; the notes need the Attention library's sources there"
        case .notACache(let path):
            return
                "error: '\(path)' has no \(CacheFolder.tagName), so notesgen cannot prove it created it; nothing was removed (if it is an old cache, remove it yourself)"
        case .cacheIsAFile(let path):
            return "error: the cache '\(path)' is a file, not a folder; name a folder with --cache"
        case .cacheHoldsOtherFiles(let path, let example):
            return
                "error: the cache folder '\(path)' holds files notesgen did not create (such as '\(example)'); name a new or empty folder with --cache"
        case .cacheInUse(let path):
            return
                "error: a notesgen build is using the cache '\(path)'; nothing was removed: clean when it has finished"
        case .fileOperationFailed(let action, let problem):
            return "error: cannot \(action): \(problem)"
        }
    }
}
