import CCmarkGFM
import Foundation

/// Parses GitHub-flavoured Markdown into a `MarkdownNode` tree, using cmark-gfm.
///
/// This file is the only place in notesgen that talks to C. It parses with
/// `CMARK_OPT_FOOTNOTES` and the GFM extensions `table`, `strikethrough`, `autolink`,
/// `tagfilter` and `tasklist`, walks cmark's tree once, and frees it before returning;
/// no C pointer outlives `parse(_:)`.
///
/// ```swift
/// let document = MarkdownParser.parse("# Attention\n\nSoftmax of *scores*.\n")
/// document.children[0].kind       // .heading(level: 1)
/// document.children[0].plainText  // "Attention"
/// ```
///
/// What the tree looks like (beyond CommonMark itself):
/// - Line endings: `\r\n` and lone `\r` are read as `\n` first, so CRLF files give exactly
///   the same tree (literals included) as LF files.
/// - Positions: 1-based lines; 1-based columns counted in UTF-8 bytes (cmark's unit), so
///   `é` advances the column by 2. Ends are inclusive. cmark leaves some positions unset or
///   past the end; see `SourceRangeRepair` for how they are made sensible. Block lines are
///   exact (a footnote definition starts at its text, after `[^label]:`). Treat inline columns
///   as approximate: cmark starts `www.` autolinks one column early, and its columns on
///   continuation lines inside lists and block quotes can be off.
/// - Code blocks: a fenced block's range runs from its opening fence line to its closing fence
///   line; a fence never closed runs to the last line of its list item or block quote, or of
///   the document. `range.start.column` is the column of the fence's first backtick or tilde.
/// - Footnotes: cmark moves every *referenced* definition to the end of the document, in order
///   of first reference, and drops unreferenced ones. A reference's label is the label of the
///   definition it resolves to (`[^Note]` → `"note"` when the definition says `[^note]:`).
/// - Lists: `start` is the first number of an ordered list and 0 for a bullet list.
///
/// Thread safety: `parse` may be called from many threads at once. cmark-gfm 0.29.0.gfm.6
/// keeps the table of "special" inline characters in a process-wide array that every parser
/// edits while it parses inlines (github/cmark-gfm PR #176, still open), so concurrent
/// parsers silently lose strikethrough and autolinks; measured here: 56 of 800 concurrent
/// parses came out wrong. The C parse therefore runs under one process-wide lock; walking the
/// finished C tree into Swift values runs in parallel.
public enum MarkdownParser {
    /// How deeply blocks and inlines may nest (the document is depth 0). Everything that works
    /// on the tree (rendering, comparing, freeing it) recurses once per level, so a hostile
    /// document of 6,000 nested `>` would overflow the stack; real notes stay below 20.
    public static let maximumDepth = 100

    /// Parses `source` into a tree whose root has kind `.document`, leaving out what nests
    /// deeper than `maximumDepth`.
    ///
    /// Never fails: every string is some Markdown document.
    public static func parse(_ source: String) -> MarkdownNode {
        parseDocument(source).root
    }

    /// Parses `source` and says where, if anywhere, content was left out for nesting deeper
    /// than `maximumDepth`.
    public static func parseDocument(_ source: String) -> ParsedMarkdown {
        var text = NormalizedSource(source)
        let frontMatter = text.removeFrontMatter()
        let root = parseWithCmark(text)
        defer { cmark_node_free(root) }
        var parsed = CmarkTreeConverter(source: text).convert(root)
        parsed.frontMatter = frontMatter
        return parsed
    }
}

/// A parsed document, and where nesting went too deep.
public struct ParsedMarkdown: Sendable {
    /// The tree, with nodes nested deeper than `MarkdownParser.maximumDepth` left out.
    public var root: MarkdownNode
    /// The start of the first node left out for nesting too deeply; nil when nothing was.
    public var firstTooDeep: SourcePosition?
    /// The lines between the `---` fences of a YAML front matter block that opens the file
    /// (as GitHub and static-site tools write it), which is metadata, not content: it is not
    /// part of `root`. Nil when the file has none.
    public var frontMatter: [String]?
}

// MARK: - Driving cmark

