/// A piece of an HTML (or inline SVG) document, built from typed values so that text and
/// attribute values are escaped by construction, never by string concatenation.
///
/// ```swift
/// let cell: HTMLNode = .element("th", ["scope": "row"], [.text("<script>")])
/// cell.html  // <th scope="row">&lt;script&gt;</th>
/// ```
///
/// Element and attribute names are the program's own (never user data) and are checked by a
/// precondition. Text and attribute values may be anything: they are escaped when rendered.
/// The one way to emit markup verbatim is `trustedMarkup(_:)`, whose name says what it costs.
public struct HTMLNode: Sendable, Hashable {
    enum Content: Sendable, Hashable {
        case element(name: String, attributes: HTMLAttributes, children: [HTMLNode])
        case text(String)
        case trustedMarkup(String)
        case fragment([HTMLNode])
    }

    let content: Content

    private init(_ content: Content) {
        self.content = content
    }

    /// An element `<name attributes…>children…</name>`.
    ///
    /// - Parameters:
    ///   - name: an HTML or SVG element name such as `p`, `td` or `linearGradient`.
    ///   - attributes: written in the order given; values are escaped.
    ///   - children: the element's content. Void elements (`br`, `img`, `meta`, …) have none.
    /// - Precondition: `name` is letters and digits only; a void element has no children.
    public static func element(
        _ name: String, _ attributes: HTMLAttributes = [], _ children: [HTMLNode] = []
    ) -> HTMLNode {
        precondition(
            !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) },
            "HTMLNode: \"\(name)\" is not an element name")
        precondition(
            children.isEmpty || !HTMLSerializer.voidElements.contains(name),
            "HTMLNode: void element <\(name)> cannot have \(children.count) children")
        return HTMLNode(.element(name: name, attributes: attributes, children: children))
    }

    /// Text content; `<`, `>` and `&` are escaped, so `.text("<script>")` shows the word.
    public static func text(_ text: String) -> HTMLNode {
        HTMLNode(.text(text))
    }

    /// Markup written out exactly as given, **without any escaping**.
    ///
    /// Only for markup the site trusts: raw HTML the note's author wrote (after the GFM
    /// `RawHTMLSanitizer`) and nothing derived from a program's output or labels.
    public static func trustedMarkup(_ markup: String) -> HTMLNode {
        HTMLNode(.trustedMarkup(markup))
    }

    /// Several nodes in a row, with no element around them.
    public static func fragment(_ nodes: [HTMLNode]) -> HTMLNode {
        HTMLNode(.fragment(nodes))
    }

    /// The node as HTML text. The same node always gives the same bytes.
    public var html: String {
        var serializer = HTMLSerializer()
        serializer.write(self)
        return serializer.output
    }
}

/// The attributes of an element, in the order they were written.
///
/// Written as a dictionary literal, `["href": "#intro", "class": "anchor"]`, whose order is
/// kept (unlike `Dictionary`'s). A `nil` value is a boolean attribute written by name alone
/// (`disabled`).
public struct HTMLAttributes: Sendable, Hashable, ExpressibleByDictionaryLiteral,
    ExpressibleByArrayLiteral
{
    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var value: String?
    }

    public private(set) var attributes: [Attribute] = []

    /// - Precondition: `name` is a valid attribute name (letters, digits, `-`, `_`, `:`) not
    ///   already present.
    public mutating func append(_ name: String, _ value: String?) {
        precondition(
            !name.isEmpty
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_:".contains($0)) },
            "HTMLAttributes: \"\(name)\" is not an attribute name")
        precondition(
            !attributes.contains { $0.name == name }, "HTMLAttributes: \"\(name)\" given twice")
        attributes.append(Attribute(name: name, value: value))
    }

    /// The same attributes plus `name="value"` at the end.
    public func appending(_ name: String, _ value: String?) -> HTMLAttributes {
        var copy = self
        copy.append(name, value)
        return copy
    }

    public init(dictionaryLiteral elements: (String, String?)...) {
        for (name, value) in elements { append(name, value) }
    }

    /// `[]`: no attributes.
    public init(arrayLiteral elements: Never...) {}
}
