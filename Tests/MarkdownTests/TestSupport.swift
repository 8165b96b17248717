import Markdown

/// Shorthand for a range in expectations: `range(3, 1, 5, 3)` is lines 3:1 through 5:3.
func range(_ startLine: Int, _ startColumn: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
    SourceRange(
        start: SourcePosition(line: startLine, column: startColumn),
        end: SourcePosition(line: endLine, column: endColumn))
}

extension MarkdownNode {
    /// The node reached by following child indices from this one: `document[0, 1]`.
    subscript(_ path: Int...) -> MarkdownNode {
        path.reduce(self) { node, index in node.children[index] }
    }

    /// The kinds of this node's children, in order.
    var childKinds: [Kind] { children.map(\.kind) }
}
