import Testing
@testable import Markdown

@Suite("Inlines")
struct InlineParsingTests {
    @Test("Emphasis, strong, code, links and images")
    func basicInlines() {
        let paragraph = MarkdownParser.parse(
            "Some *em* **strong** `a < b` [link](https://a.b/c \"T\") ![alt *x*](img.png)\n")[0]
        #expect(
            paragraph.childKinds == [
                .text("Some "), .emphasis, .text(" "), .strong, .text(" "), .inlineCode("a < b"), .text(" "),
                .link(destination: "https://a.b/c", title: "T"), .text(" "), .image(source: "img.png", title: ""),
            ])
        #expect(paragraph[1].childKinds == [.text("em")])
        #expect(paragraph[3].childKinds == [.text("strong")])
        #expect(paragraph[7].plainText == "link")
        #expect(paragraph[9].plainText == "alt x")
        #expect(paragraph[1].range == range(1, 6, 1, 9))
        #expect(paragraph[3].range == range(1, 11, 1, 20))
        #expect(paragraph[5].range == range(1, 23, 1, 27))
    }

    @Test("Raw inline HTML is kept as its own nodes")
    func inlineHTML() {
        let paragraph = MarkdownParser.parse("inline <b>x</b> here\n")[0]
        #expect(
            paragraph.childKinds == [
                .text("inline "), .inlineHTML("<b>"), .text("x"), .inlineHTML("</b>"), .text(" here"),
            ])
        #expect(paragraph[1].range == range(1, 8, 1, 10))
    }

    @Test("Soft and hard breaks, which cmark leaves unpositioned, sit where the line ends")
    func lineBreaks() {
        let paragraph = MarkdownParser.parse("one\ntwo\\\nthree\n")[0]
        #expect(paragraph.childKinds == [.text("one"), .softBreak, .text("two"), .lineBreak, .text("three")])
        #expect(paragraph[1].range == range(1, 3, 1, 3))
        #expect(paragraph[3].range.start.line == 2)
        #expect(paragraph.plainText == "one two three")
    }

    @Test("Backslash escapes and entities are resolved in text")
    func escapes() {
        let paragraph = MarkdownParser.parse("\\*not em\\* &amp; &lt;tag&gt;\n")[0]
        #expect(paragraph.plainText == "*not em* & <tag>")
        #expect(paragraph.allNodes(ofKind: .emphasis).isEmpty)
    }
}
