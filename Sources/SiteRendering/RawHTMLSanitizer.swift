import NoteModel

/// Makes the raw HTML a note contains safe to publish: only formatting elements and harmless
/// attributes survive, so no script can run and nothing can be fetched but the images a note
/// shows.
///
/// Every tag is read and written anew, so what the browser parses is exactly what was checked:
/// - an allowed element (`details`, `summary`, `code`, `sub`, `p`, `img`, …) is written with
///   only its allowed attributes, values escaped; `href` and `src` must pass `URLPolicy`, and a
///   link to another note's `.md` file becomes its page, as in Markdown links;
/// - any other tag, or anything that only looks like a tag (`<iframe/src=…>`, `<script`,
///   `<!DOCTYPE`, an unterminated `<img src=x`), gets its `<` escaped and shows as text, the
///   way GFM's tagfilter shows `<script>`;
/// - comments are left out (`<!-->` ends a comment early in HTML, so none are passed on);
/// - text between tags passes unchanged.
///
/// `RawHTMLSanitizer.sanitize("<b onclick=x>hi</b><script>")` is `"<b>hi</b>&lt;script>"`.
public enum RawHTMLSanitizer {
    /// Elements a note's raw HTML may use, with the attributes each may carry besides
    /// `globalAttributes`. No presentational attributes (`align`): they are obsolete in HTML,
    /// and the pages must pass the Nu HTML checker.
    public static let allowedElements: [String: Set<String>] = [
        "a": ["href"], "img": ["src", "alt", "width", "height"],
        "details": ["open"], "summary": [],
        "p": [], "div": [], "span": [], "br": [], "hr": [], "blockquote": [], "pre": [],
        "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
        "b": [], "i": [], "em": [], "strong": [], "u": [], "s": [], "del": [], "ins": [], "mark": [], "small": [],
        "code": [], "kbd": [], "samp": [], "var": [], "sub": [], "sup": [], "abbr": [], "q": [], "cite": [],
        "ul": [], "ol": ["start", "type"], "li": [], "dl": [], "dt": [], "dd": [],
        "table": [], "thead": [], "tbody": [], "tfoot": [], "tr": [], "caption": [],
        "th": ["colspan", "rowspan"], "td": ["colspan", "rowspan"],
        "figure": [], "figcaption": [], "picture": [], "wbr": [],
    ]

    /// Attributes any allowed element may carry.
    public static let globalAttributes: Set<String> = ["title", "lang", "dir"]

    /// The `href` of every `<a>` in `html` that `sanitize` keeps, as written: what the link
    /// checker checks in raw HTML.
    public static func linkAddresses(in html: String) -> [String] {
        var reader = RawHTMLReader(html)
        var addresses: [String] = []
        while let token = reader.next() {
            guard case .startTag("a", let attributes, _) = token else { continue }
            for (attribute, value) in attributes where attribute == "href" && URLPolicy.allows(value, as: .link) {
                addresses.append(value)
            }
        }
        return addresses
    }

    /// `html` with every tag rewritten or neutralised (see the type's description).
    public static func sanitize(_ html: String) -> String {
        var reader = RawHTMLReader(html)
        var output = ""
        output.reserveCapacity(html.utf8.count)
        while let token = reader.next() {
            switch token {
            case .text(let text):
                output += text
            case .comment:
                break
            case .notATag:
                output += "&lt;"
            case .startTag(let name, let attributes, let selfClosing):
                guard let allowed = allowedElements[name] else {
                    output += "&lt;"
                    reader.rewindToAfterAngleBracket()
                    continue
                }
                output += "<" + name
                for (attribute, value) in attributes
                where allowed.contains(attribute) || globalAttributes.contains(attribute) {
                    if attribute == "href", !URLPolicy.allows(value, as: .link) { continue }
                    if attribute == "src", !URLPolicy.allows(value, as: .image) { continue }
                    let written = attribute == "href" ? Note.pageAddress(forLink: value) : value
                    output += " " + attribute + "=\"" + HTMLSerializer.escapedAttributeValue(written) + "\""
                }
                output += selfClosing ? " />" : ">"
            case .endTag(let name):
                guard allowedElements[name] != nil else {
                    output += "&lt;"
                    reader.rewindToAfterAngleBracket()
                    continue
                }
                output += "</" + name + ">"
            }
        }
        return output
    }
}

/// Reads raw HTML as text and tags, the way an HTML5 parser tokenizes it outside of raw-text
/// elements (which the sanitizer never lets open).
struct RawHTMLReader {
    enum Token: Equatable {
        case text(String)
        case startTag(name: String, attributes: [(String, String)], selfClosing: Bool)
        case endTag(name: String)
        case comment
        /// A `<` that does not open a tag a browser would read as one.
        case notATag

