import Foundation
import NoteResults
import Testing

@testable import NotesKit

/// How the new figures are recorded in `output` blocks: compactly, numbers with tolerance.
@Suite struct FigureRecordedOutputTests {
    private func text(_ output: BlockOutput) -> String {
        RecordedOutput(outputs: [output]).text
    }

    @Test func aPlotIsASummaryAndFiveSampledPointsWhateverItsLength() {
        let loss = (0..<200).map { 2.0 / Double($0 + 1) }
        let plot = Plot(
            title: "Training loss", series: [Plot.Series(name: "loss", x: (0..<200).map(Double.init), y: loss)],
            xAxis: Plot.Axis(label: "step"), yAxis: Plot.Axis(label: "loss", isLogarithmic: true))
        #expect(
            text(.plot(plot)) == """
                Training loss [plot: 1 series × 200 points; x: step; y: loss, log]
                series   points    first     last      min   at x      max   at x
                loss        200   2.0000   0.0100   0.0100    199   2.0000      0
                x             0       50      100      150      199
                loss     2.0000   0.0392   0.0198   0.0132   0.0100
                """)
    }

    @Test func aPlotsNumbersAreComparedWithTolerance() {
        let plot = Plot(
            title: nil, series: [Plot.Series(name: "a", x: [0, 1], y: [1.01, 0.5])], xAxis: Plot.Axis(label: "step"),
            yAxis: Plot.Axis(label: "y"))
        let computed = RecordedOutput(outputs: [.plot(plot)])
        var recorded = computed.lines.map(\.text)
        // 1.0100 → 1.0101 is within the default relative tolerance; a changed count is not.
        recorded[2] = recorded[2].replacingOccurrences(of: "1.0100", with: "1.0101")
        #expect(OutputComparison.compare(recorded: recorded, computed: computed, tolerance: Tolerance()) == nil)
        recorded[2] = recorded[2].replacingOccurrences(of: " 2 ", with: " 3 ")
        #expect(OutputComparison.compare(recorded: recorded, computed: computed, tolerance: Tolerance()) != nil)
    }

    @Test func attentionLinesAreRecordedAsTheirWeightsPerHead() {
        let figure = AttentionLines(
            title: "Heads", queries: ["a", "b"], keys: ["a", "b"], weights: [1, 0, 0.5, 0.5, 0.25, 0.75, 0, 1],
            headLabels: ["head 0", "head 1"])
        #expect(
            text(.attentionLines(figure)) == """
                Heads [attention lines 2×2×2]
                head 0
                         a        b
                a   1.0000   0.0000
                b   0.5000   0.5000
                head 1
                         a        b
                a   0.2500   0.7500
                b   0.0000   1.0000
                """)
    }

    @Test func attentionStepsAreTheRowsNumbersStepByStep() {
        let steps = AttentionSteps(
            title: nil, query: "poem", keys: ["write", "poem"], scores: [1, 3], scale: 0.5, scaledScores: [0.5, 1.5],
            weights: [0.2689, 0.7311], values: [1, 0, 0, 2], valueWidth: 2, output: [0.2689, 1.4622])
        #expect(
            text(.attentionSteps(steps)) == """
                poem, step by step [attention steps: 2 keys, scale 0.5000]
                          write     poem
                score    1.0000   3.0000
                scaled   0.5000   1.5000
                weight   0.2689   0.7311
                output        0        1
                poem     0.2689   1.4622
                """)
    }

    @Test func stackLabelsNameTheMatricesOfATable() {
        let tensor = ShownTensor(
            title: "W", shape: [2, 1, 1], values: [0.5, 1], sliceLabels: ["head 0", "head 1"])
        #expect(
            text(.table(tensor)) == """
                W [2×1×1]
                head 0
                         0
                0   0.5000
                head 1
                         0
                0   1.0000
                """)
    }

    @Test func resultsRecordedBeforeTheNewFieldsReadBackUnchanged() throws {
        // The JSON of a heatmap as the channel wrote it before scales and stack labels.
        let old = #"{"heatmap":{"_0":{"decimals":4,"isBoolean":false,"shape":[1],"values":[0.5]}}}"#
        let output = try JSONDecoder().decode(BlockOutput.self, from: Data(old.utf8))
        #expect(output == .heatmap(ShownTensor(title: nil, shape: [1], values: [0.5])))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(output), as: UTF8.self) == old)
    }
}
