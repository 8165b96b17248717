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

        /// A block has an unknown option: the note runs nothing, since its blocks would not mean
        /// what they say.
        public var hasInvalidOption: Bool { diagnostics.contains { $0.id == .blockOption } }
    }

    /// Reads and parses a note. A note that cannot be read (not a regular file, no permission,
    /// not UTF-8) is returned empty with a `note.unreadable` error, so the other notes still build.
    public static func read(_ file: NoteFile) -> Result {
        let data: Data
        do {
            data = try RegularFile.read(file.url.path)
        } catch {
            return unreadable(file, summary: "cannot read the note: \(error.explanation)")
        }
        // Decoded as it is, a byte-order mark included: `test --fix` writes back every byte.
        guard let source = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(in: data)
            let line = data.prefix(offset).count(where: { $0 == UInt8(ascii: "\n") }) + 1
            return unreadable(
                file, line: line,
                summary:
                    "the note is not valid UTF-8: the byte at offset \(offset) does not start a valid UTF-8 sequence; save the file as UTF-8"
            )
        }
        return parse(source: source, file: file)
    }

    /// An empty note carrying the error that explains why it is empty.
    private static func unreadable(_ file: NoteFile, line: Int? = nil, summary: String) -> Result {
        var result = parse(source: "", file: file)
        result.diagnostics = [Diagnostic(.noteUnreadable, file: file.displayPath, line: line, summary: summary)]
        return result
    }

    /// The offset of the first byte of `data` that is not part of a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(in data: Data) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
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
        var note = Note(
            path: file.displayPath, order: file.order, slug: file.slug,
            title: (title?.isEmpty == false ? title! : fallbackTitle),
            document: document, blocks: blocks)
        note.metadata = parsed.frontMatter.map(Note.metadata(fromFrontMatter:)) ?? [:]
        return Result(note: note, source: source, diagnostics: diagnostics + MathCheck.diagnostics(for: note))
    }
}
