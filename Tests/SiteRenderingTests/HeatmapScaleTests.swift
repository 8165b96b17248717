import Foundation
import NoteModel
import NoteResults
import Testing

@testable import SiteRendering

/// Colours that mean the same everywhere: the heatmap scales, the colour bar, stacks, dark mode
/// and large matrices.
@Suite struct HeatmapScaleTests {
    /// The fill of the cell whose tooltip is `tooltip`.
    func fill(of tooltip: String, in html: String) -> String? {
        html.matches(of: /<rect class="cell[^"]*"[^>]* fill="([^"]+)"><title>([^<]*)<\/title>/)
            .first { $0.output.2 == tooltip }.map { String($0.output.1) }
    }

    @Test func probabilitiesAreDrawnOnZeroToOneByDefault() {
        // Each row sums to 1: 0.81 is not as bright as a 1.00 would be.
        let tensor = ShownTensor(title: nil, shape: [2, 2], values: [0.19, 0.81, 0.5, 0.5])
        let html = HeatmapRenderer.render(tensor, id: "p").html
        #expect(fill(of: "0 → 1: 0.8100", in: html) == ColorMap.viridis.color(at: 0.81).hexString)
        #expect(fill(of: "0 → 0: 0.1900", in: html) == ColorMap.viridis.color(at: 0.19).hexString)
        #expect(html.contains(">probability (fixed 0…1)</text>"))
        #expect(html.contains(">0.0</text>") && html.contains(">1.0</text>"))
    }

    @Test func automaticUsesTheHeatmapsOwnRangeEvenForProbabilities() {
        var tensor = ShownTensor(title: nil, shape: [2, 2], values: [0.19, 0.81, 0.5, 0.5])
        tensor.colorScale = .automatic
        let html = HeatmapRenderer.render(tensor, id: "a").html
        #expect(fill(of: "0 → 1: 0.8100", in: html) == "#fde725")
        #expect(html.contains(">value (this heatmap's range)</text>"))
    }

    @Test func aFixedRangeClampsAndAGivenLegendIsTheTitle() {
        var tensor = ShownTensor(title: nil, shape: [1, 3], values: [0, 1, 3], columnLabels: ["a", "b", "c"])
        tensor.colorScale = .fixed(low: 0, high: 2)
        tensor.scaleTitle = "distance"
        let html = HeatmapRenderer.render(tensor, id: "f").html
        #expect(fill(of: "0 → b: 1.0000", in: html) == ColorMap.viridis.color(at: 0.5).hexString)
        #expect(fill(of: "0 → c: 3.0000", in: html) == "#fde725")
        #expect(html.contains(">distance</text>"))
    }

    @Test func aSharedScaleSpansEveryHeatmapOfTheNoteThatNamesIt() {
        var small = ShownTensor(title: "small", shape: [1, 2], values: [0.1, 0.2])
        small.colorScale = .shared(name: "w")
        var large = ShownTensor(title: "large", shape: [1, 2], values: [0.5, 1.0])
        large.colorScale = .shared(name: "w")
        let results: [BlockResult?] = [
            BlockResult(outputs: [.heatmap(small)]), nil, BlockResult(outputs: [.heatmap(large)]),
        ]
        let ranges = SharedColorScales.ranges(in: results)
        #expect(ranges == ["w": 0.1...1.0])
        let html = HeatmapRenderer.render(small, id: "s", sharedRanges: ranges).html
        #expect(fill(of: "0 → 0: 0.1000", in: html) == "#440154")
        #expect(fill(of: "0 → 1: 0.2000", in: html) == ColorMap.viridis.color(at: 0.1 / 0.9).hexString)
        #expect(html.contains("shared)</text>"))
    }

    @Test func ticksAreRoundNumbers() {
        #expect(NiceTicks(low: 0, high: 1).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceTicks(low: 0, high: 1).label(0.6) == "0.6")
        #expect(NiceTicks(low: -3.7, high: 3.7, count: 3).values == [-2, 0, 2])
        #expect(NiceTicks(low: 0.013, high: 0.087, count: 4).values == [0.02, 0.04, 0.06, 0.08])
        #expect(NiceTicks(low: 0.013, high: 0.087, count: 4).label(0.06) == "0.06")
        let log = NiceTicks.logarithmic(low: 0.5, high: 23)
        #expect(log.values == [0.1, 1, 10, 100])
        #expect(log.values.map(log.label) == ["0.1", "1", "10", "100"])
    }

    @Test func stacksAreCaptionedWithTheirLabels() {
        let tensor = ShownTensor(
            title: "Heads", shape: [2, 1, 2], values: [0.5, 0.5, 1, 0], sliceLabels: ["head 0", "head 1"])
        let html = HeatmapRenderer.render(tensor, id: "h").html
        #expect(html.contains("<figcaption>head 0</figcaption>"))
        #expect(html.contains("<figcaption>head 1</figcaption>"))
        #expect(!html.contains("[0, :, :]"))
    }

    @Test func theDivergingMapIsRecolouredInDarkModeThroughClasses() {
        let tensor = ShownTensor(title: nil, shape: [3], values: [-1, 0, 1])
        let html = HeatmapRenderer.render(tensor, id: "d").html
        // Light mode keeps ColorBrewer's white centre as the fill; the class is for dark mode.
        #expect(html.contains(##"<rect class="cell dv10" x="##))
        #expect(fill(of: "1: 0.0000", in: html) == "#f7f7f7")
        #expect(html.contains(##"class="dv0""##) && html.contains(##"class="dv20""##))
        let css = Stylesheet.css
        let dark = css[css.range(of: "@media (prefers-color-scheme: dark) {\n  :root {\n    --series-0")!.lowerBound...]
        // The centre is a dark grey, close to the page's background, with light text on it.
        #expect(dark.contains(".heatmap rect.dv10 { fill: #222a36; }"))
        #expect(dark.contains(".heatmap path.dv10 { stroke: #222a36; }"))
        #expect(dark.contains(".heatmap text.dv10 { fill: #ffffff; }"))
        #expect(DivergingPalette.dark.color(at: 0.5).relativeLuminance < 0.05)
        #expect(DivergingPalette.dark.color(at: 0).relativeLuminance > 0.5)
    }

    @Test func aLargeHeatmapIsSmallLabelsThinnedAndNoElementPerCell() {
        // A causal attention pattern over 256 tokens: row i spreads evenly over tokens 0…i.
        let size = 256
        var values = [Double](repeating: 0, count: size * size)
        for row in 0..<size {
            for column in 0...row { values[row * size + column] = 1 / Double(row + 1) }
        }
        let tokens = (0..<size).map { "token \($0)" }
        let tensor = ShownTensor(
            title: "Causal", shape: [size, size], values: values, rowLabels: tokens, columnLabels: tokens)
        let html = HeatmapRenderer.render(tensor, id: "big").html
        #expect(html.utf8.count < 300_000, "\(html.utf8.count) bytes")
        #expect(!html.contains("<rect class=\"cell"))
        #expect(!html.contains("class=\"values\""))
        // One label every 10 rows (cells of 2 units, labels of 10): 26 row labels, not 256.
        #expect(html.components(separatedBy: ">token ").count - 1 == 2 * 26)
        // The script finds cells from the geometry; the values are too many to carry, so the
        // colour levels carry their range.
        #expect(html.contains(##"data-grid="##))
        #expect(!html.contains("data-values"))
        #expect(html.contains("data-range=\""))
    }

    @Test func runsOfMaskedCellsKeepTheHatchingAtItsUsualSize() {
        let values = (0..<(32 * 32)).map { $0 % 32 > $0 / 32 ? -Double.infinity : 1 }
        let html = HeatmapRenderer.render(ShownTensor(title: nil, shape: [32, 32], values: values), id: "m").html
        // Cells of 16 units: the pattern is scaled by 1/16 inside the group scaled by 16.
        #expect(html.contains(##"patternTransform="scale(0.0625) rotate(45)""##))
        #expect(html.contains(##"stroke="url(#m-hatch)""##))
    }

    @Test func midSizedHeatmapsCarryTheirValuesForTheScript() {
        let tensor = ShownTensor(title: nil, shape: [20, 20], values: (0..<400).map { Double($0) })
        let html = HeatmapRenderer.render(tensor, id: "m").html
        #expect(html.contains(##"data-values="0.0000 1.0000 2.0000 "##))
        #expect(html.contains(##"tabindex="0""##))
    }
}