/// The GFM extensions we attach, by cmark's registered names.
private let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

/// Registers cmark-gfm's core extensions exactly once per process; Swift runs the initializer
/// of a global `let` once, even when several threads reach it together (cmark's own guard is
/// a plain, racy `static int`).
private let coreExtensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

/// Serializes the part of parsing that edits cmark-gfm's global state (see `MarkdownParser`).
private let cmarkParserLock = NSLock()

/// Runs cmark-gfm over `source` and returns the root of its C tree; the caller frees it with
/// `cmark_node_free`.
private func parseWithCmark(_ source: NormalizedSource) -> OpaquePointer {
    _ = coreExtensionsRegistered
    return cmarkParserLock.withLock {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES) else {
            fatalError("cmark_parser_new failed: out of memory")
        }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            guard let syntaxExtension = cmark_find_syntax_extension(name) else {
                preconditionFailure("cmark-gfm has no '\(name)' extension registered")
            }
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        source.bytes.withUnsafeBytes { buffer in
            guard let start = buffer.baseAddress, buffer.count > 0 else { return }
            cmark_parser_feed(parser, start.assumingMemoryBound(to: CChar.self), buffer.count)
        }
        // The document outlives its parser.
        guard let document = cmark_parser_finish(parser) else {
            fatalError("cmark_parser_finish failed: out of memory")
        }
        return document
    }
}

// MARK: - The source text

/// The source as cmark reads it: UTF-8 bytes with every line ending turned into `\n`, plus
/// the length of each line (for repairing end positions).
struct NormalizedSource {
    private(set) var bytes: [UInt8]
    /// `lineLengths[i]` is the length in bytes of line `i + 1`, without its `\n`.
    private(set) var lineLengths: [Int]

    init(_ source: String) {
        let carriageReturn = UInt8(ascii: "\r"), newline = UInt8(ascii: "\n")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.utf8.count)
        var lineLengths: [Int] = []
        var lineLength = 0
        var previous: UInt8 = 0
        for byte in source.utf8 {
            defer { previous = byte }
            if byte == newline && previous == carriageReturn { continue }  // second half of \r\n
            if byte == carriageReturn || byte == newline {
                bytes.append(newline)
                lineLengths.append(lineLength)
                lineLength = 0
            } else {
                bytes.append(byte)
                lineLength += 1
            }
        }
        lineLengths.append(lineLength)  // the last line, empty if the text ends in a newline
        self.bytes = bytes
        self.lineLengths = lineLengths
    }

    /// Blanks out a front matter block (a first line `---`, up to the next line `---` or
    /// `...`) and returns its inner lines. The lines stay, empty, so every position after them
    /// is unchanged.
    mutating func removeFrontMatter() -> [String]? {
        let newline = UInt8(ascii: "\n")
        var lines = bytes.split(separator: newline, omittingEmptySubsequences: false)
        guard lines.count >= 2, Array(lines[0]) == Array("---".utf8) else { return nil }
        guard
            let close = lines.indices.dropFirst().first(where: {
                ["---", "..."].map { Array($0.utf8) }.contains(Array(lines[$0]))
            })
        else { return nil }
        let inner = lines[1..<close].map { String(decoding: $0, as: UTF8.self) }
        for index in 0...close {
            lines[index] = []
            lineLengths[index] = 0
        }
        bytes = Array(lines.joined(separator: [newline]))
        return inner
    }

    /// The length in bytes of 1-based `line`, or 0 past the end.
    func length(ofLine line: Int) -> Int {
        lineLengths.indices.contains(line - 1) ? lineLengths[line - 1] : 0
    }
}

// MARK: - Converting cmark's tree

/// Builds the Swift tree from a C tree in one pass of `cmark_iter` (ENTER/EXIT events with an
/// explicit stack, so deep nesting cannot overflow the call stack).
private struct CmarkTreeConverter {
    let source: NormalizedSource

    /// A node whose ENTER event we have seen and whose EXIT we are waiting for.
    private struct OpenNode {
        let cNode: OpaquePointer
        let kind: MarkdownNode.Kind
        let start: SourcePosition
        let reportedEnd: SourcePosition
        var children: [MarkdownNode] = []
    }

