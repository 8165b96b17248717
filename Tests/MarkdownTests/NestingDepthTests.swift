import Foundation
import Testing

@testable import Markdown

/// Every walk over the tree recurses once per level of nesting; the parser keeps the tree
/// shallow enough for any of them, on any thread.
@Suite struct NestingDepthTests {
    /// The deepest nesting below the document.
    private func depth(of node: MarkdownNode) -> Int {
        var deepest = 0
        node.walk { _, depth in deepest = max(deepest, depth) }
        return deepest
    }

    @Test(arguments: [
        String(repeating: ">", count: 6000) + " deep\n",
        (0..<3000).map { String(repeating: "  ", count: $0) + "- item\n" }.joined(),
        String(repeating: "*a ", count: 3000) + "x" + String(repeating: " a*", count: 3000) + "\n",
        String(repeating: "[", count: 3000) + "x" + String(repeating: "](y)", count: 3000) + "\n",
    ])
    func hostileNestingIsCutAtTheLimit(source: String) {
        let parsed = MarkdownParser.parseDocument("# Title\n\n" + source)
        #expect(depth(of: parsed.root) <= MarkdownParser.maximumDepth + 1)
        if depth(of: parsed.root) > 50 {
            #expect(parsed.firstTooDeep != nil)
            #expect(parsed.firstTooDeep?.line ?? 0 >= 3)
        }
        // What was not cut is still there.
        #expect(parsed.root.children.first?.plainText == "Title")
    }

    @Test func ordinaryNestingIsKeptWhole() {
        let source = (0..<20).map { String(repeating: "  ", count: $0) + "- item \($0)\n" }.joined()
        let parsed = MarkdownParser.parseDocument(source)
        #expect(parsed.firstTooDeep == nil)
        #expect(parsed.root.plainText.contains("item 19"))
    }

    /// A secondary thread's stack is far smaller than the main thread's: the cut tree can still be
    /// compared, copied and freed there.
    @Test func theCutTreeCanBeHandledOnASmallStack() async {
        let source = String(repeating: "> ", count: 6000) + "deep\n"
        let done = await withCheckedContinuation { continuation in
            let thread = Thread {
                let first = MarkdownParser.parse(source)
                let second = MarkdownParser.parse(source)
                continuation.resume(returning: first == second && first.hashValue == second.hashValue)
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(done)
    }
}
