/// A problem found while building or testing the notes, pointing at the note's file and line.
///
/// Printed as `Notes/3_Self-Attention.md:57:14: error: summary [id]`; tests assert on the value.
public struct Diagnostic: Sendable, Hashable, Codable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    /// The file as the user names it, relative to the working directory (`Notes/3_x.md`).
    public var file: String
    /// 1-based; nil when the problem concerns the whole file.
    public var line: Int?
    /// 1-based; nil when only the line is known.
    public var column: Int?
    /// A terse headline without a trailing period.
    public var summary: String
    /// What kind of problem this is, printed as `[block.compile]`.
    public var id: DiagnosticID
    /// Further lines shown under the headline (a diff, a compiler's notes, captured output).
    public var details: String?

    public init(
        _ severity: Severity, file: String, line: Int? = nil, column: Int? = nil, summary: String,
        id: DiagnosticID, details: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.summary = summary
        self.id = id
        self.details = details
    }

    /// A diagnostic with its kind's usual severity (`DiagnosticID.defaultSeverity`).
    public init(
        _ id: DiagnosticID, file: String, line: Int? = nil, column: Int? = nil, summary: String,
        details: String? = nil
    ) {
        self.init(
            id.defaultSeverity, file: file, line: line, column: column, summary: summary, id: id, details: details)
    }

    /// `file:line:column: severity: summary [id]`, then the details, if any.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        var text = "\(location): \(severity.rawValue): \(summary) [\(id.rawValue)]"
        if let details, !details.isEmpty { text += "\n" + details }
        return text
    }
}
