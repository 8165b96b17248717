import NoteResults

/// Shows attention weights as lines between two columns of tokens, as bertviz's head view does,
/// drawn when the site is built.
///
/// ```html
/// <figure class="attention-lines">
/// <figcaption>Self-attention · 3 queries × 3 keys</figcaption>
/// <fieldset class="head-choice">…one radio button per head, and "all"…</fieldset>  (2+ heads)
/// <svg>
///   <g class="head series-0" data-head="0">  one <line> per query–key pair </g>
///   <g class="tokens queries"> <text class="token" data-q="0" tabindex="0">write</text> … </g>
///   <g class="tokens keys"> … </g>
/// </svg>
/// </figure>
/// ```
///
/// Each line's opacity is its weight (so weights near 0 vanish, as in bertviz) and its
/// `<title>` names the pair and the weight as the tables write it (`head 0: write → poem:
/// 0.3573`). Each head has its colour (the `series-N` classes of `FigureStylesheet`, which
/// differ in light and dark mode). Without JavaScript the figure is complete: every line is
/// drawn, and the radio buttons choose a head through CSS alone. The page's script adds the
/// question "what does this token attend to?": hovering or focusing a token keeps only its
/// lines and writes their weights beside the other column's tokens.
public enum AttentionLinesRenderer {
    static let rowHeight: Double = 24
    static let fontSize: Double = 13
    static let linesWidth: Double = 150
    static let headerHeight: Double = 22

    /// - Parameters:
    ///   - figure: the weights and their tokens.
    ///   - id: unique within the page; names the SVG's title and the radio buttons' group.
    public static func render(_ figure: AttentionLines, id: String) -> HTMLNode {
        // Room beside each column for the weights the script writes (`0.3573 0.1215`, one per head).
        let weightWidth = Double((figure.decimals + 3) * figure.headCount) * 11 * 0.6 + 8
        let queryWidth = labelWidth(figure.queries)
        let keyWidth = labelWidth(figure.keys)
        let linesLeft = weightWidth + queryWidth + 8
        let linesRight = linesLeft + linesWidth
        let width = linesRight + 8 + keyWidth + weightWidth
        let rows = Double(max(figure.queries.count, figure.keys.count))
        let height = headerHeight + rows * rowHeight + 4
        func y(_ row: Int) -> Double { headerHeight + (Double(row) + 0.5) * rowHeight }

        let heads = (0..<figure.headCount).map { head -> HTMLNode in
            var lines: [HTMLNode] = []
            for query in figure.queries.indices {
                for key in figure.keys.indices {
                    let weight = figure.weight(head: head, query: query, key: key)
                    let text = NumberFormat.formatted(weight, decimals: figure.decimals)
                    let prefix = figure.headCount > 1 ? figure.headLabels[head] + ": " : ""
                    lines.append(
                        .element(
                            "line",
                            [
                                "x1": svgNumber(linesLeft), "y1": svgNumber(y(query)),
                                "x2": svgNumber(linesRight), "y2": svgNumber(y(key)),
                                "stroke-opacity": opacity(weight), "data-q": String(query), "data-k": String(key),
                                "data-w": text,
                            ],
                            [
                                .element(
                                    "title", [],
                                    [.text(prefix + figure.queries[query] + " → " + figure.keys[key] + ": " + text)])
                            ]))
                }
            }
            return .element(
                "g",
                [
                    "class": "head series-\(head % FigureStylesheet.seriesColors)", "data-head": String(head),
                    "stroke": "currentColor", "stroke-width": "2",
                ], lines)
        }
        let titleID = id + "-title"
        var content: [HTMLNode] = [
            .element("title", ["id": titleID], [.text(caption(figure))]),
            .element(
                "g", ["class": "column-titles", "font-size": "11", "fill": "currentColor"],
                [
                    .element(
                        "text", ["x": svgNumber(linesLeft - 8), "y": "14", "text-anchor": "end"], [.text("query")]),
                    .element("text", ["x": svgNumber(linesRight + 8), "y": "14"], [.text("key")]),
                ]),
            .element("g", ["class": "heads"], heads),
        ]
        content.append(
            tokens(figure.queries, side: "queries", attribute: "data-q", x: linesLeft - 8, anchor: "end", y: y))
        content.append(tokens(figure.keys, side: "keys", attribute: "data-k", x: linesRight + 8, anchor: "start", y: y))
        let svg = HTMLNode.element(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "aria-labelledby": titleID,
                "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))", "width": svgNumber(width),
                "height": svgNumber(height),
                "font-family": "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
            ], content)
        var children: [HTMLNode] = [.element("figcaption", [], [.text(caption(figure))])]
        if figure.headCount > 1 { children.append(headChoice(figure, id: id)) }
        children.append(.element("div", ["class": "figure-scroll"], [svg]))
        return .element("figure", ["class": "attention-lines", "id": id], children)
    }

    /// `Self-attention · 3 queries × 3 keys, 2 heads`.
    static func caption(_ figure: AttentionLines) -> String {
        let size =
            "\(figure.queries.count) queries × \(figure.keys.count) keys"
            + (figure.headCount > 1 ? ", \(figure.headCount) heads" : "")
        guard let title = figure.title, !title.isEmpty else { return size }
        return title + " · " + size
    }

    /// A line's opacity: its weight, with 3 decimals (what the eye can tell apart).
    static func opacity(_ weight: Double) -> String {
        guard weight.isFinite else { return "0" }
        return NumberFormat.formatted(min(max(weight, 0), 1), decimals: 3)
    }

    /// The column of tokens on one side, each focusable, with room for a weight beside it.
    private static func tokens(
        _ labels: [String], side: String, attribute: String, x: Double, anchor: String, y: (Int) -> Double
    ) -> HTMLNode {
        let texts = labels.enumerated().map { index, label in
            HTMLNode.element(
                "text",
                [
                    "class": "token", attribute: String(index), "tabindex": "0", "x": svgNumber(x),
                    "y": svgNumber(y(index)),
                ],
                [.text(label)])
        }
        return .element(
            "g",
            [
                "class": "tokens \(side)", "text-anchor": anchor, "dominant-baseline": "central",
                "font-size": svgNumber(fontSize), "fill": "currentColor",
            ], texts)
    }

    /// Radio buttons to show all heads or one; CSS hides the other heads (no script needed).
    private static func headChoice(_ figure: AttentionLines, id: String) -> HTMLNode {
        func option(_ value: String, _ label: String, series: Int?, checked: Bool) -> HTMLNode {
            var input: HTMLAttributes = ["type": "radio", "name": id + "-head", "value": value]
            if checked { input.append("checked", nil) }
            var content: [HTMLNode] = [.element("input", input)]
            if let series {
                content.append(.element("span", ["class": "swatch series-\(series)", "aria-hidden": "true"]))
            }
            content.append(.text(label))
            return .element("label", [], content)
        }
        let options =
            [option("all", "all", series: nil, checked: true)]
            + figure.headLabels.enumerated().map { head, label in
                option(String(head), label, series: head % FigureStylesheet.seriesColors, checked: false)
            }
        return .element(
            "fieldset", ["class": "head-choice"], [.element("legend", [], [.text("Show")])] + options)
    }

    private static func labelWidth(_ labels: [String]) -> Double {
        Double(labels.map(\.count).max() ?? 0) * fontSize * 0.6
    }
}
