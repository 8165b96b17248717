import Foundation
import Markdown
import NoteModel
import NoteResults

/// The site's full-text search index: every section of every note (the text under a heading up
/// to the next one), findable by its words, the identifiers of its code and the numbers its
/// blocks computed, so searching `0.8959` finds the section that shows it.
///
/// Written as a script (`assets/search-index.js`) because browsers do not let a page read a
/// JSON file from `file://`. Its shape, kept small:
///
/// ```js
/// window.notesgenSearch = {
///   "pages": [["3-self-attention-matrix-math.html", "Self-attention matrix math"], …],
///   "sections": [[0, "why-divide-by-dk", "Why divide by √d_k", "snippet…"], …],  // page, anchor, heading path
///   "terms": ["0.8959", "attention", …],         // sorted
///   "postings": "4 5|0 1*3 1 5|…"                 // per term: its sections, as gaps in base 36,
/// };                                               // `*n`: the term occurs n (base 36) times there
/// ```
///
/// Words so common they would match every section (`the`, `of`, …) are not indexed.
public struct SearchIndex: Sendable, Codable {
    /// Where the index is written, relative to the site's root.
    public static let path = "assets/search-index.js"

    /// One searchable section.
    public struct Section: Sendable, Hashable, Codable {
        /// The page's href and the note's title.
        public var page: String
        public var title: String
        /// The heading's anchor; empty for the part of a note before its first `##`.
        public var anchor: String
        /// `Heading › Subheading`; empty for the part before the first `##`.
        public var path: String
        /// The start of the section's prose, for the result list.
        public var snippet: String
        /// Each term and how often the section holds it (results that hold it more rank higher).
        public var terms: [String: Int]
    }

    public private(set) var sections: [Section] = []

    public init() {}

    init(sections: [Section]) {
        self.sections = sections
    }

    /// Longest snippet shown under a result, in characters (cut at a word).
    static let snippetLength = 100

