import Markdown
import NoteModel

/// A ```` ```output ```` block of a note and the `swift-attn` block whose results it records.
public struct OutputBlock: Sendable, Hashable {
    /// The index of the `swift-attn` block it belongs to.
    public var blockIndex: Int
    /// From the opening fence's line to the closing fence's line (1-based, inclusive).
    public var range: SourceRange
    /// The recorded lines, as cmark read them (container prefixes removed).
    public var lines: [String]
}

/// Finds each `output` block and pairs it with the nearest `swift-attn` block before it.
public enum OutputBlocks {
    /// The info string's first word that marks recorded results.
    public static let language = "output"

    public static func find(in note: Note) -> (blocks: [Int: OutputBlock], problems: [Diagnostic]) {
        var found: [Int: OutputBlock] = [:]
        var problems: [Diagnostic] = []
        let blockByLine = Dictionary(uniqueKeysWithValues: note.blocks.map { ($0.range.start.line, $0.index) })
        var current: Int?
        // A swift-attn fence with an invalid option has no block: its output belongs to nobody,
        // and is not an orphan either (the option error is reported).
        var afterInvalidBlock = false
        note.document.walk { node, _ in
            guard case .codeBlock(let info, let literal, isFenced: true) = node.kind else { return }
            let language = BlockOptionsParser.languageWord(of: info)
            if language == BlockOptionsParser.language {
                current = blockByLine[node.range.start.line]
                afterInvalidBlock = current == nil
            } else if language == Self.language {
                guard let owner = current else {
                    if afterInvalidBlock { return }
                    problems.append(
                        Diagnostic(
                            .error, file: note.path, line: node.range.start.line,
                            summary: "output block has no swift-attn block before it", id: .doctestOrphan))
                    return
                }
                if let earlier = found[owner] {
                    problems.append(
                        Diagnostic(
                            .error, file: note.path, line: node.range.start.line,
                            summary:
                                "second output block for the swift-attn block at line \(note.blocks[owner].range.start.line) (the first is at line \(earlier.range.start.line))",
                            id: .doctestDuplicate))
                    return
                }
                var lines = literal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if lines.last == "" { lines.removeLast() }
                found[owner] = OutputBlock(blockIndex: owner, range: node.range, lines: lines)
            }
        }
        return (found, problems)
    }
}
