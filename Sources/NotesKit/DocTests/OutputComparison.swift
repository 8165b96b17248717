import Foundation

/// How close a recorded number must be to the computed one.
public struct Tolerance: Sendable, Hashable {
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = 1e-4, absolute: Double = 1e-6) {
        self.relative = relative
        self.absolute = absolute
    }

    /// Whether the recorded text `recorded` can stand for `computed`.
    ///
    /// The recorded number was rounded when written, so it matches when some value within the
    /// tolerance of the computed one rounds to it: |computed − recorded| ≤ atol + rtol·|computed|
    /// + half a unit of the recorded number's last digit. NaN matches NaN; infinities match
    /// themselves.
    public func accepts(recorded: String, computed: Double) -> Bool {
        guard let value = Self.number(recorded) else { return false }
        if value.isNaN || computed.isNaN { return value.isNaN && computed.isNaN }
        if value.isInfinite || computed.isInfinite { return value == computed }
        let slack = absolute + relative * abs(computed) + Self.halfUnit(ofLastDigitIn: recorded)
        return abs(computed - value) <= slack
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

    /// `1.0100` → 0.00005; `-1.0000e+09` → 0.00005e9.
    static func halfUnit(ofLastDigitIn text: String) -> Double {
        let lower = text.lowercased()
        let (mantissa, exponent) =
            lower.split(separator: "e").count == 2
            ? (String(lower.split(separator: "e")[0]), Double(lower.split(separator: "e")[1]) ?? 0)
            : (lower, 0)
        let decimals = mantissa.split(separator: ".").dropFirst().first?.count ?? 0
        return 0.5 * pow(10, Double(-decimals) + exponent)
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
                let matches = want.value.map { tolerance.accepts(recorded: have, computed: $0) } ?? (have == want.text)
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
