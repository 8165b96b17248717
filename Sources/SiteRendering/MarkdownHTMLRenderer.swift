import NoteModel
import Markdown

/// A heading of a rendered note, for the page's table of contents.
public struct RenderedHeading: Sendable, Hashable {
    /// 1 for `#`, 2 for `##`, …
    public var level: Int
    /// The heading's plain text (markup removed).
    public var text: String
    /// The heading's `id`, unique within the page.
    public var anchor: String

    public init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

/// A note's Markdown as HTML, with the headings it contains.
public struct RenderedMarkdown: Sendable, Hashable {
    /// The document's content, footnotes section included (no `article` around it).
    public var body: HTMLNode
    /// Every heading, in document order, with the anchor its `id` carries.
    public var headings: [RenderedHeading]
}

/// Turns a parsed Markdown document into HTML the way GitHub shows it, with two changes for
/// the site: fenced `output` blocks are left out (the site shows computed results instead),
/// and fenced `swift-attn` blocks are replaced by the views the caller provides.
///
/// ```swift
/// let renderer = MarkdownHTMLRenderer(blockViews: [12: view])  // the fence on line 12
/// let rendered = renderer.render(note.document)
/// rendered.body.html
/// ```
///
/// Raw HTML of the author passes through `RawHTMLSanitizer`, link and image addresses through
/// `URLPolicy`; every other text is escaped.
/// Headings get GitHub-style anchors (`HeadingAnchorGenerator`; `section` when the heading has
/// no letters or digits) and a self-link; footnotes are
/// numbered in order of first reference and collected in a section at the end.
public struct MarkdownHTMLRenderer: Sendable {
    /// The views replacing `swift-attn` fences, by the line of the opening fence.
    public var blockViews: [Int: HTMLNode]

    /// - Parameter blockViews: what to show in place of the `swift-attn` fence that opens on
    ///   each line; a `swift-attn` fence without a view is shown as plain Swift code.
    public init(blockViews: [Int: HTMLNode] = [:]) {
        self.blockViews = blockViews
    }

    /// The document as HTML. Rendering the same document twice gives identical output.
    public func render(_ document: MarkdownNode) -> RenderedMarkdown {
        var walk = MarkdownHTMLWalk(blockViews: blockViews, footnotes: FootnoteNumbering(document))
        let content = walk.nodes(for: document)
        let footnotes = walk.footnotesSection()
        return RenderedMarkdown(
            body: .fragment(content + (footnotes.map { [$0] } ?? [])), headings: walk.headings)
    }
}

/// The state of one rendering: anchors handed out, headings met, footnote references seen.
private struct MarkdownHTMLWalk {
    let blockViews: [Int: HTMLNode]
    let footnotes: FootnoteNumbering
    var anchors = HeadingAnchorGenerator()
    var headings: [RenderedHeading] = []
    /// How many references to each footnote number have been rendered so far.
    var referenceCounts: [Int: Int] = [:]

    init(blockViews: [Int: HTMLNode], footnotes: FootnoteNumbering) {
        self.blockViews = blockViews
        self.footnotes = footnotes
    }

    mutating func nodes(for node: MarkdownNode, inTightList: Bool = false) -> [HTMLNode] {
        switch node.kind {
        case .document:
            return children(of: node)
        case .blockQuote:
            return [.element("blockquote", [], children(of: node))]
        case .list(let isOrdered, let start, let isTight):
            return [list(node, isOrdered: isOrdered, start: start, isTight: isTight)]
        case .listItem(let taskChecked):
            return [listItem(node, taskChecked: taskChecked, inTightList: inTightList)]
        case .codeBlock(let info, let literal, let isFenced):
            return codeBlock(info: info, literal: literal, isFenced: isFenced, line: node.range.start.line)
        case .htmlBlock(let html), .inlineHTML(let html):
            return [.trustedMarkup(RawHTMLSanitizer.sanitize(html))]
        case .paragraph:
            let content = children(of: node)
            return inTightList ? content : [.element("p", [], content)]
        case .heading(let level):
            return [heading(node, level: level)]
        case .thematicBreak:
            return [.element("hr")]
        case .table(let alignments):
            return [table(node, alignments: alignments)]
        case .tableRow, .tableCell:
            // Rows and cells are rendered by `table`, which knows the alignments.
            return children(of: node)
        case .footnoteDefinition:
            // Collected into the footnotes section at the end.
            return []
        case .text(let text):
            return [.text(text)]
        case .softBreak:
            return [.text("\n")]
        case .lineBreak:
            return [.element("br"), .text("\n")]
        case .inlineCode(let code):
            return [.element("code", [], [.text(code)])]
        case .emphasis:
            return [.element("em", [], children(of: node))]
        case .strong:
            return [.element("strong", [], children(of: node))]
        case .strikethrough:
            return [.element("del", [], children(of: node))]
        case .link(let destination, _) where !URLPolicy.allows(destination, as: .link):
            // Not published as a link: its text stays.
            return children(of: node)
        case .link(let destination, let title):
            let href = Note.pageAddress(forLink: destination)
            let attributes: HTMLAttributes =
                title.isEmpty
                ? ["href": href] : ["href": href, "title": title]
            return [.element("a", attributes, children(of: node))]
        case .image(let source, _) where !URLPolicy.allows(source, as: .image):
            return [.text(node.plainText)]
        case .image(let source, let title):
            var attributes: HTMLAttributes = ["src": source, "alt": node.plainText]
            if !title.isEmpty { attributes.append("title", title) }
            return [.element("img", attributes)]
        case .footnoteReference(let label):
            return [footnoteReference(label: label)]
        }
    }

