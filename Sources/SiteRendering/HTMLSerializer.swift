/// Writes `HTMLNode`s as text: escapes text and attribute values, and puts a line break after
/// block-level elements so the pages read well as source and diff line by line.
///
/// Line breaks go only where HTML ignores whitespace (between block elements, SVG shapes and
/// table cells), never inside text, `pre` or inline elements.
struct HTMLSerializer {
    private(set) var output = ""

    /// Elements that have no end tag and no content.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ]

    /// Elements followed by a line break after their end tag (or after the tag, when void).
    private static let lineBreakAfterEnd: Set<String> = [
        "html", "head", "body", "header", "footer", "main", "nav", "article", "aside", "section",
        "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
        "table", "caption", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "hr",
        "meta", "link", "title", "svg", "g", "defs", "rect", "text", "line", "path", "pattern",
        "linearGradient", "stop", "details", "summary", "fieldset", "circle",
    ]

    /// Containers whose children are blocks: a line break after the start tag too.
    private static let lineBreakAfterStart: Set<String> = [
        "html", "head", "body", "header", "footer", "main", "nav", "article", "aside", "section",
        "div", "ul", "ol", "blockquote", "table", "thead", "tbody", "tr", "figure", "svg", "g",
        "defs", "pattern", "linearGradient",
    ]

    mutating func write(_ node: HTMLNode) {
        switch node.content {
        case .text(let text):
            output += Self.escapedText(text)
        case .trustedMarkup(let markup):
            output += markup
        case .fragment(let nodes):
            for child in nodes { write(child) }
        case .element(let name, let attributes, let children):
            output += "<" + name
            for attribute in attributes.attributes {
                output += " " + attribute.name
                if let value = attribute.value {
                    output += "=\"" + Self.escapedAttributeValue(value) + "\""
                }
            }
            output += ">"
            if Self.voidElements.contains(name) {
                if Self.lineBreakAfterEnd.contains(name) { output += "\n" }
                return
            }
            if Self.lineBreakAfterStart.contains(name) { output += "\n" }
            for child in children { write(child) }
            output += "</" + name + ">"
            if Self.lineBreakAfterEnd.contains(name) { output += "\n" }
        }
    }

    /// `&`, `<` and `>` as character references.
    static func escapedText(_ text: String) -> String {
        escaped(text, includingQuotes: false)
    }

    /// Text escaping plus `"`, since attribute values are always double-quoted.
    static func escapedAttributeValue(_ value: String) -> String {
        escaped(value, includingQuotes: true)
    }

    private static func escaped(_ text: String, includingQuotes: Bool) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where includingQuotes: escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
