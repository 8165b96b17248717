import Foundation
import NoteResults
import Testing

@testable import NotesKit

/// The text a block's results are recorded as in its `output` block.
@Suite struct RecordedOutputTests {
    private func text(_ outputs: [BlockOutput]) -> String {
        RecordedOutput(outputs: outputs).text
    }

    @Test func matrixWithRowLabels() {
        let tensor = ShownTensor(
            title: "Self-attention output", shape: [3, 2], values: [1.0100, 1.0641, 0.3573, -0.5, 12.25, 0],
            rowLabels: ["write", "a", "poem"])
        #expect(
            text([.table(tensor)]) == """
                Self-attention output [3×2]
                              0         1
                write    1.0100    1.0641
                a        0.3573   -0.5000
                poem    12.2500    0.0000
                """)
    }

    @Test func matrixWithRowAndColumnLabels() {
        let tensor = ShownTensor(
            title: "Weights", shape: [2, 2], values: [0.25, 0.75, 1, 0], rowLabels: ["q1", "q2"],
            columnLabels: ["key one", "k2"])
        #expect(
            text([.heatmap(tensor)]) == """
                Weights [2×2]
                     key one       k2
                q1    0.2500   0.7500
                q2    1.0000   0.0000
                """)
    }

    @Test func vectorIsOneRow() {
        let tensor = ShownTensor(title: "v", shape: [3], values: [1, -2.5, 0.125])
        #expect(
            text([.table(tensor)]) == """
                v [3]
                     0         1        2
                1.0000   -2.5000   0.1250
                """)
    }

    @Test func vectorWithARowLabel() {
        let tensor = ShownTensor(title: "q", shape: [2], values: [1, 2], rowLabels: ["token"])
        #expect(
            text([.table(tensor)]) == """
                q [2]
                             0        1
                token   1.0000   2.0000
                """)
    }

    @Test func scalarHasNoTable() {
        #expect(
            text([.table(ShownTensor(title: "Scale", shape: [], values: [0.70710678]))]) == "Scale [scalar]\n0.7071")
        #expect(text([.table(ShownTensor(title: nil, shape: [], values: [2]))]) == "[scalar]\n2.0000")
    }

    @Test func stackOfMatricesHasSubMatrixHeaders() {
        let tensor = ShownTensor(
            title: "Heads", shape: [2, 2, 1, 2], values: [1, 2, 3, 4, 5, 6, 7, 8], rowLabels: ["t"],
            columnLabels: ["a", "b"])
        #expect(
            text([.table(tensor)]) == """
                Heads [2×2×1×2]
                [0, 0, :, :]
                         a        b
                t   1.0000   2.0000
                [0, 1, :, :]
                         a        b
                t   3.0000   4.0000
                [1, 0, :, :]
                         a        b
                t   5.0000   6.0000
                [1, 1, :, :]
                         a        b
                t   7.0000   8.0000
                """)
    }

    @Test func booleansAreTrueAndFalse() {
        let mask = ShownTensor(
            title: "Causal mask", shape: [2, 2], values: [1, 0, 1, 1], isBoolean: true, decimals: 0)
        #expect(
            text([.table(mask)]) == """
                Causal mask [2×2]
                       0       1
                0   True   False
                1   True    True
                """)
        // Booleans are words, compared exactly: no number in them.
        let line = RecordedOutput(outputs: [.table(mask)]).lines[2]
        #expect(line.words?.allSatisfy { $0.value == nil } == true)
    }

    @Test func nonFiniteAndLargeNumbers() {
        let tensor = ShownTensor(title: nil, shape: [1, 4], values: [.nan, .infinity, -.infinity, -1e9])
        #expect(
            text([.table(tensor)]) == """
                [1×4]
                      0     1      2             3
                0   nan   inf   -inf   -1.0000e+09
                """)
    }

    @Test func decimalsFollowTheShownTensor() {
        let tensor = ShownTensor(title: "Two", shape: [2], values: [0.125, 1], decimals: 2)
        #expect(text([.table(tensor)]) == "Two [2]\n   0      1\n0.12   1.00")
    }

    @Test func printedTextIsVerbatimAndPartsAreSeparatedByABlankLine() {
        let outputs: [BlockOutput] = [
            .text("\nfirst line\n  indented, trailing  \n\n"),
            .table(ShownTensor(title: "x", shape: [1], values: [1])),
            .text("last\n"),
        ]
        #expect(
            text(outputs) == """
                first line
                  indented, trailing  \("")

                x [1]
                     0
                1.0000

                last
                """)
        let lines = RecordedOutput(outputs: outputs).lines
        #expect(lines[0].words == nil)
        #expect(lines[5].words?.map(\.value) == [1])
    }

    @Test func nothingShownIsEmpty() {
        #expect(RecordedOutput(outputs: []).isEmpty)
        #expect(RecordedOutput(outputs: [.text("\n\n")]).isEmpty)
    }

    /// Labels are words compared exactly; values are numbers with their exact computed value.
    @Test func wordsOfATableLine() {
        let tensor = ShownTensor(title: nil, shape: [1, 2], values: [0.35729, 2], rowLabels: ["two words"])
        let line = RecordedOutput(outputs: [.table(tensor)]).lines[2]
        #expect(line.text == "two words   0.3573   2.0000")
        #expect(line.words?.map(\.text) == ["two", "words", "0.3573", "2.0000"])
        #expect(line.words?.map(\.value) == [nil, nil, 0.35729, 2])
    }
}
