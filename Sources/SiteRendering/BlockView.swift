import NoteModel
import NoteResults

/// What the page shows for one `swift-attn` block: its code, then its results.
///
/// ```html
/// <div class="swift-attn-block">
/// <pre><code class="language-swift">…</code></pre>
/// <div class="block-results"> tables, heatmaps, attention lines, plots, attention steps,
///   <pre class="output">, error boxes </div>
/// </div>
/// ```
///
/// - `hide` leaves out the code, `no-output` the shown values and printed text (and a
///   should-fail block's expected error); a failure is shown regardless, since the page must
///   not hide that a block broke.
/// - A failure is a red box with `role="alert"` naming its kind, its message in a `<pre>`;
///   the outputs shown before it stay above it.
/// - A `should-fail` block's expected error is an amber box, `class="block-expected-error"`.
/// - Without a result (the block was not run), only the code is shown.
public enum BlockView {
    /// - Parameters:
    ///   - block: the block, with its code and options.
    ///   - result: what running it produced, if it ran.
    ///   - sharedScales: the ranges of the note's shared heatmap scales (`SharedColorScales`).
    public static func render(
        block: SwiftAttnBlock, result: BlockResult?, sharedScales: [String: ClosedRange<Double>] = [:]
    ) -> HTMLNode {
        var content: [HTMLNode] = []
        if !block.options.hidesCode {
            content.append(CodeView.render(code: block.code, language: "swift"))
        }
        if let result {
            let results = self.results(result, of: block, sharedScales: sharedScales)
            if !results.isEmpty { content.append(.element("div", ["class": "block-results"], results)) }
        }
        return .element("div", ["class": "swift-attn-block"], content)
    }

    /// A fence whose options are invalid: its code, and the error that kept it from running.
    public static func render(invalidBlockCode code: String, message: String) -> HTMLNode {
        .element(
            "div", ["class": "swift-attn-block"],
            [
                CodeView.render(code: code, language: "swift"),
                .element(
                    "div", ["class": "block-results"],
                    [box(class: "block-error", role: "alert", heading: "Invalid block option", message: message)]),
            ])
    }

    private static func results(
        _ result: BlockResult, of block: SwiftAttnBlock, sharedScales: [String: ClosedRange<Double>]
    ) -> [HTMLNode] {
        var nodes: [HTMLNode] = []
        if !block.options.hidesOutput {
            for (number, output) in result.outputs.enumerated() {
                switch output {
                case .table(let tensor):
                    nodes.append(MatrixTableRenderer.render(tensor))
                case .heatmap(let tensor):
                    nodes.append(
                        HeatmapRenderer.render(
                            tensor, id: "heatmap-b\(block.index + 1)-\(number + 1)", sharedRanges: sharedScales))
                case .text(let text):
                    nodes.append(.element("pre", ["class": "output"], [.text(text)]))
                case .attentionLines(let figure):
                    nodes.append(AttentionLinesRenderer.render(figure, id: "lines-b\(block.index + 1)-\(number + 1)"))
                case .plot(let plot):
                    nodes.append(PlotRenderer.render(plot, id: "plot-b\(block.index + 1)-\(number + 1)"))
                case .attentionSteps(let steps):
                    nodes.append(AttentionStepsRenderer.render(steps, id: "steps-b\(block.index + 1)-\(number + 1)"))
                }
            }
            if let expected = result.expectedFailure {
                nodes.append(
                    box(
                        class: "block-expected-error", role: "note",
                        heading: "Expected error: " + description(of: expected.kind), message: expected.message))
            }
        }
        if let failure = result.failure {
            nodes.append(
                box(
                    class: "block-error", role: "alert", heading: description(of: failure.kind),
                    message: failure.message))
        }
        return nodes
    }

    private static func box(class className: String, role: String, heading: String, message: String) -> HTMLNode {
        var content: [HTMLNode] = [
            .element("p", ["class": "block-error-kind"], [.element("strong", [], [.text(heading)])])
        ]
        if !message.isEmpty { content.append(.element("pre", [], [.text(message)])) }
        return .element("div", ["class": className, "role": role], content)
    }

    /// The headline of a failure box.
    static func description(of kind: BlockFailure.Kind) -> String {
        switch kind {
        case .compile: "Compile error"
        case .trap: "Trapped"
        case .timeout: "Timed out"
        case .notRun: "Not run: an earlier block failed"
        case .unexpectedSuccess: "This should-fail block did not fail"
        }
    }
}
