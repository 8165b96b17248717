import Markdown
import NoteModel

/// Finds links between notes that lead nowhere: to a note file that does not exist, or to a
/// heading anchor the note does not have. Both would be dead links on the site and on GitHub.
public enum NoteLinkCheck {
    public static func diagnostics(for notes: [Note]) -> [Diagnostic] {
        var anchorsByFile: [String: Set<String>] = [:]
        for note in notes {
            anchorsByFile[fileName(of: note.path)] = anchors(of: note)
        }
        var diagnostics: [Diagnostic] = []
        for note in notes {
            for link in note.document.allNodes(ofKind: .link) {
                guard case .link(let destination, _) = link.kind else { continue }
                let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let target: String
                if parts[0].isEmpty {
                    target = fileName(of: note.path)
                } else if Note.pageAddress(forLink: String(parts[0])) != String(parts[0]) {
                    target = String(parts[0])
                } else {
                    continue  // not a link to a note
                }
                guard let anchors = anchorsByFile[target] else {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: note.path, line: link.range.start.line,
                            summary: "link to '\(target)', which is not a note in this folder", id: .brokenLink))
                    continue
                }
                if parts.count == 2, !parts[1].isEmpty, !anchors.contains(String(parts[1])) {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: note.path, line: link.range.start.line,
                            summary: "link to '#\(parts[1])', which is not a heading of \(target)",
                            id: .brokenLink,
                            details: "  its headings' anchors: \(anchors.sorted().joined(separator: ", "))"))
                }
            }
        }
        return diagnostics
    }

    /// The anchors the site and GitHub give a note's headings.
    static func anchors(of note: Note) -> Set<String> {
        var generator = HeadingAnchorGenerator()
        return Set(note.document.allNodes(ofKind: .heading).map { generator.anchor(for: $0.plainText) })
    }

    private static func fileName(of path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
