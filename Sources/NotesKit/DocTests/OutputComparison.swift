import Foundation

/// How close a recorded number must be to the computed one.
public struct Tolerance: Sendable, Hashable {
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = 1e-4, absolute: Double = 1e-6) {
        self.relative = relative
        self.absolute = absolute
    }

    /// Whether the recorded number `recorded` matches the computed one (the rule of `torch.isclose`
    /// and the library's `Tensor.isClose`, applied to numbers as written), written as the recorded
    /// output writes it (`computed`, e.g. `0.8959`).
    ///
    /// Both are compared as written, at the same precision: equal texts match, and otherwise
    /// |recorded − computed| ≤ atol + rtol·|computed|. So a changed digit fails wherever it is
    /// beyond the tolerance (0.8959 → 0.8958 fails with the defaults, 1.0100 → 1.0101 is within
    /// rtol 1e-4), and a result that drifts by 1e-7 only fails if it crosses a rounding boundary
    /// of the last digit. NaN matches NaN; infinities match themselves.
    public func accepts(recorded: String, computed: String) -> Bool {
        if recorded == computed { return true }
        guard let have = Self.number(recorded), let want = Self.number(computed) else { return false }
        if have.isNaN || want.isNaN { return have.isNaN && want.isNaN }
        if have.isInfinite || want.isInfinite { return have == want }
        return abs(have - want) <= absolute + relative * abs(want)
    }

    /// Reads `1.0100`, `-1.0000e+09`, `nan`, `inf`, `-inf`.
    static func number(_ text: String) -> Double? {
        switch text {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default:
            guard text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" }) == true else { return nil }
            return Double(text)
        }
    }
}

/// A difference between a recorded output and the computed one.
public struct OutputDifference: Sendable, Hashable {
    /// 0-based index of the first line that differs, in the recorded text.
    public var lineIndex: Int
    /// A readable account: the differing lines side by side, the changed numbers.
    public var explanation: String
}

/// Compares recorded output text with what a block computes.
public enum OutputComparison {
    /// Nil when the recorded lines match the computed ones; else the first difference, with an
    /// explanation of up to five differing lines.
    public static func compare(
        recorded: [String], computed: RecordedOutput, tolerance: Tolerance
    ) -> OutputDifference? {
        var differing: [(index: Int, detail: String)] = []
        for index in 0..<max(recorded.count, computed.lines.count) {
            let have = index < recorded.count ? recorded[index] : nil
            let want = index < computed.lines.count ? computed.lines[index] : nil
            if let detail = lineDifference(recorded: have, computed: want, tolerance: tolerance) {
                differing.append((index, detail))
            }
        }
        guard let first = differing.first else { return nil }
        var explanation = differing.prefix(5).map { "  line \($0.index + 1) of the output block:\n\($0.detail)" }
        if differing.count > 5 { explanation.append("  … and \(differing.count - 5) more differing lines") }
        if recorded.count != computed.lines.count {
            explanation.append("  recorded \(recorded.count) lines, computed \(computed.lines.count)")
        }
        explanation.append("  run `notesgen test --fix` to record what the code computes now")
        return OutputDifference(lineIndex: first.index, explanation: explanation.joined(separator: "\n"))
    }

    private static func lineDifference(
        recorded: String?, computed: RecordedOutput.Line?, tolerance: Tolerance
    ) -> String? {
        guard let recorded, let computed else {
            return
                "    recorded: \(recorded.map(quoted) ?? "(nothing)")\n    computed: \(computed.map { quoted($0.text) } ?? "(nothing)")"
        }
        guard let words = computed.words else {
            return recorded == computed.text
                ? nil : "    recorded: \(quoted(recorded))\n    computed: \(quoted(computed.text))"
        }
        let recordedWords = recorded.split(whereSeparator: \.isWhitespace).map(String.init)
        var changes: [String] = []
        if recordedWords.count != words.count {
            changes.append("\(recordedWords.count) values recorded, \(words.count) computed")
        } else {
            for (have, want) in zip(recordedWords, words) {
                let matches =
                    want.value != nil ? tolerance.accepts(recorded: have, computed: want.text) : have == want.text
                if !matches { changes.append("\(have) → \(want.text)") }
            }
        }
        guard !changes.isEmpty else { return nil }
        return
            "    recorded: \(quoted(recorded))\n    computed: \(quoted(computed.text))\n    changed:  \(changes.joined(separator: ", "))"
    }

    private static func quoted(_ line: String) -> String {
        "|\(line)|"
    }
}