    func convert(_ root: OpaquePointer) -> ParsedMarkdown {
        guard let iterator = cmark_iter_new(root) else { fatalError("cmark_iter_new failed: out of memory") }
        defer { cmark_iter_free(iterator) }
        let repair = SourceRangeRepair(source: source)
        var stack: [OpenNode] = []
        var firstTooDeep: SourcePosition?

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let cNode = cmark_iter_get_node(iterator) else { continue }

            if event == CMARK_EVENT_ENTER {
                let start = repair.start(
                    reported: Self.start(of: cNode),
                    precedingSiblingEnd: stack.last?.children.last?.range.end,
                    parentStart: stack.last?.start)
                if stack.count > MarkdownParser.maximumDepth {
                    // Leave the node out, with everything inside it: continue after its EXIT.
                    firstTooDeep = firstTooDeep ?? start
                    if !Self.isLeaf(cNode) { cmark_iter_reset(iterator, cNode, CMARK_EVENT_EXIT) }
                    continue
                }
                let open = OpenNode(
                    cNode: cNode, kind: kind(of: cNode), start: start, reportedEnd: Self.end(of: cNode))
                if Self.isLeaf(cNode) {
                    // cmark sends no EXIT for leaves: finish them now.
                    stack[stack.count - 1].children.append(Self.finish(open, repair))
                } else {
                    stack.append(open)
                }
            } else if event == CMARK_EVENT_EXIT {
                guard let open = stack.popLast(), open.cNode == cNode else {
                    preconditionFailure("cmark_iter sent EXIT for a node it did not ENTER")
                }
                let node = Self.finish(open, repair)
                if stack.isEmpty { return ParsedMarkdown(root: node, firstTooDeep: firstTooDeep) }
                stack[stack.count - 1].children.append(node)
            }
        }
        preconditionFailure("cmark_iter ended without leaving the document")
    }

    private static func finish(_ open: OpenNode, _ repair: SourceRangeRepair) -> MarkdownNode {
        let end = repair.end(
            reported: open.reportedEnd, start: open.start, lastChildEnd: open.children.last?.range.end)
        let children = open.children.map { repair.clampingEnd(of: $0, to: end) }
        return MarkdownNode(kind: open.kind, range: SourceRange(start: open.start, end: end), children: children)
    }

    /// The node types for which `cmark_iter` reports ENTER only (cmark's `S_is_leaf`).
    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
            CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func start(of node: OpaquePointer) -> SourcePosition {
        SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private static func end(of node: OpaquePointer) -> SourcePosition {
        SourcePosition(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
    }

    // MARK: Kinds

    private func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                isOrdered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                isTight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM:
            // The tasklist extension keeps the item type and only renames it.
            let isTask = Self.typeName(of: node) == "tasklist"
            return .listItem(taskChecked: isTask ? cmark_gfm_extensions_get_tasklist_item_checked(node) : nil)
        case CMARK_NODE_CODE_BLOCK:
            var fenceLength: Int32 = 0, fenceOffset: Int32 = 0
            var fenceCharacter: CChar = 0
            let isFenced = cmark_node_get_fenced(node, &fenceLength, &fenceOffset, &fenceCharacter) != 0
            return .codeBlock(
                info: Self.string(cmark_node_get_fence_info(node)), literal: Self.literal(of: node), isFenced: isFenced)
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(Self.literal(of: node))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition(label: Self.footnoteLabel(of: node))
        case CMARK_NODE_TEXT: return .text(Self.literal(of: node))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .inlineCode(Self.literal(of: node))
        case CMARK_NODE_HTML_INLINE: return .inlineHTML(Self.literal(of: node))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(
                destination: Self.string(cmark_node_get_url(node)), title: Self.string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(source: Self.string(cmark_node_get_url(node)), title: Self.string(cmark_node_get_title(node)))
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference(label: Self.footnoteLabel(of: node))
        default:
            return Self.extensionKind(of: node)
        }
    }

    /// Kinds of the nodes the GFM extensions add; their cmark types are numbered at run time,
    /// so they are recognised by name.
    private static func extensionKind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch typeName(of: node) {
        case "table":
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            guard let codes = cmark_gfm_extensions_get_table_alignments(node) else {
                return .table(alignments: Array(repeating: .none, count: columns))
            }
            return .table(alignments: (0..<columns).map { tableAlignment(code: codes[$0]) })
        case "table_header", "table_row":
            return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case "table_cell": return .tableCell
        case "strikethrough": return .strikethrough
        case let name:
            preconditionFailure("cmark-gfm produced a node of unknown type '\(name)'")
        }
    }

    /// cmark-gfm's table alignment codes: 'l', 'c', 'r', or 0 for none.
    private static func tableAlignment(code: UInt8) -> TableAlignment {
        switch code {
        case UInt8(ascii: "l"): return .left
        case UInt8(ascii: "c"): return .center
        case UInt8(ascii: "r"): return .right
        default: return .none
        }
    }

    /// The label of a footnote definition or reference, e.g. `note` for `[^note]`.
    ///
    /// cmark-gfm 0.29.0.gfm.6 has no getter for it (a reference's literal is its footnote's
    /// number), but its CommonMark renderer writes the definition's label verbatim:
    /// `[^note]` for a reference, `[^note]:` followed by the body for a definition.
    private static func footnoteLabel(of node: OpaquePointer) -> String {
        guard let rendered = cmark_render_commonmark(node, CMARK_OPT_DEFAULT, 0) else {
            fatalError("cmark_render_commonmark failed: out of memory")
        }
        defer { cmark_get_default_mem_allocator().pointee.free(rendered) }
        let markdown = String(cString: rendered)
        guard markdown.hasPrefix("[^"), let close = markdown.firstIndex(of: "]") else {
            preconditionFailure("unexpected rendering of a footnote: \(markdown.debugDescription)")
        }
        return String(markdown[markdown.index(markdown.startIndex, offsetBy: 2)..<close])
    }

    private static func typeName(of node: OpaquePointer) -> String { string(cmark_node_get_type_string(node)) }

    private static func literal(of node: OpaquePointer) -> String { string(cmark_node_get_literal(node)) }

    private static func string(_ cString: UnsafePointer<CChar>?) -> String { cString.map(String.init(cString:)) ?? "" }
}