    /// The children's HTML; `` $`…`$ `` among them becomes an inline formula (`MarkdownMath`).
    private mutating func children(of node: MarkdownNode, inTightList: Bool = false) -> [HTMLNode] {
        MarkdownMath.pieces(node.children).flatMap { piece -> [HTMLNode] in
            switch piece {
            case .node(let child): return nodes(for: child, inTightList: inTightList)
            case .inlineFormula(let latex, _): return [MathView.inline(latex)]
            }
        }
    }

    // MARK: Blocks

    private mutating func heading(_ node: MarkdownNode, level: Int) -> HTMLNode {
        let text = node.plainText
        let anchor = anchors.anchor(for: text)
        headings.append(RenderedHeading(level: level, text: text, anchor: anchor))
        // Hidden from assistive technology, so the heading's name is its text alone; the
        // table of contents links every section already.
        let selfLink = HTMLNode.element(
            "a", ["class": "anchor", "href": "#" + anchor, "aria-hidden": "true", "tabindex": "-1"],
            [.text("#")])
        return .element("h\(min(max(level, 1), 6))", ["id": anchor], children(of: node) + [selfLink])
    }

    private mutating func list(_ node: MarkdownNode, isOrdered: Bool, start: Int, isTight: Bool) -> HTMLNode {
        var attributes: HTMLAttributes = []
        if isOrdered, start != 1 { attributes.append("start", String(start)) }
        let hasTasks = node.children.contains {
            if case .listItem(taskChecked: .some) = $0.kind { return true }
            return false
        }
        if hasTasks { attributes.append("class", "contains-task-list") }
        return .element(isOrdered ? "ol" : "ul", attributes, children(of: node, inTightList: isTight))
    }

    /// `<li>`; a task item starts with a disabled checkbox, inside its first paragraph.
    private mutating func listItem(_ node: MarkdownNode, taskChecked: Bool?, inTightList: Bool) -> HTMLNode {
        guard let taskChecked else {
            return .element("li", [], children(of: node, inTightList: inTightList))
        }
        var checkboxAttributes: HTMLAttributes = ["type": "checkbox", "disabled": nil]
        if taskChecked { checkboxAttributes.append("checked", nil) }
        let checkbox: [HTMLNode] = [.element("input", checkboxAttributes), .text(" ")]

        var content: [HTMLNode]
        if let first = node.children.first, first.kind == .paragraph {
            let firstContent = checkbox + children(of: first)
            content = inTightList ? firstContent : [.element("p", [], firstContent)]
            content += node.children.dropFirst().flatMap { nodes(for: $0, inTightList: inTightList) }
        } else {
            content = checkbox + children(of: node, inTightList: inTightList)
        }
        return .element("li", ["class": "task-list-item"], content)
    }

    private func codeBlock(info: String, literal: String, isFenced: Bool, line: Int) -> [HTMLNode] {
        let language = info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        switch language {
        case "output":
            return []
        case MarkdownMath.fenceLanguage:
            return [MathView.display(literal)]
        case "swift-attn":
            if let view = blockViews[line] { return [view] }
            return [CodeView.render(code: literal, language: "swift")]
        default:
            return [CodeView.render(code: literal, language: language.isEmpty ? nil : language)]
        }
    }

    /// A GFM table inside a wrapper that scrolls sideways when the table is wider than the page.
    private mutating func table(_ node: MarkdownNode, alignments: [TableAlignment]) -> HTMLNode {
        var head: [HTMLNode] = []
        var body: [HTMLNode] = []
        for row in node.children {
            guard case .tableRow(let isHeader) = row.kind else { continue }
            let cells = row.children.enumerated().map { column, cell in
                tableCell(cell, isHeader: isHeader, alignment: column < alignments.count ? alignments[column] : .none)
            }
            if isHeader {
                head.append(.element("tr", [], cells))
            } else {
                body.append(.element("tr", [], cells))
            }
        }
        var sections: [HTMLNode] = []
        if !head.isEmpty { sections.append(.element("thead", [], head)) }
        if !body.isEmpty { sections.append(.element("tbody", [], body)) }
        return .element("div", ["class": "table-wrapper"], [.element("table", [], sections)])
    }

