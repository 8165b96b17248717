import Testing
@testable import Markdown

@Suite("Traversal")
struct TraversalTests {
    static let sample = """
        # Title

        Para with *em*.

        - one
        - two

        ```swift-attn
        x
        ```
        """

    @Test("walk visits parents before children, in document order, with depths")
    func walkOrder() {
        var visited: [(MarkdownNode.Kind.Name, Int)] = []
        MarkdownParser.parse(Self.sample).walk { node, depth in visited.append((node.kind.name, depth)) }
        let expected: [(MarkdownNode.Kind.Name, Int)] = [
            (.document, 0), (.heading, 1), (.text, 2), (.paragraph, 1), (.text, 2), (.emphasis, 2), (.text, 3),
            (.text, 2), (.list, 1), (.listItem, 2), (.paragraph, 3), (.text, 4), (.listItem, 2), (.paragraph, 3),
            (.text, 4), (.codeBlock, 1),
        ]
        #expect(visited.map(\.0) == expected.map(\.0))
        #expect(visited.map(\.1) == expected.map(\.1))
    }

    @Test("walk rethrows and stops at the first error")
    func walkThrows() {
        struct Stop: Error {}
        var count = 0
        #expect(throws: Stop.self) {
            try MarkdownParser.parse(Self.sample).walk { node, _ in
                count += 1
                if node.kind.name == .paragraph { throw Stop() }
            }
        }
        #expect(count == 4)
    }

    @Test("allNodes and children filter by kind")
    func filters() {
        let document = MarkdownParser.parse(Self.sample)
        #expect(document.allNodes(ofKind: .text).map(\.plainText) == ["Title", "Para with ", "em", ".", "one", "two"])
        #expect(document.allNodes(ofKind: .listItem).count == 2)
        #expect(document.children(ofKind: .paragraph).count == 1)
        #expect(document.children(ofKind: .text).isEmpty)
        #expect(
            document.allNodes { $0.range.start.line == 5 }.map(\.kind.name) == [.list, .listItem, .paragraph, .text])
    }

    @Test("plainText drops markup, HTML and footnote references")
    func plainText() {
        let document = MarkdownParser.parse(
            "## Scaled *dot*-product `QKᵀ` <sup>1</sup>[^n] [link](x)\n\n[^n]: note\n\n- a\n\n  b\n")
        #expect(document[0].plainText == "Scaled dot-product QKᵀ 1 link")
        #expect(document[1, 0].plainText == "a\nb")
    }

    @Test("Every kind has a distinct name; blocks and inlines are told apart")
    func names() {
        #expect(Set(MarkdownNode.Kind.Name.allCases).count == 24)
        let document = MarkdownParser.parse(Self.sample)
        #expect(document.isBlock && document[0].isBlock && !document[0, 0].isBlock)
        #expect(document.allNodes { !$0.isBlock }.allSatisfy { $0.children.allSatisfy { !$0.isBlock } })
    }

    @Test("Every range is real and ordered, and children lie on their parent's lines")
    func rangeInvariants() {
        let source = """
            # H *e*

            a\\
            b ~~s~~ https://x.org www.y.org

            > - [x] task
            >   ```swift-attn
            >   code
            >   ```

            | a | b |
            |---|---|
            | 1 |   |

            Setext
            ---
            ***
                indented

            text[^1]

            [^1]: foot
              more

            ```
            open
            """
        let document = MarkdownParser.parse(source)
        let lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count
        var checked = 0
        func check(_ node: MarkdownNode) {
            checked += 1
            let r = node.range
            #expect(r.start.line >= 1 && r.start.column >= 1, "\(node.kind) \(r)")
            #expect(r.end.line <= lineCount && r.end.column >= 1, "\(node.kind) \(r)")
            #expect(r.start <= r.end, "\(node.kind) \(r)")
            for child in node.children {
                if node.kind.name != .document {
                    #expect(
                        child.range.start.line >= r.start.line && child.range.end.line <= r.end.line,
                        "\(child.kind) in \(node.kind)")
                }
                check(child)
            }
        }
        check(document)
        #expect(checked > 40)
    }
}
