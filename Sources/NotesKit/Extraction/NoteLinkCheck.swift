import Markdown
import NoteModel
import SiteRendering

/// Finds links between notes that lead nowhere: to a note file that does not exist, or to a
/// heading anchor the note does not have. Both would be dead links on the site and on GitHub.
/// Also warns of links and images the site will not publish (`URLPolicy`).
public enum NoteLinkCheck {
    public static func diagnostics(for notes: [Note]) -> [Diagnostic] {
        var anchorsByFile: [String: Set<String>] = [:]
        for note in notes {
            anchorsByFile[fileName(of: note.path)] = anchors(of: note)
        }
        var diagnostics: [Diagnostic] = []
        for note in notes {
            diagnostics += unpublishedAddresses(in: note)
            for (destination, line) in linkAddresses(in: note) {
                let target: String
                let fragment: String?
                if destination.hasPrefix("#") {
                    (target, fragment) = (fileName(of: note.path), Note.percentDecoded(String(destination.dropFirst())))
                } else if let noteTarget = Note.noteTarget(ofLink: destination) {
                    (target, fragment) = noteTarget
                } else {
                    continue  // not a link to a note
                }
                guard let anchors = anchorsByFile[target] else {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: note.path, line: line,
                            summary: "link to '\(target)', which is not a note in this folder", id: .brokenLink))
                    continue
                }
                if let fragment, !fragment.isEmpty, !anchors.contains(fragment) {
                    diagnostics.append(
                        Diagnostic(
                            .error, file: note.path, line: line,
                            summary: "link to '#\(fragment)', which is not a heading of \(target)",
                            id: .brokenLink,
                            details: "  its headings' anchors: \(anchors.sorted().joined(separator: ", "))"))
                }
            }
        }
        return diagnostics
    }

    /// Every link of the note with its line: Markdown links, and `<a href>` in raw HTML (which
    /// the site rewrites the same way, `RawHTMLSanitizer`).
    static func linkAddresses(in note: Note) -> [(destination: String, line: Int)] {
        var addresses: [(destination: String, line: Int)] = []
        note.document.walk { node, _ in
            switch node.kind {
            case .link(let destination, _):
                addresses.append((destination, node.range.start.line))
            case .htmlBlock(let html), .inlineHTML(let html):
                addresses += RawHTMLSanitizer.linkAddresses(in: html).map { ($0, node.range.start.line) }
            default:
                break
            }
        }
        return addresses
    }

    /// Links and images whose addresses the site leaves out, each a warning at its line.
    static func unpublishedAddresses(in note: Note) -> [Diagnostic] {
        note.document.allNodes { node in
            switch node.kind {
            case .link(let destination, _): return !URLPolicy.allows(destination, as: .link)
            case .image(let source, _): return !URLPolicy.allows(source, as: .image)
            default: return false
            }
        }.map { node in
            let isImage = node.kind.name == .image
            return Diagnostic(
                .unsafeLink, file: note.path, line: node.range.start.line,
                summary: isImage
                    ? "this image's address is not published: images may use http, https, data:image/png|jpeg|gif|webp or a relative address"
                    : "this link's address is not published (its text is): links may use http, https, mailto or a relative address"
            )
        }
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
