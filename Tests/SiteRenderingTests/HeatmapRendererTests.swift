import Foundation
import NoteResults
import Testing

@testable import SiteRendering

@Suite struct HeatmapRendererTests {
    let tokens = ["write", "a", "poem"]

    /// Each cell's tooltip and fill, in drawing order.
    func cells(_ html: String) -> [(tooltip: String, fill: String)] {
        html.matches(of: /<rect class="cell[^"]*"[^>]* fill="([^"]+)"><title>([^<]*)<\/title>/).map {
            (String($0.output.2), String($0.output.1))
        }
    }

    func fill(of tooltip: String, in html: String) -> String? {
        cells(html).first { $0.tooltip == tooltip }?.fill
    }

    @Test func oneCellPerValueEachWithATooltipNamingRowColumnAndValue() {
        let tensor = ShownTensor(
            title: "Attention percentages", shape: [3, 3],
            values: [0.3573, 0.3215, 0.3212, 0.1, 0.2, 0.7, 0.0, 0.5, 0.5], rowLabels: tokens, columnLabels: tokens)
        let html = HeatmapRenderer.render(tensor, id: "h").html
        #expect(cells(html).count == 9)
        #expect(
            cells(html).map(\.tooltip).prefix(3) == [
                "write → write: 0.3573", "write → a: 0.3215", "write → poem: 0.3212",
            ])
        #expect(cells(html).last?.tooltip == "poem → poem: 0.5000")
    }

