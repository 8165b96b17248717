import NoteResults

/// Why a block has no (complete) results.
public struct BlockFailure: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The note's program did not compile; the diagnostics name this block's lines.
        case compile
        /// The block trapped (a failed precondition, `fatalError`, a crash).
        case trap
        /// The block ran longer than its time limit.
        case timeout
        /// An earlier block of the same note failed, so this one never ran.
        case notRun
        /// A `should-fail` block compiled and ran without failing.
        case unexpectedSuccess
    }
    public var kind: Kind
    /// For a compile failure, the compiler's errors at the note's lines, kept as values until
    /// they are printed (set by `NoteRun.resolved`).
    public var compileErrors: [Diagnostic]
    /// The text for failures other than the compiler's errors.
    private var text: String

    /// What the page shows: the compiler's errors as notesgen prints them, the trap's message, …
    public var message: String {
        get { compileErrors.isEmpty ? text : compileErrors.map(\.description).joined(separator: "\n") }
        set { text = newValue }
    }

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.text = message
        self.compileErrors = []
    }
}

/// What one `swift-attn` block produced: what it showed, in order, and how it failed, if it did.
///
/// A `should-fail` block that failed as it should has `expectedFailure` set and no `failure`.
public struct BlockResult: Sendable, Hashable, Codable {
    public var outputs: [BlockOutput]
    public var failure: BlockFailure?
    /// The failure a `should-fail` block was expected to produce, shown as its result.
    public var expectedFailure: BlockFailure?

    public init(outputs: [BlockOutput] = [], failure: BlockFailure? = nil, expectedFailure: BlockFailure? = nil) {
        self.outputs = outputs
        self.failure = failure
        self.expectedFailure = expectedFailure
    }
}
