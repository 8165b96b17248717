/// A position in a Markdown source file: 1-based line and column, as cmark-gfm reports them.
///
/// Columns count UTF-8 bytes, not characters: in `é = 1`, the `=` is at column 4.
public struct SourcePosition: Hashable, Sendable, Codable, Comparable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// The span of source a node was parsed from, both ends inclusive.
///
/// Always `start <= end`, both real positions (line and column at least 1); see
/// `MarkdownParser` for where cmark's own positions needed repairing.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourcePosition
    public var end: SourcePosition
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}

/// Column alignment of a GFM table column.
public enum TableAlignment: Sendable, Hashable {
    case none, left, center, right
}

/// One node of a parsed Markdown document: what it is, where it came from, what it contains.
///
/// The tree is an immutable value built once from cmark-gfm's C tree (see `MarkdownParser`);
/// no C pointer survives parsing.
public struct MarkdownNode: Sendable, Hashable {
    /// What kind of node this is, with the data that kind carries.
    public enum Kind: Sendable, Hashable {
        // Blocks
        case document
        case blockQuote
        /// `start` is the first number of an ordered list; `isTight` as CommonMark defines it.
        case list(isOrdered: Bool, start: Int, isTight: Bool)
        /// `taskChecked` is nil for an ordinary item, true/false for a GFM task list item.
        case listItem(taskChecked: Bool?)
        /// `info` is the whole info string (`swift-attn hide`); `literal` the code, ending in a newline.
        case codeBlock(info: String, literal: String, isFenced: Bool)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table(alignments: [TableAlignment])
        case tableRow(isHeader: Bool)
        case tableCell
        case footnoteDefinition(label: String)
        // Inlines
        case text(String)
        case softBreak
        case lineBreak
        case inlineCode(String)
        case inlineHTML(String)
        case emphasis
        case strong
        case strikethrough
        case link(destination: String, title: String)
        case image(source: String, title: String)
        case footnoteReference(label: String)
    }

    public var kind: Kind
    public var range: SourceRange
    public var children: [MarkdownNode]

    public init(kind: Kind, range: SourceRange, children: [MarkdownNode] = []) {
        self.kind = kind
        self.range = range
        self.children = children
    }
}
