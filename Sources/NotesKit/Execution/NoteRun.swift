import NoteModel

/// What running a note's blocks produced, stated relative to the blocks rather than to lines of
/// the file, so that a prose edit that moves the blocks can reuse a cached run.
public struct NoteRun: Sendable, Hashable, Codable {
    /// A diagnostic about one block; `lineInBlock` counts from the block's first code line (0).
    public struct Message: Sendable, Hashable, Codable {
        public var block: Int
        public var lineInBlock: Int?
        public var column: Int?
        public var severity: Diagnostic.Severity
        public var summary: String
        public var id: DiagnosticID
        public var details: String?
        /// Part of a `should-fail` block's expected failure: shown, not reported.
        public var isExpected: Bool = false
    }

    /// One result per block, in order. A compile failure's errors are filled in by `resolved`.
    public var blocks: [BlockResult]
    public var messages: [Message]

    /// Whether this can be a run of `note`: one result per block, every message on one of its
    /// blocks and, if it names a line, on one of that block's lines.
    public func fits(_ note: Note) -> Bool {
        blocks.count == note.blocks.count
            && messages.allSatisfy { message in
                guard note.blocks.indices.contains(message.block) else { return false }
                let lines = max(note.blocks[message.block].codeLineCount, 1)
                return message.lineInBlock.map { (0..<lines).contains($0) } ?? true
            }
    }

    /// The results and diagnostics with the note's current file positions.
    public func resolved(for note: Note) -> (results: [BlockResult], diagnostics: [Diagnostic]) {
        var results = blocks
        func diagnostic(_ message: Message) -> Diagnostic {
            let block = note.blocks[message.block]
            let line = message.lineInBlock.map { block.firstCodeLine + $0 } ?? block.range.start.line
            return Diagnostic(
                message.severity, file: note.path, line: line, column: message.column,
                summary: message.summary, id: message.id, details: message.details)
        }
        let diagnostics = messages.filter { !$0.isExpected }.map(diagnostic)
        for index in results.indices {
            let compileErrors = messages.filter {
                $0.block == index && $0.id == .blockCompile && $0.severity == .error
            }.map(diagnostic)
            guard !compileErrors.isEmpty else { continue }
            if results[index].failure?.kind == .compile { results[index].failure?.compileErrors = compileErrors }
            if results[index].expectedFailure?.kind == .compile {
                results[index].expectedFailure?.compileErrors = compileErrors
            }
        }
        return (results, diagnostics)
    }
}

extension SwiftAttnBlock {
    /// The number of lines of code between the fences.
    var codeLineCount: Int { code.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }

    /// Whether `line` is one of this block's code lines.
    func contains(line: Int?) -> Bool {
        guard let line else { return false }
        return line >= firstCodeLine && line < firstCodeLine + max(codeLineCount, 1)
    }
}
