import Markdown
import NoteModel
import NoteResults
import Testing

@testable import SiteRendering

@Suite struct BlockViewTests {
    func block(_ options: BlockOptions = BlockOptions(), index: Int = 0) -> SwiftAttnBlock {
        SwiftAttnBlock(index: index, code: "let x = 1\nprint(x)\n", options: options, range: at(10))
    }

    let tensor = ShownTensor(title: "X", shape: [1, 2], values: [1, 2])

    @Test func codeThenOutputsInTheOrderTheyWereShown() throws {
        let result = BlockResult(outputs: [.text("before\n"), .table(tensor), .heatmap(tensor), .text("after <b>\n")])
        let html = BlockView.render(block: block(), result: result).html
        let code = try #require(html.range(of: ##"<pre><code class="language-swift">"##))
        let before = try #require(html.range(of: "<pre class=\"output\">before\n</pre>"))
        let table = try #require(html.range(of: "<table class=\"matrix\">"))
        let heatmap = try #require(html.range(of: "<figure class=\"heatmap\">"))
        let after = try #require(html.range(of: "<pre class=\"output\">after &lt;b&gt;\n</pre>"))
        #expect(code.lowerBound < before.lowerBound)
        #expect(before.lowerBound < table.lowerBound)
        #expect(table.lowerBound < heatmap.lowerBound)
        #expect(heatmap.lowerBound < after.lowerBound)
        #expect(!html.contains("block-error"))
    }

    @Test func hideLeavesOutTheCode() {
        let html = BlockView.render(
            block: block(BlockOptions(hidesCode: true)), result: BlockResult(outputs: [.table(tensor)])
        ).html
        #expect(!html.contains("language-swift"))
        #expect(html.contains("<table class=\"matrix\">"))
    }

    @Test func noOutputLeavesOutTheResults() {
        let html = BlockView.render(
            block: block(BlockOptions(hidesOutput: true)),
            result: BlockResult(outputs: [.table(tensor), .text("hi\n")])
        ).html
        #expect(html.contains("language-swift"))
        #expect(!html.contains("<table"))
        #expect(!html.contains("hi\n"))
        #expect(!html.contains("block-results"))
    }

    @Test func aFailureIsShownEvenWithNoOutput() {
        let failure = BlockFailure(kind: .trap, message: "Fatal error: matmul: shapes [3, 2] and [3, 2] do not align")
        let html = BlockView.render(
            block: block(BlockOptions(hidesOutput: true)), result: BlockResult(failure: failure)
        ).html
        #expect(html.contains(##"<div class="block-error" role="alert">"##))
        #expect(html.contains("<strong>Trapped</strong>"))
        #expect(html.contains("<pre>Fatal error: matmul: shapes [3, 2] and [3, 2] do not align</pre>"))
    }

    @Test func outputsShownBeforeAFailureStayAboveIt() throws {
        let result = BlockResult(outputs: [.text("partial\n")], failure: BlockFailure(kind: .trap, message: "boom"))
        let html = BlockView.render(block: block(), result: result).html
        let output = try #require(html.range(of: "partial"))
        let error = try #require(html.range(of: "block-error"))
        #expect(output.lowerBound < error.lowerBound)
    }

    @Test func everyFailureKindHasAHeadline() {
        let expected: [BlockFailure.Kind: String] = [
            .compile: "Compile error", .trap: "Trapped", .timeout: "Timed out",
            .notRun: "Not run: an earlier block failed", .unexpectedSuccess: "This should-fail block did not fail",
        ]
        for (kind, headline) in expected {
            let html = BlockView.render(
                block: block(), result: BlockResult(failure: BlockFailure(kind: kind, message: "<details>"))
            ).html
            #expect(html.contains("<strong>\(headline)</strong>"), "\(kind)")
            #expect(html.contains("<pre>&lt;details&gt;</pre>"), "\(kind)")
        }
    }

    @Test func anExpectedFailureIsAnAmberBoxNotAnAlert() {
        let expected = BlockFailure(kind: .compile, message: "Notes/1_Test.md:12:5: error: cannot convert value")
        let html = BlockView.render(
            block: block(BlockOptions(shouldFail: true)), result: BlockResult(expectedFailure: expected)
        ).html
        #expect(html.contains(##"<div class="block-expected-error" role="note">"##))
        #expect(html.contains("<strong>Expected error: Compile error</strong>"))
        #expect(html.contains("<pre>Notes/1_Test.md:12:5: error: cannot convert value</pre>"))
        #expect(!html.contains("role=\"alert\""))
    }

    @Test func withoutAResultOnlyTheCodeIsShown() {
        let html = BlockView.render(block: block(), result: nil).html
        #expect(html.contains("language-swift"))
        #expect(!html.contains("block-results"))
    }

    @Test func heatmapIDsAreUniquePerBlockAndOutput() {
        let result = BlockResult(outputs: [.heatmap(tensor), .heatmap(tensor)])
        let html = BlockView.render(block: block(index: 2), result: result).html
        #expect(html.contains(##"id="heatmap-b3-1-title""##))
        #expect(html.contains(##"id="heatmap-b3-2-title""##))
    }
}
