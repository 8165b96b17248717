/// A code block: `<pre><code class="language-…">`, with Swift highlighted.
enum CodeView {
    /// - Parameters:
    ///   - code: the code, shown verbatim (escaped).
    ///   - language: the fence's first word; nil for an indented block (no class).
    static func render(code: String, language: String?) -> HTMLNode {
        guard let language else {
            return .element("pre", [], [.element("code", [], [.text(code)])])
        }
        let content: [HTMLNode] = language == "swift" ? SwiftHighlighter.highlight(code) : [.text(code)]
        return .element("pre", [], [.element("code", ["class": "language-" + language], content)])
    }
}
