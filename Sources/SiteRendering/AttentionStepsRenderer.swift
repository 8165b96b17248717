import NoteResults

/// Shows one row of attention as a sequence of small figures, every number the library's:
///
/// 1. the scores, the query's dot product with each key (bars, signed);
/// 2. the scaled scores (× 1/√d_k, or the factor the block gave);
/// 3. the softmax of the scaled scores: the weights (bars on 0…1);
/// 4. the value rows beside their weights, and the output row, their weighted sum.
///
/// ```html
/// <figure class="attention-steps">
/// <figcaption>…</figcaption>
/// <ol class="steps"><li class="step">…</li> …</ol>
/// </figure>
/// ```
///
/// Without JavaScript the steps are a numbered list, all visible. The page's script shows one
/// step at a time with Previous and Next buttons.
public enum AttentionStepsRenderer {
    static let barRowHeight: Double = 22
    static let barWidth: Double = 200
    static let fontSize: Double = 12

    /// - Parameters:
    ///   - steps: the row's numbers.
    ///   - id: unique within the page; prefixes the ids of the bar charts' titles.
    public static func render(_ steps: AttentionSteps, id: String) -> HTMLNode {
        let scale = NumberFormat.formatted(steps.scale, decimals: steps.decimals)
        let figures: [(String, HTMLNode)] = [
            (
                "Scores: the query of \u{201C}\(steps.query)\u{201D} · each key",
                bars(steps.keys, steps.scores, decimals: steps.decimals, probabilities: false, id: id + "-scores")
            ),
            (
                "Scaled: each score × \(scale)",
                bars(steps.keys, steps.scaledScores, decimals: steps.decimals, probabilities: false, id: id + "-scaled")
            ),
            (
                "Softmax: the weights, which sum to 1",
                bars(steps.keys, steps.weights, decimals: steps.decimals, probabilities: true, id: id + "-weights")
            ),
            ("Output: the value rows, weighted and summed", weightedSum(steps)),
        ]
        // Numbered in the markup, so a step shown alone (by the script) keeps its number.
        let items = figures.enumerated().map { number, step in
            HTMLNode.element(
                "li", ["class": "step", "value": String(number + 1)],
                [.element("p", ["class": "step-title"], [.text(step.0)]), step.1])
        }
        let title = steps.title.map { $0 + " · " } ?? ""
        return .element(
            "figure", ["class": "attention-steps", "id": id],
            [
                .element("figcaption", [], [.text(title + "\u{201C}\(steps.query)\u{201D} attends, step by step")]),
                .element("ol", ["class": "steps"], items),
            ])
    }

    /// One horizontal bar per key from a zero line, with the number beside it. Probabilities are
    /// drawn on 0…1; other numbers on ± their largest magnitude.
    private static func bars(
        _ labels: [String], _ values: [Double], decimals: Int, probabilities: Bool, id: String
    ) -> HTMLNode {
        let labelWidth = Double(labels.map(\.count).max() ?? 0) * fontSize * 0.6 + 8
        let numberWidth = 8 * fontSize * 0.6
        let largest = values.filter(\.isFinite).map { abs($0) }.max() ?? 1
        let hasNegative = values.contains { $0 < 0 }
        let zero = labelWidth + (hasNegative && !probabilities ? barWidth / 2 : 0)
        let extent = probabilities ? barWidth : (hasNegative ? barWidth / 2 : barWidth)
        let unit = probabilities ? 1 : max(largest, 1e-12)
        var rows: [HTMLNode] = []
        for (index, (label, value)) in zip(labels, values).enumerated() {
            let y = Double(index) * barRowHeight
            let length = value.isFinite ? value / unit * extent : 0
            let text = NumberFormat.formatted(value, decimals: decimals)
            rows.append(
                .element(
                    "text",
                    [
                        "x": svgNumber(labelWidth - 8), "y": svgNumber(y + barRowHeight / 2), "text-anchor": "end",
                        "dominant-baseline": "central",
                    ], [.text(label)]))
            rows.append(
                .element(
                    "rect",
                    [
                        "class": value < 0 ? "bar negative" : "bar", "x": svgNumber(min(zero, zero + length)),
                        "y": svgNumber(y + 4), "width": svgNumber(abs(length)), "height": svgNumber(barRowHeight - 8),
                    ], [.element("title", [], [.text(label + ": " + text)])]))
            rows.append(
                .element(
                    "text",
                    [
                        "class": "bar-value", "x": svgNumber(labelWidth + barWidth + 6),
                        "y": svgNumber(y + barRowHeight / 2), "dominant-baseline": "central",
                    ], [.text(text)]))
        }
        let height = Double(labels.count) * barRowHeight
        rows.append(
            .element(
                "line",
                [
                    "class": "zero", "x1": svgNumber(zero), "x2": svgNumber(zero), "y1": "0", "y2": svgNumber(height),
                    "stroke": "currentColor",
                ]))
        let width = labelWidth + barWidth + 6 + numberWidth
        return .element(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "role": "img",
                "aria-label": labels.enumerated().map {
                    $0.element + " " + NumberFormat.formatted(values[$0.offset], decimals: decimals)
                }.joined(separator: ", "),
                "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))", "width": svgNumber(width),
                "height": svgNumber(height), "font-size": svgNumber(fontSize), "fill": "currentColor",
                "font-family": "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
            ], rows)
    }

    /// The weights beside the value rows, then the output row: a table whose every number the
    /// block computed (the products are not shown: the library did not compute them one by one).
    private static func weightedSum(_ steps: AttentionSteps) -> HTMLNode {
        let columns = (0..<steps.valueWidth).map { "v\($0)" }
        func number(_ value: Double) -> HTMLNode {
            .element("td", [], [.text(NumberFormat.formatted(value, decimals: steps.decimals))])
        }
        let header = HTMLNode.element(
            "tr", [],
            [.element("td"), .element("th", ["scope": "col"], [.text("weight")])]
                + columns.map { .element("th", ["scope": "col"], [.text($0)]) })
        let rows = steps.keys.indices.map { key -> HTMLNode in
            .element(
                "tr", [],
                [.element("th", ["scope": "row"], [.text(steps.keys[key])]), number(steps.weights[key])]
                    + steps.valueRow(key).map(number))
        }
        let output = HTMLNode.element(
            "tr", ["class": "output-row"],
            [.element("th", ["scope": "row"], [.text("output")]), .element("td", [], [.text("Σ")])]
                + steps.output.map(number))
        return .element(
            "div", ["class": "matrix-scroll"],
            [
                .element(
                    "table", ["class": "matrix"],
                    [
                        .element("caption", [], [.text("weight × value row, summed")]),
                        .element("thead", [], [header]), .element("tbody", [], rows + [output]),
                    ])
            ])
    }
}