// MARK: - Repairing positions

/// Turns the positions cmark reports into ranges whose start and end are real places in the
/// source, with `start <= end`.
///
/// cmark leaves some positions at 0 (soft and hard line breaks, `https://` autolinks and
/// their text, the end of an empty document), and ends many blocks at "column 0 of the next
/// line" (a list, a setext heading, an indented code block, a thematic break, a code block
/// followed by blank lines). The rules:
/// - an unset start becomes the end of the preceding sibling, else the parent's start;
/// - an end at column 0 of line L becomes the last byte of line L − 1;
/// - an unset end becomes the end of the last child, else the start;
/// - an end before the start becomes the start;
/// - a child ending after its parent ends where the parent ends (cmark ends a fenced code
///   block left open in a list item or block quote on the line that closed the container).
struct SourceRangeRepair {
    let source: NormalizedSource

    func start(reported: SourcePosition, precedingSiblingEnd: SourcePosition?, parentStart: SourcePosition?)
        -> SourcePosition
    {
        if reported.line >= 1 && reported.column >= 1 { return reported }
        return precedingSiblingEnd ?? parentStart ?? SourcePosition(line: 1, column: 1)
    }

    func end(reported: SourcePosition, start: SourcePosition, lastChildEnd: SourcePosition?) -> SourcePosition {
        var end: SourcePosition
        if reported.line < 1 {
            end = lastChildEnd ?? start
        } else if reported.column < 1 && reported.line > 1 {
            let line = reported.line - 1
            end = SourcePosition(line: line, column: max(1, source.length(ofLine: line)))
        } else {
            end = reported
        }
        if end < start { end = start }
        return end
    }

    func clampingEnd(of child: MarkdownNode, to parentEnd: SourcePosition) -> MarkdownNode {
        guard parentEnd < child.range.end else { return child }
        var clamped = child
        clamped.range.end = max(child.range.start, parentEnd)
        return clamped
    }
}
