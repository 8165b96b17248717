/// Why a formula could not be typeset, and where in the formula the problem is.
///
/// ```swift
/// do {
///     _ = try MathParser.parse(#"\fracc{a}{b}"#, display: false)
/// } catch {
///     error.offset   // 0: the backslash of \fracc
///     error.message  // unknown command \fracc; did you mean \frac?
/// }
/// ```
///
/// The offset counts UTF-8 bytes, the unit cmark uses for columns, so a caller that knows where
/// the formula starts in its file can point at the exact column.
public struct MathSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The UTF-8 byte offset of the problem inside the formula, from 0.
    public var offset: Int
    /// A terse headline without a trailing period, e.g. `missing } for the { opened here`.
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// Where `offset` is inside `formula`, for formulas of several lines (display blocks):
    /// the 0-based line and the 0-based UTF-8 byte column within that line.
    public func location(in formula: String) -> (line: Int, column: Int) {
        var line = 0
        var lineStart = 0
        for (index, byte) in formula.utf8.enumerated() where index < offset && byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart)
    }

    public var description: String { "\(message) (at byte \(offset))" }
}
