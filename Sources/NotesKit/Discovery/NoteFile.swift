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

/// Finds the notes: every `*.md` file directly in the folder, ordered by the number their name
/// starts with, then by name.
public enum NoteDiscovery {
    public static func notes(in folder: URL, displayFolder: String) throws -> [NoteFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw NotesgenError.notesFolderUnreadable(displayFolder, reason: error.localizedDescription)
        }
        let files = names.filter { name in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            return name.hasSuffix(".md") && !name.hasPrefix(".") && exists && !isFolder.boolValue
        }.map { name in
            NoteFile(
                url: folder.appendingPathComponent(name),
                displayPath: displayFolder.isEmpty ? name : "\(displayFolder)/\(name)")
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
}
