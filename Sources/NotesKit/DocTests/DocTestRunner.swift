import Foundation
import NoteModel
import NoteResults

/// `notesgen test`: checks every block's recorded ```` ```output ```` against what it computes
/// now, and with `fix` rewrites the recorded outputs.
public struct DocTestRunner: Sendable {
    public var tolerance: Tolerance
    public var fix: Bool

    public init(tolerance: Tolerance = Tolerance(), fix: Bool = false) {
        self.tolerance = tolerance
        self.fix = fix
    }

    /// What the doc-tests of one note found.
    public struct Report: Sendable {
        public var note: String
        /// Failed blocks, differences, missing or stray output blocks.
        public var diagnostics: [Diagnostic]
        /// With `fix`: whether the file was rewritten.
        public var rewrote: Bool
        public var passed: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    /// Checks (or fixes) one note whose blocks have run.
    public func check(_ outcome: NoteOutcome, fileURL: URL?) -> Report {
        let note = outcome.note
        var diagnostics = outcome.diagnostics
        let (outputs, problems) = OutputBlocks.find(in: note)
        diagnostics += problems
        // A note whose blocks fail is reported as such and never rewritten.
        guard !outcome.hasErrors else {
            return Report(note: note.path, diagnostics: diagnostics, rewrote: false)
        }
        var desired: [Int: RecordedOutput] = [:]
        for block in note.blocks {
            guard !block.options.hidesOutput else { continue }
            let result = outcome.results[block.index]
            // A should-fail block records the error it teaches, so readers on GitHub see it too.
            let failure = result.expectedFailure.map { [BlockOutput.text(Self.recordedText(of: $0))] } ?? []
            let computed = RecordedOutput(outputs: result.outputs + failure)
            if !computed.isEmpty { desired[block.index] = computed }
        }
        diagnostics += ProseNumbers.check(note: note, computed: Array(desired.values))
        if fix && problems.isEmpty {
            do {
                let fixed = try OutputFixer.fix(source: outcome.source, note: note, outputs: outputs, desired: desired)
                guard fixed != outcome.source, let fileURL else {
                    return Report(note: note.path, diagnostics: diagnostics, rewrote: false)
                }
                // Only over the bytes the results belong to: an edit saved meanwhile is kept.
                try FileRewrite.replace(fileURL, expecting: Data(outcome.source.utf8), with: Data(fixed.utf8))
                return Report(note: note.path, diagnostics: diagnostics, rewrote: true)
            } catch FileRewrite.Failure.changedSinceRead {
                diagnostics.append(
                    Diagnostic(
                        .doctestChanged, file: note.path,
                        summary:
                            "the note was changed while its blocks ran; its recorded outputs were not written: run `notesgen test --fix` again"
                    ))
                return Report(note: note.path, diagnostics: diagnostics, rewrote: false)
            } catch FileRewrite.Failure.problem(let problem) {
                diagnostics.append(
                    Diagnostic(
                        .doctestFix, file: note.path,
                        summary: "cannot write the recorded outputs: \(problem.explanation)"))
                return Report(note: note.path, diagnostics: diagnostics, rewrote: false)
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .error, file: note.path, summary: "cannot fix the recorded outputs: \(error)", id: .doctestFix
                    ))
                return Report(note: note.path, diagnostics: diagnostics, rewrote: false)
            }
        }
        for block in note.blocks {
            diagnostics += compare(block, recorded: outputs[block.index], computed: desired[block.index], in: note)
        }
        return Report(note: note.path, diagnostics: diagnostics, rewrote: false)
    }

    /// An expected failure as recorded: the trap's message, or the compiler's errors without
    /// their file positions (which move with the prose).
    static func recordedText(of failure: BlockFailure) -> String {
        guard failure.kind == .compile, !failure.compileErrors.isEmpty else { return failure.message }
        return failure.compileErrors.map { "error: \($0.summary)" }.joined(separator: "\n")
    }

    private func compare(
        _ block: SwiftAttnBlock, recorded: OutputBlock?, computed: RecordedOutput?, in note: Note
    ) -> [Diagnostic] {
        switch (recorded, computed) {
        case (nil, nil):
            return []
        case (nil, let computed?):
            return [
                Diagnostic(
                    .error, file: note.path, line: block.range.end.line,
                    summary: "block shows results but has no output block recording them", id: .doctestMissing,
                    details: "  it computes:\n" + computed.lines.map { "    \($0.text)" }.joined(separator: "\n")
                        + "\n  run `notesgen test --fix` to record them")
            ]
        case (let recorded?, nil):
            return [
                Diagnostic(
                    .error, file: note.path, line: recorded.range.start.line,
                    summary: "output block records results, but its block shows nothing", id: .doctestStale,
                    details: "  run `notesgen test --fix` to remove it")
            ]
        case (let recorded?, let computed?):
            guard
                let difference = OutputComparison.compare(
                    recorded: recorded.lines, computed: computed, tolerance: tolerance)
            else { return [] }
            return [
                Diagnostic(
                    .error, file: note.path, line: recorded.range.start.line + 1 + difference.lineIndex,
                    summary: "recorded output differs", id: .doctestMismatch, details: difference.explanation)
            ]
        }
    }
}