    /// Words left out of the index: they match nearly every section.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of",
        "on", "or", "that", "the", "this", "to", "was", "we", "with", "you", "your",
    ]

    /// Adds the sections of one note: its prose by heading, its code's identifiers, and the
    /// numbers and text its blocks showed (`results` by block index).
    public mutating func add(note: Note, results: [BlockResult?]) {
        let page = Note.pageHref(forSlug: note.slug)
        var anchors = HeadingAnchorGenerator()
        var headingPath: [(level: Int, text: String)] = []
        var current = SectionText(anchor: "", path: "")
        let resultsByLine = Dictionary(
            uniqueKeysWithValues: note.blocks.map { block in
                (block.range.start.line, block.index < results.count ? results[block.index] : nil)
            })

        func finish() {
            let words = SearchTerms.terms(in: current.text + " " + note.title + " " + current.path) + current.extraTerms
            let terms = Dictionary(words.filter { !Self.stopWords.contains($0) }.map { ($0, 1) }, uniquingKeysWith: +)
            if !terms.isEmpty {
                sections.append(
                    Section(
                        page: page, title: note.title, anchor: current.anchor, path: current.path,
                        snippet: Self.snippet(of: current.text), terms: terms))
            }
        }

        note.document.walk { node, _ in
            switch node.kind {
            case .heading(let level):
                let text = node.plainText
                let anchor = anchors.anchor(for: text)
                // The note's title opens the first section; every other heading its own.
                guard level > 1 else { return }
                finish()
                headingPath.removeAll { $0.level >= level }
                headingPath.append((level, text))
                current = SectionText(anchor: anchor, path: headingPath.map(\.text).joined(separator: " › "))
            case .paragraph, .tableCell:
                current.text += node.plainText + " "
            case .codeBlock(let info, let literal, _):
                let language = info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                guard language != OutputBlocksLanguage.output else { return }
                current.extraTerms += SearchTerms.terms(in: literal)
                if let result = resultsByLine[node.range.start.line], let result {
                    current.extraTerms += Self.terms(shownBy: result)
                }
            default:
                break
            }
        }
        finish()
    }

    /// The words and numbers a block showed, as the page writes them.
    static func terms(shownBy result: BlockResult) -> [String] {
        var terms: [String] = []
        for output in result.outputs {
            switch output {
            case .table(let tensor), .heatmap(let tensor):
                terms += (tensor.title.map(SearchTerms.terms(in:)) ?? [])
                terms += (tensor.rowLabels ?? []).flatMap(SearchTerms.terms(in:))
                terms += (tensor.columnLabels ?? []).flatMap(SearchTerms.terms(in:))
                if !tensor.isBoolean {
                    terms += tensor.values.indices.flatMap { SearchTerms.terms(in: tensor.formattedValue(at: $0)) }
                }
            case .text(let text):
                terms += SearchTerms.terms(in: text)
            case .attentionLines(let figure):
                terms += ([figure.title ?? ""] + figure.queries + figure.keys).flatMap(SearchTerms.terms(in:))
            case .plot(let plot):
                terms += ([plot.title ?? "", plot.xAxis.label, plot.yAxis.label] + plot.series.map(\.name))
                    .flatMap(SearchTerms.terms(in:))
            case .attentionSteps(let steps):
                terms += ([steps.title ?? "", steps.query] + steps.keys).flatMap(SearchTerms.terms(in:))
            }
        }
        return terms
    }

    /// Adds the sections of another index (of other notes) after this one's.
    public mutating func append(_ other: SearchIndex) {
        sections += other.sections
    }

    /// The first words of `text`, at most `snippetLength` characters, never cut inside a word.
    static func snippet(of text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var snippet = ""
        for word in words {
            if snippet.count + word.count + 1 > snippetLength { return snippet + " …" }
            snippet += (snippet.isEmpty ? "" : " ") + word
        }
        return snippet
    }

    /// The index as the script the pages load.
    public var script: String {
        let terms = Set(sections.flatMap(\.terms.keys)).sorted()
        let termNumbers = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, $0) })
        var postings = Array(repeating: [(section: Int, count: Int)](), count: terms.count)
        for (number, section) in sections.enumerated() {
            for (term, count) in section.terms { postings[termNumbers[term]!].append((number, count)) }
        }
        var pages: [[String]] = []
        var pageNumbers: [String: Int] = [:]
        var sectionRows: [SectionRow] = []
        for section in sections {
            if pageNumbers[section.page] == nil {
                pageNumbers[section.page] = pages.count
                pages.append([section.page, section.title])
            }
            sectionRows.append(SectionRow(page: pageNumbers[section.page]!, section: section))
        }
        let gaps = postings.map { list in
            zip(list, [(0, 0)] + list).map { entry, previous in
                String(entry.section - previous.section, radix: 36)
                    + (entry.count > 1 ? "*" + String(min(entry.count, 1295), radix: 36) : "")
            }.joined(separator: " ")
        }
        return "window.notesgenSearch = {\n\"pages\": " + Self.json(pages) + ",\n\"sections\": "
            + Self.json(sectionRows) + ",\n\"terms\": " + Self.json(terms) + ",\n\"postings\": "
            + Self.json(gaps.joined(separator: "|")) + "\n};\n"
    }

    /// A section as the script stores it: `[page number, anchor, heading path, snippet]`.
    private struct SectionRow: Encodable {
        var page: Int
        var section: Section

        func encode(to encoder: Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(page)
            try container.encode(section.anchor)
            try container.encode(section.path)
            try container.encode(section.snippet)
        }
    }

    /// Compact, deterministic JSON, safe inside a script (`<` is written `\u003c`).
    static func json<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        // Replaced in the UTF-8 bytes: Foundation's `replacingOccurrences` walked the whole
        // index as UTF-16, a tenth of a rebuild at 100 notes.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count)
        for byte in data {
            if byte == UInt8(ascii: "<") { bytes += "\\u003c".utf8 } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The text of the section being collected.
private struct SectionText {
    var anchor: String
    var path: String
    var text = ""
    var extraTerms: [String] = []
}

/// The language word of recorded-output fences (they repeat what the blocks computed).
private enum OutputBlocksLanguage {
    static let output = "output"
}