        static func == (a: Token, b: Token) -> Bool {
            switch (a, b) {
            case (.text(let x), .text(let y)): return x == y
            case (.startTag(let n1, let a1, let s1), .startTag(let n2, let a2, let s2)):
                return n1 == n2 && s1 == s2 && a1.map(\.0) == a2.map(\.0) && a1.map(\.1) == a2.map(\.1)
            case (.endTag(let x), .endTag(let y)): return x == y
            case (.comment, .comment), (.notATag, .notATag): return true
            default: return false
            }
        }
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// Where the last tag's `<` was, so a refused tag can be read again as text.
    private var lastTagStart = 0

    init(_ html: String) {
        scalars = Array(html.unicodeScalars)
    }

    /// After a tag was refused: go on reading right after its `<`, so its inside is text.
    mutating func rewindToAfterAngleBracket() {
        position = lastTagStart + 1
    }

    mutating func next() -> Token? {
        guard position < scalars.count else { return nil }
        guard scalars[position] == "<" else {
            let start = position
            while position < scalars.count, scalars[position] != "<" { position += 1 }
            return .text(String(String.UnicodeScalarView(scalars[start..<position])))
        }
        lastTagStart = position
        if starts(with: "<!--", at: position) {
            guard let end = find("-->", from: position + 4) else { return refuse() }
            position = end + 3
            return .comment
        }
        if position + 1 < scalars.count, scalars[position + 1] == "/" {
            guard position + 2 < scalars.count, Self.isASCIILetter(scalars[position + 2]) else { return refuse() }
            var cursor = position + 2
            let name = readName(&cursor)
            // An end tag's attributes mean nothing; skip to its `>`.
            guard let close = findTagEnd(from: cursor) else { return refuse() }
            position = close + 1
            return .endTag(name: name)
        }
        guard position + 1 < scalars.count, Self.isASCIILetter(scalars[position + 1]) else { return refuse() }
        var cursor = position + 1
        let name = readName(&cursor)
        var attributes: [(String, String)] = []
        var selfClosing = false
        while true {
            while cursor < scalars.count, Self.isSpace(scalars[cursor]) || scalars[cursor] == "/" {
                selfClosing = scalars[cursor] == "/"
                cursor += 1
            }
            guard cursor < scalars.count else { return refuse() }
            if scalars[cursor] == ">" {
                position = cursor + 1
                return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
            }
            selfClosing = false
            let attributeStart = cursor
            cursor += 1  // an attribute name may start with `=`
            while cursor < scalars.count, !Self.isSpace(scalars[cursor]),
                !"/>=".unicodeScalars.contains(scalars[cursor])
            {
                cursor += 1
            }
            let attributeName = String(String.UnicodeScalarView(scalars[attributeStart..<cursor])).lowercased()
            var value = ""
            var afterName = cursor
            while afterName < scalars.count, Self.isSpace(scalars[afterName]) { afterName += 1 }
            if afterName < scalars.count, scalars[afterName] == "=" {
                cursor = afterName + 1
                while cursor < scalars.count, Self.isSpace(scalars[cursor]) { cursor += 1 }
                guard cursor < scalars.count else { return refuse() }
                if scalars[cursor] == "\"" || scalars[cursor] == "'" {
                    let quote = scalars[cursor]
                    let valueStart = cursor + 1
                    guard let end = scalars[valueStart...].firstIndex(of: quote) else { return refuse() }
                    value = String(String.UnicodeScalarView(scalars[valueStart..<end]))
                    cursor = end + 1
                } else {
                    let valueStart = cursor
                    while cursor < scalars.count, !Self.isSpace(scalars[cursor]), scalars[cursor] != ">" { cursor += 1 }
                    value = String(String.UnicodeScalarView(scalars[valueStart..<cursor]))
                }
            }
            // The first of two attributes with one name wins, as in HTML.
            if !attributes.contains(where: { $0.0 == attributeName }) {
                attributes.append((attributeName, CharacterReferences.decode(value)))
            }
        }
    }

    private mutating func refuse() -> Token {
        position = lastTagStart + 1
        return .notATag
    }

    private func readName(_ cursor: inout Int) -> String {
        let start = cursor
        while cursor < scalars.count, !Self.isSpace(scalars[cursor]), scalars[cursor] != "/", scalars[cursor] != ">" {
            cursor += 1
        }
        return String(String.UnicodeScalarView(scalars[start..<cursor])).lowercased()
    }

    /// The `>` that ends a tag whose name ends at `start`, skipping quoted values.
    private func findTagEnd(from start: Int) -> Int? {
        var quote: Unicode.Scalar?
        for index in start..<scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                return index
            }
        }
        return nil
    }

    private func starts(with prefix: String, at index: Int) -> Bool {
        let prefixScalars = Array(prefix.unicodeScalars)
        guard index + prefixScalars.count <= scalars.count else { return false }
        return Array(scalars[index..<index + prefixScalars.count]) == prefixScalars
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            if starts(with: needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }
}
