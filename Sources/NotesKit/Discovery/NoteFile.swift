import Foundation
import NoteModel

/// A Markdown file of the notes folder, before it is read: where it is and what it will be called.
public struct NoteFile: Sendable, Hashable {
    /// The path as users see it, relative to the working directory when possible (`Notes/3_x.md`).
    public var displayPath: String
    /// The absolute path on disk.
    public var url: URL
    /// The number the file name starts with (`3_Self-Attention.md` → 3); `Int.max` when none.
    public var order: Int
    /// The page's name: the file name without `.md`, lower-cased, spaces and underscores as `-`.
    public var slug: String

    public init(url: URL, displayPath: String) {
        self.url = url
        self.displayPath = displayPath
        let name = url.deletingPathExtension().lastPathComponent
        self.order = Int(name.prefix(while: \.isNumber)) ?? Int.max
        self.slug = Note.slug(forFileName: name)
    }
}

/// Finds the notes: every `*.md` entry directly in the folder that is not a folder (a symbolic
/// link is followed), ordered by the number their name starts with, then by name.
///
/// An entry that cannot be read as a note (a FIFO, a dangling link) is still a note: reading it
/// reports the problem at its path. Files with another Markdown extension (`.MD`, `.markdown`)
/// are not notes, and `ignoredFiles` names them, so that none is skipped without a word.
public enum NoteDiscovery {
    public static func notes(in folder: URL, displayFolder: String) throws -> [NoteFile] {
        let files = try entries(in: folder, displayFolder: displayFolder).filter {
            isNoteName($0.url.lastPathComponent)
        }
        let sorted = files.sorted { ($0.order, $0.url.lastPathComponent) < ($1.order, $1.url.lastPathComponent) }
        // Two files may not claim one page.
        var seen: [String: NoteFile] = [:]
        for file in sorted {
            if file.slug == "index" { throw NotesgenError.reservedNoteName(file.displayPath) }
            if let other = seen[file.slug] {
                throw NotesgenError.duplicateSlug(file.slug, first: other.displayPath, second: file.displayPath)
            }
            seen[file.slug] = file
        }
        return sorted
    }

    /// A warning for each file of `folder` that looks like Markdown but is not read as a note
    /// (`3_x.MD`, `3_x.markdown`): notes end in `.md`, as GitHub links them.
    public static func ignoredFiles(in folder: URL, displayFolder: String) throws -> [Diagnostic] {
        try entries(in: folder, displayFolder: displayFolder).compactMap { file in
            let name = file.url.lastPathComponent
            let stem = file.url.deletingPathExtension().lastPathComponent
            guard !isNoteName(name), ["md", "markdown", "mdown", "mkd"].contains(file.url.pathExtension.lowercased())
            else { return nil }
            return Diagnostic(
                .noteIgnored, file: file.displayPath,
                summary: "not read as a note: notes are files whose name ends in '.md'; rename it to '\(stem).md'")
        }.sorted { $0.file < $1.file }
    }

    private static func isNoteName(_ name: String) -> Bool {
        name.hasSuffix(".md") && name.count > 3
    }

    /// The visible entries of `folder` that are not folders (nor links to folders).
    private static func entries(in folder: URL, displayFolder: String) throws -> [NoteFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw NotesgenError.notesFolderUnreadable(displayFolder, reason: FileProblem(error).explanation)
        }
        return names.filter { name in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            // A dangling link is kept: reading it says what is wrong with it.
            return !name.hasPrefix(".") && !(exists && isFolder.boolValue)
        }.map { name in
            NoteFile(
                url: folder.appendingPathComponent(name),
                displayPath: displayFolder.isEmpty ? name : "\(displayFolder)/\(name)")
        }
    }
}

extension RunSettings {
    /// `NoteDiscovery.ignoredFiles` for these settings' notes folder.
    func ignoredFiles() throws -> [Diagnostic] {
        try NoteDiscovery.ignoredFiles(
            in: URL(fileURLWithPath: notesFolder), displayFolder: NotesRunner.displayPath(notesFolder))
    }
}
