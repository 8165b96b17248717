import Foundation
import Markdown
import NoteModel

/// Reads a note file into a `Note`: parses its Markdown and extracts its `swift-attn` blocks.
///
/// Problems with the note itself (an unknown block option) are collected as diagnostics, and the
/// note is still returned so the rest of the build can go on.
public enum NoteReader {
    public struct Result: Sendable {
        public var note: Note
        /// The raw bytes read, for doc-test fixing.
        public var source: String
        public var diagnostics: [Diagnostic]
        /// Dead links to other notes, found once all notes are read (`NoteLinkCheck`).
        public var linkDiagnostics: [Diagnostic] = []
    }

    public static func read(_ file: NoteFile) throws -> Result {
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            throw NotesgenError.noteUnreadable(file.displayPath, reason: error.localizedDescription)
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw NotesgenError.noteUnreadable(file.displayPath, reason: "not valid UTF-8")
        }
        return parse(source: source, file: file)
    }

    public static func parse(source: String, file: NoteFile) -> Result {
        let parsed = MarkdownParser.parseDocument(source)
        let document = parsed.root
        var blocks: [SwiftAttnBlock] = []
        var diagnostics: [Diagnostic] = []
        if let tooDeep = parsed.firstTooDeep {
            diagnostics.append(
                Diagnostic(
                    .noteTooDeep, file: file.displayPath, line: tooDeep.line, column: tooDeep.column,
                    summary:
                        "Markdown nested more than \(MarkdownParser.maximumDepth) levels deep (block quotes, lists, emphasis) is left out of the page; nest less deeply"
                ))
        }
        var title: String?
        document.walk { node, _ in
            switch node.kind {
            case .heading(level: 1) where title == nil:
                title = node.plainText.trimmingCharacters(in: .whitespaces)
            case .codeBlock(let info, let literal, isFenced: true)
            where BlockOptionsParser.languageWord(of: info) == BlockOptionsParser.language:
                do throws(Diagnostic) {
                    let options = try BlockOptionsParser.parse(
                        info: info, file: file.displayPath, line: node.range.start.line)
                    blocks.append(
                        SwiftAttnBlock(index: blocks.count, code: literal, options: options, range: node.range))
                } catch {
                    diagnostics.append(error)
                }
            case .htmlBlock(let html) where html.contains("`") || html.contains("**"):
                // An easy slip in "Check yourself" answers: Markdown inside raw HTML shows raw,
                // on GitHub and on the site alike.
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file.displayPath, line: node.range.start.line,
                        summary:
                            "Markdown inside a raw HTML block is not rendered (it shows the backticks or asterisks)",
                        id: .rawHTML,
                        details:
                            "  leave a blank line after the opening tags (e.g. after </summary>) so the text is Markdown again, or use <code> and <strong>"
                    ))
            default:
                break
            }
        }
        let fallbackTitle = file.url.deletingPathExtension().lastPathComponent
        let note = Note(
            path: file.displayPath, order: file.order, slug: file.slug,
            title: (title?.isEmpty == false ? title! : fallbackTitle),
            document: document, blocks: blocks)
        return Result(note: note, source: source, diagnostics: diagnostics + MathCheck.diagnostics(for: note))
    }
}
