import Foundation
import NoteResults
import Testing

@testable import NotesKit

/// Recorded numbers against computed ones: the tolerance's edges, and what must never pass.
@Suite struct OutputComparisonTests {
    // MARK: Tolerance

    /// With rtol 0.5, atol 0.25 and a recorded "3" (half a unit: 0.5), a computed 1.5 is exactly
    /// at the edge: |1.5 − 3| = 1.5 = 0.25 + 0.5·1.5 + 0.5. All these numbers are exact in binary.
    @Test func exactlyAtTheEdgePassesJustBeyondFails() {
        let tolerance = Tolerance(relative: 0.5, absolute: 0.25)
        #expect(tolerance.accepts(recorded: "3", computed: 1.5))
        #expect(!tolerance.accepts(recorded: "3", computed: 1.5.nextDown))
        #expect(tolerance.accepts(recorded: "3", computed: 1.5.nextUp))
    }

    /// Half a unit of the recorded last digit is allowed: the recorded number was rounded.
    @Test func halfAUnitOfTheLastDigitIsAllowed() {
        let exact = Tolerance(relative: 0, absolute: 0)
        #expect(exact.accepts(recorded: "2", computed: 2.5))
        #expect(!exact.accepts(recorded: "2", computed: 2.5.nextUp))
        #expect(exact.accepts(recorded: "2", computed: 1.5))
        #expect(!exact.accepts(recorded: "2", computed: 1.5.nextDown))
        // In scientific notation the unit scales with the exponent: 0.00005e9 = 50000.
        #expect(exact.accepts(recorded: "-1.0000e+09", computed: -1_000_050_000))
        #expect(!exact.accepts(recorded: "-1.0000e+09", computed: -1_000_050_001))
        #expect(Tolerance.halfUnit(ofLastDigitIn: "1.0100") == 0.5 * pow(10, -4))
        #expect(Tolerance.halfUnit(ofLastDigitIn: "-1.0000e+09") == 0.5 * pow(10, 5))
    }

    @Test func defaultToleranceOnFourDecimals() {
        let tolerance = Tolerance()
        #expect(tolerance.accepts(recorded: "0.3573", computed: 0.35729))
        #expect(tolerance.accepts(recorded: "0.3573", computed: 0.357349))
        // A digit changed: 0.3573 → 0.3583 is 0.001 away, far beyond rtol and the rounding.
        #expect(!tolerance.accepts(recorded: "0.3583", computed: 0.35729))
        #expect(!tolerance.accepts(recorded: "-0.3573", computed: 0.35729))
        #expect(!tolerance.accepts(recorded: "0.3573", computed: 0.3576))
    }

    @Test func nonFiniteValues() {
        let tolerance = Tolerance()
        #expect(tolerance.accepts(recorded: "nan", computed: .nan))
        #expect(!tolerance.accepts(recorded: "nan", computed: 1))
        #expect(!tolerance.accepts(recorded: "1.0000", computed: .nan))
        #expect(tolerance.accepts(recorded: "inf", computed: .infinity))
        #expect(tolerance.accepts(recorded: "-inf", computed: -.infinity))
        #expect(!tolerance.accepts(recorded: "-inf", computed: .infinity))
        #expect(!tolerance.accepts(recorded: "inf", computed: -.infinity))
        #expect(!tolerance.accepts(recorded: "inf", computed: 1e308))
        #expect(!tolerance.accepts(recorded: "1.0000e+308", computed: .infinity))
    }

    @Test func wordsThatAreNotNumbersNeverMatchANumber() {
        let tolerance = Tolerance(relative: 1, absolute: 1)
        #expect(!tolerance.accepts(recorded: "poem", computed: 1))
        #expect(!tolerance.accepts(recorded: "", computed: 0))
        #expect(!tolerance.accepts(recorded: "True", computed: 1))
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
