import Markdown
import NoteModel
import NoteResults

@testable import SiteRendering

/// A position on `line`, column 1.
func at(_ line: Int) -> SourceRange {
    SourceRange(start: SourcePosition(line: line, column: 1), end: SourcePosition(line: line, column: 1))
}

/// A hand-built node on line 1 (most tests don't care where a node is).
func node(_ kind: MarkdownNode.Kind, _ children: [MarkdownNode] = [], line: Int = 1) -> MarkdownNode {
    MarkdownNode(kind: kind, range: at(line), children: children)
}

func text(_ string: String) -> MarkdownNode {
    node(.text(string))
}

/// The HTML of a Markdown source, rendered without block views.
func renderedHTML(_ markdown: String, blockViews: [Int: HTMLNode] = [:]) -> String {
    MarkdownHTMLRenderer(blockViews: blockViews).render(MarkdownParser.parse(markdown)).body.html
}

extension String {
    /// How many times `needle` occurs, without overlaps.
    func occurrences(of needle: String) -> Int {
        var count = 0
        var searchRange = startIndex..<endIndex
        while let found = range(of: needle, range: searchRange) {
            count += 1
            searchRange = found.upperBound..<endIndex
        }
        return count
    }
}

/// A note parsed from `markdown`, with its `swift-attn` blocks found the simple way tests need
/// (the pipeline's own extraction lives in NotesKit).
func makeNote(_ markdown: String, path: String = "Notes/1_Test.md", title: String = "Test") -> Note {
    let document = MarkdownParser.parse(markdown)
    var blocks: [SwiftAttnBlock] = []
    for codeBlock in document.allNodes(ofKind: .codeBlock) {
        guard case .codeBlock(let info, let literal, _) = codeBlock.kind else { continue }
        let words = info.split(separator: " ")
        guard words.first == "swift-attn" else { continue }
        let options = BlockOptions(
            hidesCode: words.contains("hide"), hidesOutput: words.contains("no-output"),
            shouldFail: words.contains("should-fail"))
        blocks.append(SwiftAttnBlock(index: blocks.count, code: literal, options: options, range: codeBlock.range))
    }
    return Note(path: path, order: 1, slug: "1-test", title: title, document: document, blocks: blocks)
}
