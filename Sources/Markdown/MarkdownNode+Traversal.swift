// Ways to look through a tree without writing a `switch` over every kind.
//
//     let document = MarkdownParser.parse(markdown)
//     for heading in document.allNodes(ofKind: .heading) { print(heading.plainText) }
//     document.walk { node, depth in print(String(repeating: "  ", count: depth), node.kind.name) }

extension MarkdownNode.Kind {
    /// A kind without the data it carries, for filtering and comparing:
    /// `node.kind.name == .codeBlock`.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        case document, blockQuote, list, listItem, codeBlock, htmlBlock, paragraph, heading
        case thematicBreak, table, tableRow, tableCell, footnoteDefinition
        case text, softBreak, lineBreak, inlineCode, inlineHTML, emphasis, strong, strikethrough
        case link, image, footnoteReference
    }

    /// This kind's name, e.g. `.heading` for `.heading(level: 2)`.
    public var name: Name {
        switch self {
        case .document: .document
        case .blockQuote: .blockQuote
        case .list: .list
        case .listItem: .listItem
        case .codeBlock: .codeBlock
        case .htmlBlock: .htmlBlock
        case .paragraph: .paragraph
        case .heading: .heading
        case .thematicBreak: .thematicBreak
        case .table: .table
        case .tableRow: .tableRow
        case .tableCell: .tableCell
        case .footnoteDefinition: .footnoteDefinition
        case .text: .text
        case .softBreak: .softBreak
        case .lineBreak: .lineBreak
        case .inlineCode: .inlineCode
        case .inlineHTML: .inlineHTML
        case .emphasis: .emphasis
        case .strong: .strong
        case .strikethrough: .strikethrough
        case .link: .link
        case .image: .image
        case .footnoteReference: .footnoteReference
        }
    }
}

extension MarkdownNode {
    /// Calls `visit` on this node and every node below it, parents before children, children
    /// in document order (depth-first pre-order). `depth` is 0 for this node, 1 for its
    /// children, and so on. Iterative, so deep nesting cannot overflow the stack.
    public func walk(_ visit: (_ node: MarkdownNode, _ depth: Int) throws -> Void) rethrows {
        try visit(self, 0)
        // One entry per open level: its nodes and the next one to visit (a node's depth is the
        // number of open levels), so nodes are not copied onto a stack.
        var levels: [(siblings: [MarkdownNode], next: Int)] = [(children, 0)]
        while let level = levels.last {
            guard level.next < level.siblings.count else {
                levels.removeLast()
                continue
            }
            levels[levels.count - 1].next += 1
            let node = level.siblings[level.next]
            try visit(node, levels.count)
            if !node.children.isEmpty { levels.append((node.children, 0)) }
        }
    }

    /// This node and all nodes below it for which `isIncluded` is true, in the order `walk`
    /// visits them.
    public func allNodes(where isIncluded: (MarkdownNode) throws -> Bool) rethrows -> [MarkdownNode] {
        var found: [MarkdownNode] = []
        try walk { node, _ in
            if try isIncluded(node) { found.append(node) }
        }
        return found
    }

    /// This node and all nodes below it of kind `name`, in document order:
    /// `document.allNodes(ofKind: .codeBlock)`.
    public func allNodes(ofKind name: Kind.Name) -> [MarkdownNode] {
        allNodes { $0.kind.name == name }
    }

    /// The direct children of kind `name`: `table.children(ofKind: .tableRow)`.
    public func children(ofKind name: Kind.Name) -> [MarkdownNode] {
        children.filter { $0.kind.name == name }
    }

    /// The text a reader sees, without markup, e.g. `"Scaled dot-product attention"` for
    /// `## Scaled *dot-product* `attention``; meant for headings, table cells and link text.
    ///
    /// Text and inline code contribute their text (images their alt text), soft and hard line
    /// breaks a space, code blocks their code. Raw HTML, footnote references and thematic
    /// breaks contribute nothing. The texts of the blocks inside a container block (a list
    /// item's paragraphs, say) are joined with `"\n"`.
    public var plainText: String {
        var text = ""
        appendPlainText(to: &text)
        return text
    }

    private func appendPlainText(to text: inout String) {
        switch kind {
        case .text(let string), .inlineCode(let string): text += string
        case .codeBlock(_, let literal, _): text += literal
        case .softBreak, .lineBreak: text += " "
        case .htmlBlock, .inlineHTML, .footnoteReference, .thematicBreak: break
        default:
            for (index, child) in children.enumerated() {
                if index > 0 && child.isBlock { text += "\n" }
                child.appendPlainText(to: &text)
            }
        }
    }

    /// Whether this is a block (paragraph, list, table row, …) rather than inline content.
    public var isBlock: Bool {
        switch kind {
        case .text, .softBreak, .lineBreak, .inlineCode, .inlineHTML, .emphasis, .strong, .strikethrough,
            .link, .image, .footnoteReference:
            false
        default:
            true
        }
    }
}
