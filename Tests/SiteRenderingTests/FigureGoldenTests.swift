import Foundation
import NoteResults
import Testing

@testable import SiteRendering

/// Each figure kind against a reviewed copy of its markup in `Fixtures/Figures/`.
///
/// To re-record after an intended change, run the tests with `NOTESGEN_RECORD_GOLDEN=1`, review
/// the diff of the fixtures, and run them again without it: recording fails the run, so it is
/// never left on.
@Suite struct FigureGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Figures")

    func expectMatchesGolden(_ node: HTMLNode, _ name: String) throws {
        let file = Self.folder.appendingPathComponent(name + ".html")
        let html = node.html
        if ProcessInfo.processInfo.environment["NOTESGEN_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: file)
            Issue.record("recorded \(file.lastPathComponent); run again without NOTESGEN_RECORD_GOLDEN")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(html == expected, "\(name) differs from Fixtures/Figures/\(name).html")
    }

    let tokens = ["write", "a", "poem"]

    @Test func probabilityHeatmap() throws {
        let tensor = ShownTensor(
            title: "Attention", shape: [3, 3],
            values: [0.3573, 0.4011, 0.2416, 0.3410, 0.6047, 0.0542, 0.0722, 0.0320, 0.8959],
            rowLabels: tokens, columnLabels: tokens)
        try expectMatchesGolden(HeatmapRenderer.render(tensor, id: "h"), "heatmap-probabilities")
    }

    @Test func largeDivergingHeatmapDrawnAsRuns() throws {
        let values: [Double] = (0..<256).map { (index: Int) -> Double in
            let row = Double(index / 16)
            let column = Double(index % 16)
            return sin(row / 3) * cos(column / 4)
        }
        let tensor = ShownTensor(title: "Signed", shape: [16, 16], values: values)
        try expectMatchesGolden(HeatmapRenderer.render(tensor, id: "d"), "heatmap-large-diverging")
    }

    @Test func attentionLinesOfTwoHeads() throws {
        let figure = AttentionLines(
            title: "Two heads", queries: ["write", "poem"], keys: ["write", "poem"],
            weights: [0.9, 0.1, 0.25, 0.75, 0.5, 0.5, 0, 1], headLabels: ["head 0", "head 1"])
        try expectMatchesGolden(AttentionLinesRenderer.render(figure, id: "l"), "attention-lines-two-heads")
    }

    @Test func plotOfTwoSeriesOnALogAxis() throws {
        let x: [Double] = [2, 8, 32, 128, 512]
        let plot = Plot(
            title: "Spread",
            series: [
                Plot.Series(name: "q·k", x: x, y: x.map { $0.squareRoot() }),
                Plot.Series(name: "q·k/√d_k", x: x, y: [1, 1, 1, 1, 1]),
            ], xAxis: Plot.Axis(label: "d_k", isLogarithmic: true), yAxis: Plot.Axis(label: "std", isLogarithmic: true))
        try expectMatchesGolden(PlotRenderer.render(plot, id: "p"), "plot-log")
    }

    @Test func attentionStepsOfOneRow() throws {
        let steps = AttentionSteps(
            title: nil, query: "poem", keys: ["write", "poem"], scores: [-1, 3], scale: 0.5, scaledScores: [-0.5, 1.5],
            weights: [0.1192, 0.8808], values: [1, 0, 0, 2], valueWidth: 2, output: [0.1192, 1.7616])
        try expectMatchesGolden(AttentionStepsRenderer.render(steps, id: "s"), "attention-steps")
    }
}
