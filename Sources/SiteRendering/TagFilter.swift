/// GitHub Flavored Markdown's tagfilter: raw HTML may not open or close the tags that would
/// change how the rest of the page is parsed.
///
/// The `<` of `<title>`, `</script>`, `<STYLE media=x>`, … becomes `&lt;`, so the tag shows as
/// text; all other raw HTML passes through unchanged. As in cmark-gfm's `tagfilter.c`, a tag
/// counts when its name (any case) is followed by whitespace, `>` or `/>`.
public enum TagFilter {
    /// The tags GFM filters (spec, section 6.11).
    public static let filteredTagNames = [
        "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext",
    ]

    /// `html` with the `<` of every filtered tag replaced by `&lt;`.
    ///
    /// `TagFilter.apply("<script>x</script><b>")` is `"&lt;script>x&lt;/script><b>"`.
    public static func apply(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "<"), opensFilteredTag(bytes, at: index) {
                output.append(contentsOf: "&lt;".utf8)
            } else {
                output.append(bytes[index])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether the `<` at `start` begins `<name` or `</name` of a filtered tag, followed by
    /// whitespace, `>` or `/>`.
    private static func opensFilteredTag(_ bytes: [UInt8], at start: Int) -> Bool {
        var nameStart = start + 1
        if nameStart < bytes.count, bytes[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
        return filteredTagNames.contains { name in
            let nameEnd = nameStart + name.utf8.count
            guard nameEnd < bytes.count else { return false }
            let matchesName = zip(bytes[nameStart..<nameEnd], name.utf8).allSatisfy { byte, letter in
                asciiLowercased(byte) == letter
            }
            guard matchesName else { return false }
            switch bytes[nameEnd] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                0x0B, 0x0C, UInt8(ascii: ">"):
                return true
            case UInt8(ascii: "/"):
                return nameEnd + 1 < bytes.count && bytes[nameEnd + 1] == UInt8(ascii: ">")
            default:
                return false
            }
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
