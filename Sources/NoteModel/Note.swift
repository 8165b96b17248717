import Markdown

/// A fenced ```` ```swift-attn ```` block of a note, with its options parsed.
public struct SwiftAttnBlock: Sendable, Hashable {
    /// Position among the note's `swift-attn` blocks, from 0.
    public var index: Int
    /// The code, ending in a newline.
    public var code: String
    public var options: BlockOptions
    /// Where the fence is: `range.start.line` is the opening fence's line.
    public var range: SourceRange
    /// The line of the code's first line (the line after the opening fence).
    public var firstCodeLine: Int { range.start.line + 1 }

    public init(index: Int, code: String, options: BlockOptions, range: SourceRange) {
        self.index = index
        self.code = code
        self.options = options
        self.range = range
    }
}

/// A note: one Markdown file of `Notes/`, parsed, with its runnable blocks.
public struct Note: Sendable, Hashable {
    /// The path as shown to users, relative to the working directory (`Notes/3_Self-Attention.md`).
    public var path: String
    /// The number the file name starts with; orders the notes.
    public var order: Int
    /// The page's name: the file name without `.md`, lower-cased, spaces and underscores as `-`.
    public var slug: String
    /// The text of the first `#` heading (the file name when there is none).
    public var title: String
    /// The whole parsed document.
    public var document: MarkdownNode
    /// The `swift-attn` blocks, in order.
    public var blocks: [SwiftAttnBlock]

    public init(path: String, order: Int, slug: String, title: String, document: MarkdownNode, blocks: [SwiftAttnBlock])
    {
        self.path = path
        self.order = order
        self.slug = slug
        self.title = title
        self.document = document
        self.blocks = blocks
    }
}

extension Note {
    /// The page name of a note file: the file name without `.md`, lower-cased, spaces and
    /// underscores as `-` (`3_Self Attention` → `3-self-attention`).
    public static func slug(forFileName name: String) -> String {
        String(name.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
    }

    /// A link as written in a note, made to work on the site: a relative link to another note's
    /// Markdown file (`3_Self-Attention_Matrix_Math.md#why`) becomes its page
    /// (`3-self-attention-matrix-math.html#why`), so the same link works on GitHub and on the
    /// site. Other links are returned unchanged.
    public static func pageAddress(forLink destination: String) -> String {
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md"), !path.contains(":"), !path.contains("/"), !path.hasPrefix(".") else {
            return destination
        }
        let page = slug(forFileName: String(path.dropLast(3))) + ".html"
        return parts.count == 2 ? page + "#" + parts[1] : page
    }
}
