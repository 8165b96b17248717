import Foundation
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
    /// The `key: value` lines of the note's front matter (`summary: …`); empty without one.
    public var metadata: [String: String] = [:]

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
    /// `key: value` lines of a front matter block as a dictionary; other lines are ignored and
    /// a value may be quoted (`summary: "…"`).
    public static func metadata(fromFrontMatter lines: [String]) -> [String: String] {
        var metadata: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("#") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            if !key.isEmpty, metadata[key] == nil { metadata[key] = value }
        }
        return metadata
    }

    /// The page name of a note file: the file name without `.md`, lower-cased, spaces and
    /// underscores as `-` (`3_Self Attention` → `3-self-attention`).
    public static func slug(forFileName name: String) -> String {
        String(name.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
    }

    /// The file the page of the note with `slug` is written to: `3-self-attention.html`.
    public static func pageFileName(forSlug slug: String) -> String {
        slug + ".html"
    }

    /// The page of the note with `slug` as a relative URL, percent-encoded so that a note named
    /// `What?.md`, `#1.md` or `100%.md` still has a working link: `what%3F.html`.
    public static func pageHref(forSlug slug: String) -> String {
        percentEncoded(pageFileName(forSlug: slug))
    }

    /// The note file and heading a link written in a note points to, when it points to a note:
    /// a relative `.md` file name of this folder, percent-encoded as on GitHub
    /// (`3_Self%20Attention.md#why`) or not. Nil for every other link.
    public static func noteTarget(ofLink destination: String) -> (fileName: String, fragment: String?)? {
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let written = String(parts[0])
        // A `?` starts a query; a `:` before any `/` a scheme; a `/` another folder.
        guard !written.contains("?"), !written.contains(":"), !written.contains("/") else { return nil }
        let fileName = percentDecoded(written)
        guard fileName.hasSuffix(".md"), fileName.count > 3, !fileName.hasPrefix(".") else {
            return nil
        }
        return (fileName, parts.count == 2 ? percentDecoded(String(parts[1])) : nil)
    }

    /// A link as written in a note, made to work on the site: a relative link to another note's
    /// Markdown file (`3_Self-Attention_Matrix_Math.md#why`) becomes its page
    /// (`3-self-attention-matrix-math.html#why`), so the same link works on GitHub and on the
    /// site. Other links are returned unchanged.
    public static func pageAddress(forLink destination: String) -> String {
        guard let target = noteTarget(ofLink: destination) else { return destination }
        let page = pageHref(forSlug: slug(forFileName: String(target.fileName.dropLast(3))))
        return target.fragment.map { page + "#" + percentEncoded($0) } ?? page
    }

    /// `text` with every byte but ASCII letters, digits and `-._~` written as `%XX`.
    public static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.isASCII,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar)
            {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }

    /// `text` with its `%XX` sequences decoded; text that does not decode to UTF-8 (a lone
    /// `100%`) is taken as written.
    public static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"),
                let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), high < utf8.endIndex,
                let low = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), low < utf8.endIndex,
                let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index = utf8.index(index, offsetBy: 3)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? text
    }
}
