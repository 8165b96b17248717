import Foundation

/// How the site and the recorded outputs write a number: the way PyTorch prints a tensor
/// element, with a fixed number of decimals.
///
/// `formatted(0.35729, decimals: 4)` is `"0.3573"`; magnitudes of 1e6 and more use scientific
/// notation, `"-1.0000e+09"` (the course's −1e9 masking value stays readable), except with
/// `decimals: 0`, which writes whole numbers below 1e15 in full; non-finite values
/// are `"nan"`, `"inf"` and `"-inf"`. Tiny values keep the fixed style (`"0.0000"`), so a column
/// never mixes styles, and a rounded negative zero prints as `"0.0000"`.
public enum NumberFormat {
    public static func formatted(_ value: Double, decimals: Int = 4) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        // With no decimals asked for, a count or a size in bytes is written whole.
        if abs(value) >= 1e6 && !(decimals == 0 && abs(value) < 1e15) {
            return String(format: "%.\(max(decimals, 4))e", value)
        }
        let text = String(format: "%.\(decimals)f", value)
        // "-0.0000" would suggest a sign the value does not meaningfully have.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// A boolean element: PyTorch prints `True` and `False`.
    public static func formatted(boolean value: Double) -> String {
        value != 0 ? "True" : "False"
    }

    /// A shape the way the notes write it: `3×2`, `2×3×4`, `scalar` for `[]`.
    public static func shape(_ shape: [Int]) -> String {
        shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×")
    }
}
