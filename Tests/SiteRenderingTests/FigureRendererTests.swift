import Foundation
import NoteResults
import Testing

@testable import SiteRendering

/// What the attention-lines, plot and step figures promise, beyond their golden markup.
@Suite struct FigureRendererTests {
    @Test func attentionLinesDrawALinePerPairWhoseOpacityIsTheWeight() {
        let figure = AttentionLines(
            title: "<b>", queries: ["write", "a&b"], keys: ["write", "a&b"], weights: [0.3573, 0.6427, 1, 0],
            headLabels: ["all"])
        let html = AttentionLinesRenderer.render(figure, id: "l").html
        #expect(html.components(separatedBy: "<line ").count - 1 == 4)
        #expect(html.contains(##"stroke-opacity="0.357" data-q="0" data-k="0" data-w="0.3573""##))
        #expect(html.contains("<title>write → a&amp;b: 0.6427</title>"))
        #expect(html.contains(##"<text class="token" data-q="1" tabindex="0""##))
        #expect(html.contains("&lt;b&gt;") && !html.contains("<b>"))
        // One head: no choice of heads.
        #expect(!html.contains("head-choice"))
    }

    @Test func aStackOfHeadsHasAColourEachAndAChoiceThatWorksWithoutScript() {
        let figure = AttentionLines(
            title: nil, queries: ["a"], keys: ["a"], weights: [1, 1, 1], headLabels: ["head 0", "head 1", "head 2"])
        let html = AttentionLinesRenderer.render(figure, id: "l").html
        #expect(html.contains(##"<g class="head series-2" data-head="2""##))
        #expect(html.contains(##"<input type="radio" name="l-head" value="all" checked>"##))
        #expect(html.contains(##"value="1">"##))
        #expect(Stylesheet.css.contains(##"input[value="1"]:checked) .head:not([data-head="1"]) { display: none; }"##))
    }

    @Test func aPlotHasTicksATitleAndPointsForTheScript() {
        let plot = Plot(
            title: "Loss", series: [Plot.Series(name: "loss", x: [0, 1, 2, 3], y: [2, 1, 0.5, .nan])],
            xAxis: Plot.Axis(label: "step"), yAxis: Plot.Axis(label: "loss"))
        let html = PlotRenderer.render(plot, id: "p").html
        #expect(html.contains("<figcaption>Loss · loss against step</figcaption>"))
        #expect(html.contains(##"data-x-values="0 1 2 3""##))
        #expect(html.contains(##"data-values="2.0000 1.0000 0.5000 nan""##))
        // The NaN leaves a gap: three points drawn, the last position unknown to the script.
        #expect(html.contains(##"data-ys=""##) && html.contains(##" -" data-values"##))
        #expect(html.contains("<title>loss at 2: 0.5000</title>"))
        #expect(html.contains(">step</text>"))
        #expect(html.contains("<li><span class=\"swatch series-0\" aria-hidden=\"true\"></span>loss</li>"))
    }

    @Test func longSeriesHaveNoMarkersButKeepTheirValues() {
        let y = (0..<500).map { 1 / Double($0 + 1) }
        let plot = Plot(
            title: nil, series: [Plot.Series(name: "s", x: (0..<500).map(Double.init), y: y)],
            xAxis: Plot.Axis(label: "step"), yAxis: Plot.Axis(label: "", isLogarithmic: true))
        let html = PlotRenderer.render(plot, id: "p").html
        #expect(!html.contains("<circle"))
        #expect(html.contains("data-values=\"1.0000 0.5000 0.3333"))
        #expect(html.utf8.count < 40_000, "\(html.utf8.count) bytes")
    }

    @Test func attentionStepsAreANumberedSequenceOfTheLibrarysNumbers() {
        let steps = AttentionSteps(
            title: "Row", query: "poem", keys: ["write", "poem"], scores: [-1, 3], scale: 0.5,
            scaledScores: [-0.5, 1.5],
            weights: [0.1192, 0.8808], values: [1, 0, 0, 2], valueWidth: 2, output: [0.1192, 1.7616])
        let html = AttentionStepsRenderer.render(steps, id: "s").html
        #expect(html.components(separatedBy: "<li class=\"step\"").count - 1 == 4)
        #expect(html.contains(##"<li class="step" value="4">"##))
        for number in ["-1.0000", "3.0000", "-0.5000", "1.5000", "0.1192", "0.8808", "1.7616"] {
            #expect(html.contains(">\(number)<"), "\(number)")
        }
        #expect(html.contains("Scaled: each score × 0.5000"))
    }

    @Test func theScriptIsSmallAndFetchesNothing() {
        let script = FigureScript.javascript
        #expect(script.utf8.count < 12_000)
        for forbidden in ["fetch(", "XMLHttpRequest", "import(", "https://"] { #expect(!script.contains(forbidden)) }
        // The only address is the SVG namespace, which names elements and is never loaded.
        #expect(!script.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
    }
}
