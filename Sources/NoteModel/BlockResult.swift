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
    /// What the page shows: the compiler's errors, the trap's message, …
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
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
