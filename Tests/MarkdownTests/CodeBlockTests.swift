import Testing
@testable import Markdown

/// Code blocks carry the notes' programs, and the pipeline rewrites them by line, so their
/// ranges must be exact: opening fence line through closing fence line.
@Suite("Code blocks")
struct CodeBlockTests {
    @Test("The whole info string is kept")
    func infoString() {
        let document = MarkdownParser.parse("```swift-attn hide timeout=5\nlet x = 1\n```\n\n~~~ python  \nx\n~~~\n")
        #expect(
            document[0].kind == .codeBlock(info: "swift-attn hide timeout=5", literal: "let x = 1\n", isFenced: true))
        #expect(document[1].kind == .codeBlock(info: "python", literal: "x\n", isFenced: true))
    }

    @Test("Top-level fenced block: fence line to fence line, fence at column 1")
    func topLevel() {
        let document = MarkdownParser.parse("Intro\n\n```swift-attn\nlet a = 1\n\nlet b = 2\n```\n\nAfter\n")
        #expect(document[1].range == range(3, 1, 7, 3))
        #expect(document[1].kind == .codeBlock(info: "swift-attn", literal: "let a = 1\n\nlet b = 2\n", isFenced: true))
    }

    @Test("Inside a list item the range and the fence column follow the indentation")
    func insideListItem() {
        let document = MarkdownParser.parse("1. Step one\n\n   ```swift-attn\n   show(x)\n   ```\n2. Step two\n")
        let code = document[0, 0, 1]
        #expect(code.kind == .codeBlock(info: "swift-attn", literal: "show(x)\n", isFenced: true))
        #expect(code.range == range(3, 4, 5, 6))
    }

    @Test("Inside a block quote the fence column counts the '> ' prefix")
    func insideBlockQuote() {
        let document = MarkdownParser.parse("> Quote\n>\n> ```output\n> 1 2\n> ```\n")
        let code = document[0, 1]
        #expect(code.kind == .codeBlock(info: "output", literal: "1 2\n", isFenced: true))
        #expect(code.range == range(3, 3, 5, 5))
    }

    @Test("Inside a list inside a block quote")
    func nestedContainers() {
        let document = MarkdownParser.parse("> - item\n>\n>   ````swift-attn\n>   x\n>   ````\n")
        let code = document.allNodes(ofKind: .codeBlock)
        #expect(code.count == 1)
        #expect(code.first?.range == range(3, 5, 5, 8))
    }

    @Test("A fence never closed runs to the last line of the document")
    func unclosedAtEndOfDocument() {
        let withNewline = MarkdownParser.parse("Text\n\n```swift-attn\nfoo\nbar\n")
        #expect(withNewline[1].kind == .codeBlock(info: "swift-attn", literal: "foo\nbar\n", isFenced: true))
        #expect(withNewline[1].range == range(3, 1, 5, 3))

        let withoutNewline = MarkdownParser.parse("```\nfoo\nbar")
        #expect(withoutNewline[0].range == range(1, 1, 3, 3))

        let trailingBlankLines = MarkdownParser.parse("```\nfoo\n\n\n")
        #expect(trailingBlankLines[0].range.start == SourcePosition(line: 1, column: 1))
        #expect((2...4).contains(trailingBlankLines[0].range.end.line))
    }

    @Test("A fence left open in a list item ends with the item")
    func unclosedInListItem() {
        let document = MarkdownParser.parse("- ```\n  code\n- next\n")
        #expect(document[0, 0, 0].kind == .codeBlock(info: "", literal: "code\n", isFenced: true))
        #expect(document[0, 0, 0].range == range(1, 3, 2, 6))

        let blankLineAfter = MarkdownParser.parse("- ```\n  code\n\n- next\n")
        #expect(blankLineAfter[0, 0, 0].range == range(1, 3, 2, 6))

        let inQuote = MarkdownParser.parse("> ```\n> code\n\nafter\n")
        #expect(inQuote[0, 0].range == range(1, 3, 2, 6))
    }

    @Test("Indented code blocks are not fenced and end on their last line")
    func indentedCode() {
        let document = MarkdownParser.parse("Para\n\n    let x = 1\n    let y = 2\n\nNext\n")
        #expect(document[1].kind == .codeBlock(info: "", literal: "let x = 1\nlet y = 2\n", isFenced: false))
        #expect(document[1].range == range(3, 5, 4, 13))
    }

    @Test("An empty fenced block")
    func emptyBlock() {
        let document = MarkdownParser.parse("```swift-attn\n```\n")
        #expect(document[0].kind == .codeBlock(info: "swift-attn", literal: "", isFenced: true))
        #expect(document[0].range == range(1, 1, 2, 3))
    }
}