    private mutating func tableCell(_ cell: MarkdownNode, isHeader: Bool, alignment: TableAlignment) -> HTMLNode {
        var attributes: HTMLAttributes = []
        switch alignment {
        case .none: break
        case .left: attributes.append("style", "text-align: left")
        case .center: attributes.append("style", "text-align: center")
        case .right: attributes.append("style", "text-align: right")
        }
        return .element(isHeader ? "th" : "td", attributes, children(of: cell))
    }

    // MARK: Footnotes

    /// `<sup>` linking to the definition; a reference to an undefined label stays as written.
    private mutating func footnoteReference(label: String) -> HTMLNode {
        guard let number = footnotes.number(of: label) else { return .text("[^\(label)]") }
        let occurrence = referenceCounts[number, default: 0] + 1
        referenceCounts[number] = occurrence
        return .element(
            "sup", ["class": "footnote-ref"],
            [
                .element(
                    "a",
                    ["href": "#fn-\(number)", "id": FootnoteNumbering.referenceID(number, occurrence)],
                    [.text(String(number))])
            ])
    }

    /// `<section class="footnotes">` with the referenced definitions in order of number, each
    /// ending in links back to every reference; nil when nothing was referenced.
    mutating func footnotesSection() -> HTMLNode? {
        guard !footnotes.orderedDefinitions.isEmpty else { return nil }
        var items: [HTMLNode] = []
        for (index, definition) in footnotes.orderedDefinitions.enumerated() {
            let number = index + 1
            var content = definition.children.flatMap { nodes(for: $0) }
            let backLinks = backLinks(number: number)
            // Like GitHub, the back-links end the definition's last paragraph.
            if let last = definition.children.last, last.kind == .paragraph {
                content.removeLast()
                content.append(.element("p", [], children(of: last) + backLinks))
            } else {
                content.append(.element("p", [], backLinks))
            }
            items.append(.element("li", ["id": "fn-\(number)"], content))
        }
        return .element(
            "section", ["class": "footnotes", "aria-label": "Footnotes"], [.element("ol", [], items)])
    }

    private func backLinks(number: Int) -> [HTMLNode] {
        let count = max(referenceCounts[number, default: 0], 1)
        return (1...count).flatMap { occurrence -> [HTMLNode] in
            let label = occurrence == 1 ? "Back to reference \(number)" : "Back to reference \(number)-\(occurrence)"
            var arrow: [HTMLNode] = [.text("↩")]
            if occurrence > 1 { arrow.append(.element("sup", [], [.text(String(occurrence))])) }
            return [
                .text(" "),
                .element(
                    "a",
                    [
                        "href": "#" + FootnoteNumbering.referenceID(number, occurrence),
                        "class": "footnote-backref", "aria-label": label,
                    ], arrow),
            ]
        }
    }
}

/// Footnote numbers in order of first reference, as GitHub numbers them.
private struct FootnoteNumbering {
    /// The definitions that are referenced, in order of number (the first is number 1).
    private(set) var orderedDefinitions: [MarkdownNode] = []
    private var numbers: [String: Int] = [:]

    init(_ document: MarkdownNode) {
        var definitions: [String: MarkdownNode] = [:]
        var references: [String] = []
        Self.collect(document, definitions: &definitions, references: &references)
        for label in references where numbers[label] == nil {
            guard let definition = definitions[label] else { continue }
            orderedDefinitions.append(definition)
            numbers[label] = orderedDefinitions.count
        }
    }

    func number(of label: String) -> Int? {
        numbers[label]
    }

    /// The `id` of a reference: `fnref-2` for the first reference to footnote 2, `fnref-2-3`
    /// for the third.
    static func referenceID(_ number: Int, _ occurrence: Int) -> String {
        occurrence == 1 ? "fnref-\(number)" : "fnref-\(number)-\(occurrence)"
    }

    private static func collect(
        _ node: MarkdownNode, definitions: inout [String: MarkdownNode], references: inout [String]
    ) {
        switch node.kind {
        case .footnoteDefinition(let label):
            // The first definition of a label wins, as in CommonMark's link reference definitions.
            if definitions[label] == nil { definitions[label] = node }
        case .footnoteReference(let label):
            references.append(label)
        default:
            break
        }
        for child in node.children {
            collect(child, definitions: &definitions, references: &references)
        }
    }
}
