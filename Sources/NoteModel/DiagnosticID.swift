/// What kind of problem a diagnostic reports: a stable identifier, printed as `[block.compile]`,
/// and the policy that goes with it (its usual severity, whether a rerun would reproduce it).
///
/// Control flow looks at these values, never at the printed words.
public enum DiagnosticID: String, Sendable, Hashable, Codable, CaseIterable {
    // Running a note's blocks.
    /// The note's program did not compile (errors), or the compiler warned about a block.
    case blockCompile = "block.compile"
    /// A block trapped: a failed precondition, `fatalError`, a crash.
    case blockTrap = "block.trap"
    /// A block ran past its time limit.
    case blockTimeout = "block.timeout"
    /// The compiler ran past its time limit.
    case compileTimeout = "block.compile-timeout"
    /// The machine failed notesgen while it ran the note (no disk space, no compiler, a lost output).
    case blockRun = "block.run"
    /// An unknown or malformed option after `swift-attn`.
    case blockOption = "block.option"
    /// A `should-fail` block compiled and ran without failing.
    case blockShouldFail = "block.should-fail"

    // Reading a note.
    /// The note's file cannot be read (not UTF-8, not a regular file, no permission).
    case noteUnreadable = "note.unreadable"
    /// A file that looks like Markdown but is not read as a note (`.MD`, `.markdown`).
    case noteIgnored = "note.ignored"
    /// The Markdown nests deeper than notesgen renders.
    case noteTooDeep = "note.too-deep"
    /// Markdown inside a raw HTML block, which shows raw.
    case rawHTML = "markdown.raw-html"
    /// A link to a note or a heading that does not exist.
    case brokenLink = "link.broken"
    /// A link or image whose address is not published (a `javascript:` link, say).
    case unsafeLink = "link.unsafe"
    /// A formula (```` ```math ```` or `` $`…`$ ``) that does not typeset: an unknown command,
    /// unbalanced braces, …
    case mathSyntax = "math.syntax"

    // Doc-tests.
    /// `test --fix` found the note changed on disk since it was read, and left it alone.
    case doctestChanged = "doctest.changed"
    case doctestMismatch = "doctest.mismatch"
    case doctestMissing = "doctest.missing"
    case doctestStale = "doctest.stale"
    case doctestOrphan = "doctest.orphan"
    case doctestDuplicate = "doctest.duplicate"
    case doctestProse = "doctest.prose"
    /// `test --fix` could not rewrite a note.
    case doctestFix = "doctest.fix"

    /// The severity a diagnostic of this kind has unless the source of the problem says otherwise
    /// (the compiler reports warnings under `block.compile` too).
    public var defaultSeverity: Diagnostic.Severity {
        switch self {
        case .rawHTML, .unsafeLink, .noteIgnored: return .warning
        default: return .error
        }
    }

    /// Whether running the note again would give the same diagnostic: only those results may be
    /// cached. A time-out depends on the machine's load, a failed run on the machine itself.
    public var isReproducible: Bool {
        switch self {
        case .blockTimeout, .compileTimeout, .blockRun: return false
        default: return true
        }
    }
}
