import Foundation
import NoteResults
import Testing

@testable import NotesKit

/// Recorded numbers against computed ones: the tolerance's edges, and what must never pass.
@Suite struct OutputComparisonTests {
    // MARK: Tolerance

    /// With rtol 0.5 and atol 0.25 a computed "2" accepts recorded numbers within 1.25 of it:
    /// 0.75 and 3.25 are exactly at the edge. All these numbers are exact in binary.
    @Test func exactlyAtTheEdgePassesJustBeyondFails() {
        let tolerance = Tolerance(relative: 0.5, absolute: 0.25)
        #expect(tolerance.accepts(recorded: "3.25", computed: "2"))
        #expect(tolerance.accepts(recorded: "0.75", computed: "2"))
        #expect(!tolerance.accepts(recorded: "3.2500001", computed: "2"))
        #expect(!tolerance.accepts(recorded: "0.7499999", computed: "2"))
    }

    /// Recorded and computed numbers are compared as written, at the same precision.
    @Test func numbersAreComparedAsWritten() {
        let exact = Tolerance(relative: 0, absolute: 0)
        #expect(exact.accepts(recorded: "0.8959", computed: "0.8959"))
        #expect(!exact.accepts(recorded: "0.8958", computed: "0.8959"))
        // The same value written differently still matches.
        #expect(exact.accepts(recorded: "1.50", computed: "1.5000"))
        // In scientific notation the tolerance scales with the value: rtol·1e9 = 1e5.
        let relative = Tolerance(relative: 1e-4, absolute: 0)
        #expect(relative.accepts(recorded: "-1.0001e+09", computed: "-1.0000e+09"))
        #expect(!relative.accepts(recorded: "-1.0002e+09", computed: "-1.0000e+09"))
    }

    @Test func defaultToleranceOnFourDecimals() {
        let tolerance = Tolerance()
        #expect(tolerance.accepts(recorded: "0.3573", computed: "0.3573"))
        // A digit changed fails: 0.3573 → 0.3583, and even the last digit of 0.8959.
        #expect(!tolerance.accepts(recorded: "0.3583", computed: "0.3573"))
        #expect(!tolerance.accepts(recorded: "0.8958", computed: "0.8959"))
        #expect(!tolerance.accepts(recorded: "-0.3573", computed: "0.3573"))
        // At 1 and above, one unit of the fourth decimal is within rtol 1e-4.
        #expect(tolerance.accepts(recorded: "1.0101", computed: "1.0100"))
        #expect(!tolerance.accepts(recorded: "1.0102", computed: "1.0100"))
    }

    @Test func nonFiniteValues() {
        let tolerance = Tolerance()
        #expect(tolerance.accepts(recorded: "nan", computed: "nan"))
        #expect(!tolerance.accepts(recorded: "nan", computed: "1.0000"))
        #expect(!tolerance.accepts(recorded: "1.0000", computed: "nan"))
        #expect(tolerance.accepts(recorded: "inf", computed: "inf"))
        #expect(tolerance.accepts(recorded: "-inf", computed: "-inf"))
        #expect(!tolerance.accepts(recorded: "-inf", computed: "inf"))
        #expect(!tolerance.accepts(recorded: "inf", computed: "-inf"))
        #expect(!tolerance.accepts(recorded: "inf", computed: "1.0000e+308"))
        #expect(!tolerance.accepts(recorded: "1.0000e+308", computed: "inf"))
    }

    @Test func wordsThatAreNotNumbersNeverMatchANumber() {
        let tolerance = Tolerance(relative: 1, absolute: 1)
        #expect(!tolerance.accepts(recorded: "poem", computed: "1.0000"))
        #expect(!tolerance.accepts(recorded: "", computed: "0.0000"))
        #expect(!tolerance.accepts(recorded: "True", computed: "1.0000"))
    }

    // MARK: Comparing recorded text with computed output

    private let computed = RecordedOutput(outputs: [
        .table(
            ShownTensor(
                title: "Weights", shape: [2, 2], values: [0.35729, 0.64271, 1, 0], rowLabels: ["write", "poem"])),
        .text("done\n"),
    ])

    /// The recorded text as `notesgen test --fix` writes it.
    private var recorded: [String] { computed.lines.map(\.text) }

    private func difference(_ recorded: [String]) -> OutputDifference? {
        OutputComparison.compare(recorded: recorded, computed: computed, tolerance: Tolerance())
    }

    @Test func recordedTextMatchesItself() {
        #expect(recorded[2] == "write   0.3573   0.6427")
        #expect(difference(recorded) == nil)
    }

    @Test func numbersWithinTheToleranceAndOtherSpacingMatch() {
        var nearly = recorded
        nearly[2] = "write  0.35729  0.64271"
        #expect(difference(nearly) == nil)
    }

    @Test func oneChangedDigitFails() throws {
        var tampered = recorded
        tampered[2] = tampered[2].replacingOccurrences(of: "0.3573", with: "0.3583")
        let found = try #require(difference(tampered))
        #expect(found.lineIndex == 2)
        #expect(found.explanation.contains("0.3583 → 0.3573"))
    }

    @Test func changedLabelFails() throws {
        var relabelled = recorded
        relabelled[2] = relabelled[2].replacingOccurrences(of: "write", with: "wrote")
        #expect(try #require(difference(relabelled)).lineIndex == 2)
        var retitled = recorded
        retitled[0] = "Weight [2×2]"
        #expect(try #require(difference(retitled)).lineIndex == 0)
    }

    @Test func changedShapeFails() throws {
        // One row more recorded than computed: the line counts differ.
        var longer = recorded
        longer.insert("again   0.3573   0.6427", at: 4)
        let found = try #require(difference(longer))
        #expect(found.lineIndex == 4)
        #expect(found.explanation.contains("recorded 7 lines, computed 6"))
        // A row missing.
        var shorter = recorded
        shorter.remove(at: 3)
        #expect(difference(shorter) != nil)
        // A column missing.
        var narrower = recorded
        narrower[2] = "write   0.3573"
        #expect(difference(narrower)?.lineIndex == 2)
    }

    @Test func printedTextIsComparedExactly() throws {
        var changed = recorded
        changed[changed.count - 1] = "done "
        #expect(try #require(difference(changed)).lineIndex == changed.count - 1)
        // A number in printed text is text: no tolerance.
        let printed = RecordedOutput(outputs: [.text("loss 0.3573\n")])
        #expect(
            OutputComparison.compare(
                recorded: ["loss 0.3574"], computed: printed, tolerance: Tolerance(relative: 1, absolute: 1))
                != nil)
    }

    @Test func missingBlankLineBetweenPartsFails() throws {
        var joined = recorded
        joined.remove(at: 4)
        #expect(try #require(difference(joined)).lineIndex == 4)
    }
}
