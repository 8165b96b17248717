import Foundation
import Testing
@testable import Markdown

@Suite("Blocks")
struct BlockParsingTests {
    @Test("ATX headings keep their level, text and line")
    func atxHeadings() {
        let document = MarkdownParser.parse("# One\n\n## Two *b*\n\n###### Six\n")
        #expect(document.kind == .document)
        #expect(document.childKinds == [.heading(level: 1), .heading(level: 2), .heading(level: 6)])
        #expect(document.children.map(\.plainText) == ["One", "Two b", "Six"])
        #expect(document[0].range == range(1, 1, 1, 5))
        #expect(document[1].range == range(3, 1, 3, 10))
        #expect(document[2].range == range(5, 1, 5, 10))
        #expect(document[0, 0].range == range(1, 3, 1, 5))
    }

    @Test("A setext heading spans its text and its underline")
    func setextHeading() {
        let document = MarkdownParser.parse("Setext\nHeading\n===\n\nafter\n")
        #expect(document[0].kind == .heading(level: 1))
        #expect(document[0].range == range(1, 1, 3, 3))
        #expect(document[0].plainText == "Setext Heading")
    }

    @Test("Paragraphs, thematic breaks and block quotes")
    func simpleBlocks() {
        let document = MarkdownParser.parse("First\nline two\n\n***\n\n> quoted\n> more\n")
        #expect(document.childKinds == [.paragraph, .thematicBreak, .blockQuote])
        #expect(document[0].range == range(1, 1, 2, 8))
        #expect(document[1].range == range(4, 1, 4, 3))
        #expect(document[2].range == range(6, 1, 7, 6))
        #expect(document[2].childKinds == [.paragraph])
        #expect(document[2].plainText == "quoted more")
    }

    @Test("Lists: ordered with start number, bullet, tight and loose")
    func lists() {
        let document = MarkdownParser.parse("3. three\n4. four\n\n- a\n\n- b\n")
        #expect(document[0].kind == .list(isOrdered: true, start: 3, isTight: true))
        #expect(document[0].childKinds == [.listItem(taskChecked: nil), .listItem(taskChecked: nil)])
        #expect(document[0].range == range(1, 1, 2, 7))
        #expect(document[1].kind == .list(isOrdered: false, start: 0, isTight: false))
        #expect(document[1, 1].plainText == "b")
    }

    @Test("Raw HTML blocks keep their source")
    func htmlBlock() {
        let document = MarkdownParser.parse("<div class=\"note\">\nhi\n</div>\n\ntext\n")
        #expect(document[0].kind == .htmlBlock("<div class=\"note\">\nhi\n</div>\n"))
        #expect(document[0].range == range(1, 1, 3, 6))
    }

    @Test("An empty document is a document with no children")
    func emptyDocument() {
        for source in ["", "\n", "\n\n  \n"] {
            let document = MarkdownParser.parse(source)
            #expect(document.kind == .document)
            #expect(document.children.isEmpty)
            #expect(document.range.start == SourcePosition(line: 1, column: 1))
            #expect(document.range.start <= document.range.end)
        }
    }

    @Test("Unicode text survives, columns count UTF-8 bytes")
    func unicodeText() {
        let document = MarkdownParser.parse("# Résumé — 注意力 🙂\n\nsoftmax(QKᵀ/√d) *é*\n")
        #expect(document[0].plainText == "Résumé — 注意力 🙂")
        #expect(document[1, 0].kind == .text("softmax(QKᵀ/√d) "))
        // "softmax(QKᵀ/√d) " is 16 characters but 20 bytes: ᵀ and √ take 3 bytes each.
        #expect(document[1, 1].range.start.column == 21)
        #expect(document[1, 1, 0].kind == .text("é"))
    }

    @Test("CRLF and lone CR line endings give the same tree as LF")
    func lineEndings() {
        let lf = """
            # Title

            Para one
            continues\u{20}\u{20}
            hard break

            ```swift-attn hide
            let x = 1

            print(x)
            ```

            - item
              > quote

            <div>
            raw
            </div>

            | a | b |
            |---|--:|
            | 1 | 2 |

            """
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        #expect(crlf.contains("\r\n"))
        let expected = MarkdownParser.parse(lf)
        #expect(MarkdownParser.parse(crlf) == expected)
        #expect(MarkdownParser.parse(cr) == expected)
        #expect(
            expected[2].kind == .codeBlock(info: "swift-attn hide", literal: "let x = 1\n\nprint(x)\n", isFenced: true))
        #expect(expected[2].range == range(7, 1, 11, 3))
    }
}

/// YAML front matter is metadata: it is kept aside, not rendered as a rule and a heading.
@Suite struct FrontMatterTests {
    @Test func frontMatterIsSetAsideAndLinesStayWhereTheyWere() {
        let parsed = MarkdownParser.parseDocument("---\ntitle: Attention\nsummary: x\n---\n# Title\n\nText.\n")
        #expect(parsed.frontMatter == ["title: Attention", "summary: x"])
        #expect(parsed.root.children.map(\.kind.name) == [.heading, .paragraph])
        #expect(parsed.root.children[0].range.start.line == 5)
    }

    @Test func aRuleThatDoesNotOpenTheFileIsARule() {
        let parsed = MarkdownParser.parseDocument("# Title\n\n---\ntext\n---\n")
        #expect(parsed.frontMatter == nil)
        #expect(parsed.root.children.map(\.kind.name).contains(.thematicBreak))
        #expect(MarkdownParser.parseDocument("---\nno end\n").frontMatter == nil)
    }
}
