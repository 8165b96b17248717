import NoteResults
import Testing

@testable import SiteRendering

@Suite struct MatrixTableRendererTests {
    let tokens = ["write", "a", "poem"]

    @Test func captionHasTitleAndShape() {
        let tensor = ShownTensor(
            title: "Attention percentages", shape: [3, 3], values: Array(repeating: 0.25, count: 9))
        #expect(MatrixTableRenderer.render(tensor).html.contains("<caption>Attention percentages · 3×3</caption>"))
        let untitled = ShownTensor(title: nil, shape: [2, 1], values: [1, 2])
        #expect(MatrixTableRenderer.render(untitled).html.contains("<caption>2×1</caption>"))
    }

    @Test func labelsBecomeHeaderCellsAndNumbersHaveFourDecimals() {
        let tensor = ShownTensor(
            title: "Self-attention output", shape: [3, 2], values: [1.0100, 1.06408, 0.35729, -2, 1e9, 0.00001],
            rowLabels: tokens)
        let html = MatrixTableRenderer.render(tensor).html
        #expect(
            html.contains(
                "<thead>\n<tr>\n<td></td>\n<th scope=\"col\">0</th>\n<th scope=\"col\">1</th>\n</tr>\n</thead>"))
        #expect(html.contains("<tr>\n<th scope=\"row\">write</th>\n<td>1.0100</td>\n<td>1.0641</td>\n</tr>"))
        #expect(html.contains("<th scope=\"row\">a</th>\n<td>0.3573</td>\n<td>-2.0000</td>"))
        #expect(html.contains("<th scope=\"row\">poem</th>\n<td>1.0000e+09</td>\n<td>0.0000</td>"))
    }

    @Test func nonFiniteValuesAreWrittenLikePyTorch() {
        let tensor = ShownTensor(title: "Masked", shape: [2, 2], values: [0.5, -.infinity, .nan, .infinity])
        let html = MatrixTableRenderer.render(tensor).html
        #expect(html.contains("<td>0.5000</td>\n<td>-inf</td>"))
        #expect(html.contains("<td>nan</td>\n<td>inf</td>"))
    }

    @Test func theBlockCanAskForOtherDecimals() {
        let tensor = ShownTensor(title: nil, shape: [2], values: [0.123456, 2], decimals: 2)
        #expect(MatrixTableRenderer.render(tensor).html.contains("<td>0.12</td>\n<td>2.00</td>"))
    }

    @Test func masksShowTrueAndFalse() {
        let mask = ShownTensor(title: "Mask", shape: [2, 2], values: [1, 0, 1, 1], isBoolean: true)
        let html = MatrixTableRenderer.render(mask).html
        #expect(html.contains("<td>True</td>\n<td>False</td>"))
        #expect(!html.contains("1.0000"))
    }

    @Test func labelsAreTextNeverMarkup() {
        let tensor = ShownTensor(
            title: "<b>title</b>", shape: [1, 1], values: [1], rowLabels: ["<script>"], columnLabels: ["a&b"])
        let html = MatrixTableRenderer.render(tensor).html
        #expect(html.contains("<caption>&lt;b&gt;title&lt;/b&gt; · 1×1</caption>"))
        #expect(html.contains("<th scope=\"row\">&lt;script&gt;</th>"))
        #expect(html.contains("<th scope=\"col\">a&amp;b</th>"))
        #expect(!html.contains("<script>"))
    }

    @Test func aScalarIsASingleCell() {
        let html = MatrixTableRenderer.render(ShownTensor(title: "Loss", shape: [], values: [0.69318])).html
        #expect(html.contains("<caption>Loss · scalar</caption>"))
        #expect(html.occurrences(of: "<td>") == 1)
        #expect(html.contains("<td>0.6932</td>"))
        #expect(!html.contains("<th"))
    }

    @Test func aVectorIsOneRowWithIndexedColumns() {
        let html = MatrixTableRenderer.render(ShownTensor(title: "Bias", shape: [3], values: [1, 2, 3])).html
        #expect(html.contains("<caption>Bias · 3</caption>"))
        #expect(html.occurrences(of: "<tr>") == 2)
        #expect(
            html.contains("<thead>\n<tr>\n<th scope=\"col\">0</th>\n<th scope=\"col\">1</th>\n<th scope=\"col\">2</th>")
        )
        #expect(html.contains("<tbody>\n<tr>\n<td>1.0000</td>\n<td>2.0000</td>\n<td>3.0000</td>\n</tr>"))
        #expect(!html.contains("scope=\"row\""))
    }

    @Test func aVectorWithARowLabelShowsIt() {
        let tensor = ShownTensor(
            title: nil, shape: [2], values: [1, 2], rowLabels: ["bias"], columnLabels: ["x", "y"])
        let html = MatrixTableRenderer.render(tensor).html
        #expect(html.contains("<tr>\n<th scope=\"row\">bias</th>\n<td>1.0000</td>"))
        #expect(html.contains("<td></td>\n<th scope=\"col\">x</th>"))
    }

    @Test func higherRanksAreAStackOfMatricesNamedByTheirLeadingIndex() throws {
        let tensor = ShownTensor(title: "Heads", shape: [2, 3, 2, 2], values: (0..<24).map(Double.init))
        let html = MatrixTableRenderer.render(tensor).html
        #expect(html.hasPrefix("<figure class=\"tensor-stack\">\n<figcaption>Heads · 2×3×2×2</figcaption>"))
        #expect(html.occurrences(of: "<table") == 6)
        #expect(html.contains("<caption>[0, 0, :, :]</caption>"))
        #expect(html.contains("<caption>[1, 2, :, :]</caption>"))
        // The last matrix holds the last four values, in row-major order.
        let last = try #require(html.range(of: "<caption>[1, 2, :, :]</caption>"))
        #expect(
            html[last.upperBound...].contains(
                "<td>20.0000</td>\n<td>21.0000</td>\n</tr>\n<tr>\n<th scope=\"row\">1</th>\n<td>22.0000</td>\n<td>23.0000</td>"
            ))
    }

    @Test func aThreeDimensionalTensorUsesItsLabelsInEveryMatrix() {
        let tensor = ShownTensor(
            title: nil, shape: [2, 2, 2], values: (0..<8).map(Double.init), rowLabels: ["r0", "r1"],
            columnLabels: ["c0", "c1"])
        let html = MatrixTableRenderer.render(tensor).html
        #expect(html.occurrences(of: "<th scope=\"row\">r1</th>") == 2)
        #expect(html.occurrences(of: "<th scope=\"col\">c0</th>") == 2)
        #expect(html.contains("<caption>[1, :, :]</caption>"))
    }

    @Test func wideTablesScrollInsideTheirWrapper() {
        let html = MatrixTableRenderer.render(
            ShownTensor(title: nil, shape: [1, 40], values: Array(repeating: 0, count: 40))
        ).html
        #expect(html.hasPrefix("<div class=\"matrix-scroll\">\n<table class=\"matrix\">"))
    }
}