    @Test func theSVGIsAnAccessibleImageTitledByTitleAndShape() {
        let tensor = ShownTensor(title: "Attention", shape: [2, 2], values: [1, 2, 3, 4])
        let html = HeatmapRenderer.render(tensor, id: "heatmap-b1-1").html
        #expect(
            html.contains(
                ##"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="heatmap-b1-1-title" viewBox="0 0 "##
            ))
        #expect(html.contains(##"<title id="heatmap-b1-1-title">Attention · 2×2</title>"##))
        #expect(html.contains("<figcaption>Attention · 2×2</figcaption>"))
        #expect(html.contains(##"fill="currentColor""##))
    }

    @Test func labelsAreEscapedInTheSVG() {
        let tensor = ShownTensor(
            title: "<script>", shape: [1, 2], values: [1, 2], rowLabels: ["<script>"], columnLabels: ["a&b", "\"q\""])
        let html = HeatmapRenderer.render(tensor, id: "h").html
        #expect(!html.contains("<script>"))
        #expect(html.contains("<title>&lt;script&gt; → a&amp;b: 1.0000</title>"))
        #expect(html.contains(">&lt;script&gt;</text>"))
        #expect(html.contains(">\"q\"</text>"))
        #expect(html.contains(##"<title id="h-title">&lt;script&gt; · 1×2</title>"##))
    }

    @Test func viridisRunsFromPurpleToYellow() {
        #expect(ColorMap.viridis.color(at: 0).hexString == "#440154")
        #expect(ColorMap.viridis.color(at: 1).hexString == "#fde725")
        #expect(ColorMap.viridis.color(at: 0.5).hexString == "#21918c")
        #expect(ColorMap.viridis.color(at: -3).hexString == "#440154")
        #expect(ColorMap.viridis.color(at: 7).hexString == "#fde725")
        // Halfway between two control points is their mean: (0x44+0x48)/2, (0x01+0x24)/2, (0x54+0x75)/2.
        #expect(ColorMap.viridis.color(at: 0.05).hexString == "#461365")
    }

    @Test func nonNegativeDataSpansViridisFromMinimumToMaximum() {
        let tensor = ShownTensor(
            title: nil, shape: [1, 3], values: [0.2, 0.5, 0.8], columnLabels: ["lo", "mid", "hi"])
        let html = HeatmapRenderer.render(tensor, id: "h").html
        #expect(fill(of: "0 → lo: 0.2000", in: html) == "#440154")
        #expect(fill(of: "0 → mid: 0.5000", in: html) == "#21918c")
        #expect(fill(of: "0 → hi: 0.8000", in: html) == "#fde725")
        #expect(html.contains(##"stop-color="#440154""##))
    }

    @Test func signedDataIsDivergingAndCentredOnZero() {
        let tensor = ShownTensor(title: nil, shape: [4], values: [-2, 0, 1, 2])
        let html = HeatmapRenderer.render(tensor, id: "h").html
        #expect(fill(of: "0: -2.0000", in: html) == "#053061")
        #expect(fill(of: "1: 0.0000", in: html) == "#f7f7f7")
        #expect(fill(of: "3: 2.0000", in: html) == "#67001f")
        // Symmetric: 1 is as far into the reds as −1 would be into the blues.
        #expect(fill(of: "2: 1.0000", in: html) == ColorMap.blueWhiteRed.color(at: 0.75).hexString)
        // The colour bar marks −2, 0 and 2 (round numbers), with 0 in its middle.
        #expect(html.contains(">-2</text>"))
        #expect(html.contains(##"text-anchor="middle">0</text>"##))
        #expect(html.contains(">2</text>"))
    }

    @Test func zeroIsWhiteEvenWhenTheSignedDataIsLopsided() {
        let tensor = ShownTensor(title: nil, shape: [3], values: [-0.1, 0, 10])
        let html = HeatmapRenderer.render(tensor, id: "h").html
        #expect(fill(of: "1: 0.0000", in: html) == "#f7f7f7")
        #expect(fill(of: "2: 10.0000", in: html) == "#67001f")
    }

    @Test func nonFiniteCellsAreHatchedAndNamedInTheirTooltip() {
        let tensor = ShownTensor(
            title: "Masked scores", shape: [2, 2], values: [0.5, -.infinity, .nan, 1.5], rowLabels: ["a", "b"],
            columnLabels: ["a", "b"])
        let html = HeatmapRenderer.render(tensor, id: "m").html
        #expect(html.contains(##"<pattern id="m-hatch""##))
        #expect(fill(of: "a → b: -inf", in: html) == "url(#m-hatch)")
        #expect(fill(of: "b → a: nan", in: html) == "url(#m-hatch)")
        // The scale is made of the finite values only.
        #expect(fill(of: "a → a: 0.5000", in: html) == "#440154")
        #expect(fill(of: "b → b: 1.5000", in: html) == "#fde725")
        #expect(html.contains(">-inf</text>"))
    }

    @Test func withoutAnyFiniteValueThereIsNoColourBar() {
        let tensor = ShownTensor(title: nil, shape: [1, 2], values: [-.infinity, -.infinity])
        let html = HeatmapRenderer.render(tensor, id: "m").html
        #expect(cells(html).count == 2)
        #expect(!html.contains("linearGradient"))
        #expect(!html.contains("color-scale"))
    }

    @Test func valuesAreWrittenInCellsOnlyForSmallMatrices() {
        let small = ShownTensor(title: nil, shape: [12, 12], values: (0..<144).map { Double($0) / 143 })
        let smallHTML = HeatmapRenderer.render(small, id: "s").html
        #expect(cells(smallHTML).count == 144)
        #expect(smallHTML.contains(##"<g class="values""##))
        #expect(
            smallHTML.matches(of: /<text x="[^"]+" y="[^"]+" font-size="[^"]+" fill="#(000000|ffffff)">/).count == 144)

        // Larger matrices draw runs of cells, one path per colour level, with no value text.
        let large = ShownTensor(title: nil, shape: [13, 12], values: (0..<156).map { Double($0) / 155 })
        let largeHTML = HeatmapRenderer.render(large, id: "l").html
        #expect(cells(largeHTML).isEmpty)
        #expect(largeHTML.contains("<path d=\"M0 .5m"))
        #expect(!largeHTML.contains(##"class="values""##))
    }

    @Test func cellValuesContrastWithTheirCell() {
        let tensor = ShownTensor(title: nil, shape: [1, 2], values: [0, 1])
        let html = HeatmapRenderer.render(tensor, id: "c").html
        // Dark purple gets white text, bright yellow black text.
        #expect(html.contains(##"fill="#ffffff">0.00</text>"##))
        #expect(html.contains(##"fill="#000000">1.00</text>"##))
        #expect(RGBColor(hex: 0x440154).contrastingTextColor == "#ffffff")
        #expect(RGBColor(hex: 0xfde725).contrastingTextColor == "#000000")
        #expect(RGBColor(hex: 0xf7f7f7).contrastingTextColor == "#000000")
    }

    @Test func masksAreShownAsTrueAndFalse() {
        let mask = ShownTensor(title: "Causal mask", shape: [2, 2], values: [1, 0, 1, 1], isBoolean: true)
        let html = HeatmapRenderer.render(mask, id: "k").html
        #expect(cells(html).map(\.tooltip) == ["0 → 0: True", "0 → 1: False", "1 → 0: True", "1 → 1: True"])
        #expect(fill(of: "0 → 1: False", in: html) == "#440154")
        #expect(fill(of: "0 → 0: True", in: html) == "#fde725")
        #expect(html.contains(">False</text>"))
    }

    @Test func higherRanksAreSmallMultiplesSharingOneScale() {
        let tensor = ShownTensor(title: "Heads", shape: [2, 2, 2], values: [0, 1, 2, 3, 4, 5, 6, 7])
        let html = HeatmapRenderer.render(tensor, id: "hm").html
        #expect(html.hasPrefix("<figure class=\"heatmap-stack\">\n<figcaption>Heads · 2×2×2</figcaption>"))
        #expect(html.occurrences(of: "<svg ") == 2)
        #expect(cells(html).count == 8)
        #expect(html.contains(##"<title id="hm-0-title">Heads · 2×2×2 [0, :, :]</title>"##))
        #expect(html.contains(##"<title id="hm-1-title">Heads · 2×2×2 [1, :, :]</title>"##))
        #expect(html.contains("<figcaption>[1, :, :]</figcaption>"))
        // One scale for all: the smallest value of the whole tensor is the darkest colour.
        let fills = cells(html).map(\.fill)
        #expect(fills.first == "#440154")
        #expect(fills.last == "#fde725")
        #expect(fills[3] != "#fde725")
    }

    @Test func scalarsAndVectorsAreSingleRows() {
        let scalar = HeatmapRenderer.render(ShownTensor(title: nil, shape: [], values: [3]), id: "s").html
        #expect(cells(scalar).map(\.tooltip) == ["3.0000"])
        let vector = HeatmapRenderer.render(
            ShownTensor(title: nil, shape: [3], values: [1, 2, 3], columnLabels: ["x", "y", "z"]), id: "v"
        ).html
        #expect(cells(vector).map(\.tooltip) == ["x: 1.0000", "y: 2.0000", "z: 3.0000"])
        #expect(!vector.contains("row-labels"))
    }

    @Test func longColumnLabelsAreTurned() {
        let short = ShownTensor(title: nil, shape: [1, 2], values: [1, 2], columnLabels: ["a", "b"])
        #expect(!HeatmapRenderer.render(short, id: "s").html.contains("rotate(-45"))
        let long = ShownTensor(title: nil, shape: [1, 2], values: [1, 2], columnLabels: ["embedding", "positional"])
        #expect(HeatmapRenderer.render(long, id: "l").html.contains(##"transform="rotate(-45 "##))
    }

    @Test func coordinatesHaveAtMostOneDecimalAndRenderingIsDeterministic() {
        let tensor = ShownTensor(
            title: "x", shape: [5, 7], values: (0..<35).map { sin(Double($0)) },
            rowLabels: ["a", "bb", "ccc", "dddd", "eeeee"])
        let first = HeatmapRenderer.render(tensor, id: "d").html
        #expect(first == HeatmapRenderer.render(tensor, id: "d").html)
        let numbers = first.matches(of: /\s(?:x|y|width|height|font-size)="([^"]+)"/).map { String($0.output.1) }
        #expect(!numbers.isEmpty)
        #expect(numbers.allSatisfy { $0.wholeMatch(of: /-?[0-9]+(\.[0-9])?/) != nil })
        #expect(first.contains(##"viewBox="0 0 "##))
    }

    @Test func svgNumbersAreShortAndNeverNegativeZero() {
        #expect(svgNumber(12) == "12")
        #expect(svgNumber(3.14159) == "3.1")
        #expect(svgNumber(-0.0) == "0")
        #expect(svgNumber(-0.04) == "0")
        #expect(svgNumber(-2.5) == "-2.5")
    }
}
