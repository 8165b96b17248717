import NoteResults
import Testing

/// Every number on the site and in the recorded outputs is written by `NumberFormat`.
@Suite struct NumberFormatTests {
    @Test func fourDecimalsLikePyTorch() {
        #expect(NumberFormat.formatted(0.35729) == "0.3573")
        #expect(NumberFormat.formatted(-2) == "-2.0000")
        #expect(NumberFormat.formatted(1.06408, decimals: 2) == "1.06")
    }

    @Test func hugeValuesAreScientificLikeTheCoursesMaskValue() {
        #expect(NumberFormat.formatted(-1e9) == "-1.0000e+09")
        #expect(NumberFormat.formatted(-1e9, decimals: 2) == "-1.0000e+09")
    }

    @Test func wholeNumbersAskedForWithoutDecimalsAreWrittenInFull() {
        #expect(NumberFormat.formatted(68_719_476_736, decimals: 0) == "68719476736")
        #expect(NumberFormat.formatted(1e16, decimals: 0) == "1.0000e+16")
    }

    @Test func tinyValuesKeepTheFixedStyleAndLoseTheirSign() {
        #expect(NumberFormat.formatted(3.0e-7) == "0.0000")
        #expect(NumberFormat.formatted(-3.0e-7) == "0.0000")
    }

    @Test func nonFiniteValuesAndBooleans() {
        #expect(NumberFormat.formatted(.nan) == "nan")
        #expect(NumberFormat.formatted(-.infinity) == "-inf")
        #expect(NumberFormat.formatted(boolean: 1) == "True")
        #expect(NumberFormat.formatted(boolean: 0) == "False")
        #expect(NumberFormat.shape([3, 2]) == "3×2")
        #expect(NumberFormat.shape([]) == "scalar")
    }
}
