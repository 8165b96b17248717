import Testing
@testable import Markdown

@Suite("GitHub extensions")
struct GFMExtensionTests {
    @Test("Tables: column alignments, header row, cells")
    func table() {
        let document = MarkdownParser.parse(
            """
            | Name | Dim | Value |  x |
            |:-----|:---:|------:|----|
            | *q*  | 2   | 0.5   |    |
            | k    | 2   | `1`   |  y |

            after
            """)
        let table = document[0]
        #expect(table.kind == .table(alignments: [.left, .center, .right, .none]))
        #expect(table.range == range(1, 1, 4, 27))
        #expect(
            table.childKinds == [.tableRow(isHeader: true), .tableRow(isHeader: false), .tableRow(isHeader: false)])
        #expect(table.children(ofKind: .tableRow).count == 3)
        #expect(table[0].children.map(\.plainText) == ["Name", "Dim", "Value", "x"])
        #expect(table[1].children.map(\.plainText) == ["q", "2", "0.5", ""])
        #expect(table[2].children.map(\.plainText) == ["k", "2", "1", "y"])
        #expect(table[1, 0, 0].kind == .emphasis)
        #expect(table[0].range == range(1, 1, 1, 27))
        #expect(table[2].range.start.line == 4)
        #expect(document[1].kind == .paragraph)
    }

    @Test("Strikethrough with one or two tildes")
    func strikethrough() {
        let paragraph = MarkdownParser.parse("a ~~gone~~ b ~also~\n")[0]
        #expect(paragraph.childKinds == [.text("a "), .strikethrough, .text(" b "), .strikethrough])
        #expect(paragraph[1].plainText == "gone")
        #expect(paragraph[1].range == range(1, 3, 1, 10))
    }

    @Test("Autolinks: www. and https:// in plain text")
    func autolinks() {
        let paragraph = MarkdownParser.parse("See www.example.com and https://pytorch.org/docs. Done\n")[0]
        let links = paragraph.allNodes(ofKind: .link)
        #expect(
            links.map(\.kind) == [
                .link(destination: "http://www.example.com", title: ""),
                .link(destination: "https://pytorch.org/docs", title: ""),
            ])
        #expect(links.map(\.plainText) == ["www.example.com", "https://pytorch.org/docs"])
        // cmark starts www autolinks one column early (at the space before), but ends them right.
        #expect(links[0].range.start.line == 1 && links[0].range.end == SourcePosition(line: 1, column: 19))
        // cmark gives https autolinks no position; they get a point on their line instead.
        #expect(links[1].range.start.line == 1)
        #expect(links[1].range.start <= links[1].range.end)
    }

    @Test("Task list items: checked, unchecked, and ordinary items")
    func taskList() {
        let list = MarkdownParser.parse("- [ ] todo\n- [x] done\n- [X] also done\n- plain\n")[0]
        #expect(
            list.childKinds == [
                .listItem(taskChecked: false), .listItem(taskChecked: true), .listItem(taskChecked: true),
                .listItem(taskChecked: nil),
            ])
        #expect(list.children.map(\.plainText) == ["todo", "done", "also done", "plain"])
        #expect(list[1].range == range(2, 1, 2, 10))
    }

    @Test("Footnotes: references carry their definition's label; definitions move to the end")
    func footnotes() {
        let document = MarkdownParser.parse(
            """
            Softmax[^soft] is smooth[^1]; see [^Soft] again.

            [^1]: A number label.
            [^soft]: The *softmax* function.
            [^unused]: Never referenced.

            Last paragraph.
            """)
        #expect(
            document.childKinds == [
                .paragraph, .paragraph, .footnoteDefinition(label: "soft"), .footnoteDefinition(label: "1"),
            ])
        let references = document[0].allNodes(ofKind: .footnoteReference).map(\.kind)
        #expect(
            references == [
                .footnoteReference(label: "soft"), .footnoteReference(label: "1"), .footnoteReference(label: "soft"),
            ])
        #expect(document[0, 1].range == range(1, 8, 1, 14))
        #expect(document[2].plainText == "The softmax function.")
        #expect(document[2].range.start.line == 4)
        #expect(document[3].range.start.line == 3)
    }

    @Test("Disallowed raw HTML is still parsed as HTML (tagfilter only affects rendering)")
    func tagFilter() {
        let document = MarkdownParser.parse("<script>alert(1)</script>\n\nx <title>t</title>\n")
        #expect(document[0].kind == .htmlBlock("<script>alert(1)</script>\n"))
        #expect(document[1, 1].kind == .inlineHTML("<title>"))
    }
}
