import Markdown

/// Where GitHub's math syntax is in a Markdown tree, for the renderer and for the build's check
/// alike: ```` ```math ```` fences hold display formulas, and `` $`…`$ `` inline ones.
///
/// In cmark an inline formula is three siblings: a text ending in `$`, a code span, and a text
/// starting with `$`. Anything else (a lone `$`, a code span without dollars) is left alone.
public enum MarkdownMath {
    /// The language word of a display formula's fence.
    public static let fenceLanguage = "math"

    /// Whether a code block with this info string is a display formula.
    public static func isDisplayFormula(info: String) -> Bool {
        info.split(whereSeparator: \.isWhitespace).first == Substring(fenceLanguage)
    }

    /// A child of a node, after inline formulas are recognised.
    public enum Piece: Sendable, Hashable {
        /// A node as it was, or a text node without the `$` of a formula beside it.
        case node(MarkdownNode)
        /// An inline formula: the LaTeX, and the code span it was written as (for its position).
        case inlineFormula(String, code: MarkdownNode)
    }

    /// `children` with every `` $`…`$ `` turned into one `.inlineFormula`, and the dollars
    /// taken off the texts around it (texts left empty are dropped).
    public static func pieces(_ children: [MarkdownNode]) -> [Piece] {
        // Quick exit for the common case: no code span, no formula.
        guard children.contains(where: { $0.kind.name == .inlineCode }) else { return children.map(Piece.node) }
        var pieces: [Piece] = []
        // The texts are rewritten as they go: the text after one formula may end in the `$` of the next.
        var remaining = children[...]
        while let child = remaining.popFirst() {
            guard case .inlineCode(let latex) = child.kind,
                case .node(let before) = pieces.last, case .text(let beforeText) = before.kind,
                beforeText.hasSuffix("$"),
                let after = remaining.first, case .text(let afterText) = after.kind, afterText.hasPrefix("$")
            else {
                pieces.append(.node(child))
                continue
            }
            pieces.removeLast()
            if let trimmed = retexted(before, String(beforeText.dropLast())) { pieces.append(.node(trimmed)) }
            pieces.append(.inlineFormula(latex, code: child))
            remaining.removeFirst()
            if let trimmed = retexted(after, String(afterText.dropFirst())) {
                remaining.insert(trimmed, at: remaining.startIndex)
            }
        }
        return pieces
    }

    /// `node` with `text` as its text, or nil when nothing is left.
    private static func retexted(_ node: MarkdownNode, _ text: String) -> MarkdownNode? {
        guard !text.isEmpty else { return nil }
        var copy = node
        copy.kind = .text(text)
        return copy
    }
}
