import Foundation

/// How the site and the recorded outputs write a number: the way PyTorch prints a tensor
/// element, with a fixed number of decimals.
///
/// `formatted(0.35729, decimals: 4)` is `"0.3573"`; magnitudes of 1e6 and more (and non-zero
/// ones below 10^-decimals) use scientific notation, `"-1.0000e+09"`; non-finite values are
/// `"nan"`, `"inf"` and `"-inf"`. Negative zero prints as `"0.0000"`.
public enum NumberFormat {
    public static func formatted(_ value: Double, decimals: Int = 4) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let magnitude = abs(value)
        let smallest = pow(10, Double(-decimals)) / 2
        if magnitude >= 1e6 || (magnitude > 0 && magnitude < smallest) {
            return String(format: "%.\(decimals)e", value)
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
