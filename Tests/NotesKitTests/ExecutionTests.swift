import Foundation
import NoteModel
import NoteResults
import Testing

@testable import NotesKit

/// Notes compiled and run for real, from the fixture folders: what each block shows, prints
/// and fails with, and where the failures are reported.
@Suite struct ExecutionTests {
    // MARK: A passing note

    @Test func passingNotesRunWithoutDiagnostics() async throws {
        let build = try await Shared.passing.value
        #expect(build.diagnostics.isEmpty, "\(build.diagnostics.map(\.description))")
        let outcomes = build.outcomes
        #expect(outcomes.allSatisfy { $0.wasCached }, "a run right after a build should come from the cache")
        #expect(outcomes.map(\.note.slug) == ["1-basics", "2-special-values", "3-prose-only"])
        for outcome in outcomes {
            #expect(!outcome.hasErrors)
            #expect(outcome.results.count == outcome.note.blocks.count)
            #expect(outcome.results.allSatisfy { $0.failure == nil && $0.expectedFailure == nil })
        }
    }

    /// Printed text is cut into the block that printed it, in order with the shown values.
    @Test func stdoutIsCapturedPerBlockInterleavedWithShownValues() async throws {
        let basics = try await Shared.passing.value.outcomes.named("1_Basics.md")
        let first = basics.results[0].outputs
        #expect(first.count == 5)
        guard first.count == 5 else { return }
        #expect(first[0].text == "one\n")
        #expect(first[1].table?.title == "Encodings")
        #expect(first[2].text == "two\n")
        #expect(first[3].heatmap?.title == "Similarities")
        #expect(first[4].text == "three\n")
        // The block declaring a function shows nothing.
        #expect(basics.results[1].outputs.isEmpty)
    }

    @Test func shownTensorKeepsItsValuesShapeAndLabels() async throws {
        let basics = try await Shared.passing.value.outcomes.named("1_Basics.md")
        let encodings = try #require(basics.results[0].outputs.compactMap(\.table).first)
        #expect(encodings.shape == [3, 2])
        #expect(encodings.rowLabels == ["write", "a", "poem"])
        #expect(encodings.columnLabels == nil)
        #expect(encodings.decimals == 4)
        #expect(!encodings.isBoolean)
        // Float values, widened: compare with the Float literals the note wrote.
        #expect(encodings.values == [1.16, 0.23, 0.57, 1.36, 4.41, -2.16].map { Double(Float($0)) })

        // encodings · encodingsᵀ, worked out by hand: 1.16² + 0.23² = 1.3985, …
        let similarities = try #require(basics.results[0].outputs.compactMap(\.heatmap).first)
        #expect(similarities.shape == [3, 3])
        #expect(similarities.rowLabels == ["write", "a", "poem"])
        #expect(similarities.columnLabels == ["write", "a", "poem"])
        let expected = [1.3985, 0.9740, 4.6188, 0.9740, 2.1745, -0.4239, 4.6188, -0.4239, 24.1137]
        for (value, want) in zip(similarities.values, expected) {
            #expect(abs(value - want) < 1e-4, "\(value) vs \(want)")
        }
    }

    /// Blocks share one scope: a later block uses an earlier block's variable and function.
    @Test func blocksShareVariablesAndFunctions() async throws {
        let basics = try await Shared.passing.value.outcomes.named("1_Basics.md")
        let doubled = try #require(basics.results[2].outputs.first?.table)
        #expect(doubled.title == "Doubled")
        #expect(doubled.columnLabels == ["x", "y"])
        #expect(doubled.values == [1.16, 0.23, 0.57, 1.36, 4.41, -2.16].map { Double(Float($0) * 2) })
    }

    /// NaN and the infinities travel from the program (and through the cache) unharmed.
    @Test func nonFiniteValuesSurviveTheTrip() async throws {
        let special = try await Shared.passing.value.outcomes.named("2_Special Values.md")
        let outputs = special.results[0].outputs
        let nonFinite = try #require(outputs.first?.table)
        #expect(nonFinite.shape == [4])
        #expect(nonFinite.values.count == 4)
        guard nonFinite.values.count == 4 else { return }
        #expect(nonFinite.values[0].isNaN)
        #expect(nonFinite.values[1] == .infinity)
        #expect(nonFinite.values[2] == -.infinity)
        #expect(nonFinite.values[3] == 0.5)
    }

    @Test func scalarsMasksAndStacksAreShown() async throws {
        let special = try await Shared.passing.value.outcomes.named("2_Special Values.md")
        let tables = special.results[0].outputs.compactMap(\.table)
        #expect(tables.map(\.title) == ["Non-finite", "Scalar", "Mask", "Stack"])
        guard tables.count == 4 else { return }
        #expect(tables[1].shape == [])
        #expect(tables[1].values == [0.125])
        #expect(tables[2].isBoolean)
        #expect(tables[2].values == [1, 0, 0, 1])
        #expect(tables[3].shape == [2, 2, 2])
        #expect(tables[3].values == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    // MARK: Failures

    /// `Notes/…md:LINE:COL: error: … [block.compile]` at the note's own line and column.
    @Test func compileErrorNamesTheNoteLineAndColumn() async throws {
        let build = try await Shared.failing.value
        let source = try String(
            contentsOf: build.notes.appendingPathComponent("2_Type Error.md"), encoding: .utf8)
        let line = try lineNumber(of: "let count: Int = doubled", in: source)
        let column = try column(of: "doubled", onLine: line, in: source)
        let compileErrors = build.diagnostics.filter { $0.id == .blockCompile }
        #expect(compileErrors.count == 1, "\(compileErrors.map(\.description))")
        let diagnostic = try #require(compileErrors.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == build.notes.path + "/2_Type Error.md")
        #expect(diagnostic.line == line)
        #expect(diagnostic.column == column)
        #expect(diagnostic.summary.contains("'Tensor'"))
        #expect(diagnostic.summary.contains("'Int'"))
        #expect(
            diagnostic.description.hasPrefix("\(build.notes.path)/2_Type Error.md:\(line):\(column): error: "))
        #expect(diagnostic.description.split(separator: "\n").first?.hasSuffix(" [block.compile]") == true)
    }

    @Test func compileErrorFailsItsBlockAndTheBlocksBeforeItStillRun() async throws {
        let outcome = try await Shared.failing.value.outcomes.named("2_Type Error.md")
        #expect(outcome.hasErrors)
        #expect(outcome.results.count == 2)
        guard outcome.results.count == 2 else { return }
        // The block before the error runs on its own, as in a notebook.
        #expect(outcome.results[0].failure == nil)
        let failure = try #require(outcome.results[1].failure)
        #expect(failure.kind == .compile)
        // What the page shows names the note's line, not a generated file.
        #expect(failure.message.contains("2_Type Error.md:"))
        #expect(failure.message.contains("'Int'"))
        #expect(!failure.message.contains("main.swift"))
    }

    /// A trap is reported at the note's line that trapped (found in the program's debug
    /// information) with the message naming the shapes; earlier blocks keep what they showed and
    /// later blocks do not run.
    @Test func trapIsReportedAtTheBlockWithTheShapes() async throws {
        let build = try await Shared.failing.value
        let source = try String(contentsOf: build.notes.appendingPathComponent("3_Trap.md"), encoding: .utf8)
        let trapLine =
            try #require(
                source.split(separator: "\n", omittingEmptySubsequences: false)
                    .firstIndex { $0.hasPrefix("let product = matmul(a, a)") }) + 1
        let traps = build.diagnostics.filter { $0.id == .blockTrap }
        #expect(traps.count == 1, "\(build.diagnostics.map(\.description))")
        let trap = try #require(traps.first)
        #expect(trap.file == build.notes.path + "/3_Trap.md")
        #expect(trap.line == trapLine)
        #expect(trap.column == nil)
        #expect(trap.summary.hasPrefix("block trapped: "))
        #expect(trap.summary.contains("matmul"))
        #expect(trap.summary.contains("[3, 2]"))
        // The details carry what the block printed before it trapped.
        #expect(trap.details?.contains("about to multiply") == true)
        #expect(trap.details?.contains("never printed") == false)
        #expect(trap.description.hasPrefix("\(build.notes.path)/3_Trap.md:\(trapLine): error: block trapped: "))
    }

    @Test func trapKeepsEarlierOutputsAndSkipsLaterBlocks() async throws {
        let outcome = try await Shared.failing.value.outcomes.named("3_Trap.md")
        #expect(outcome.results.count == 3)
        guard outcome.results.count == 3 else { return }
        let first = outcome.results[0]
        #expect(first.failure == nil)
        #expect(first.outputs.first?.table?.title == "A")
        #expect(first.outputs.last?.text == "first block done\n")

        let second = outcome.results[1]
        #expect(second.failure?.kind == .trap)
        #expect(second.failure?.message.contains("[3, 2]") == true)
        #expect(second.outputs.compactMap(\.text).joined() == "about to multiply\n")

        #expect(outcome.results[2].failure?.kind == .notRun)
        #expect(outcome.results[2].outputs.isEmpty)
    }

    /// The build goes on: the fine note of the failing folder is written, and every page exists.
    @Test func failingNotesDoNotStopTheOthers() async throws {
        let build = try await Shared.failing.value
        let fine = try build.outcomes.named("1_Fine.md")
        #expect(!fine.hasErrors)
        #expect(fine.results.first?.outputs.first?.table?.title == "Fine")
        #expect(build.diagnostics.filter { $0.severity == .error }.count == 2)
        for page in ["index.html", "1-fine.html", "2-type-error.html", "3-trap.html", "assets/style.css"] {
            #expect(FileManager.default.fileExists(atPath: build.site.appendingPathComponent(page).path), "\(page)")
        }
        // The failing pages show the errors where the results would be.
        let trapPage = try build.page("3-trap.html")
        #expect(trapPage.contains("role=\"alert\""))
        #expect(trapPage.contains("matmul"))
        let compilePage = try build.page("2-type-error.html")
        #expect(compilePage.contains("role=\"alert\""))
        #expect(compilePage.contains("Int"))
        #expect(!(try build.page("1-fine.html")).contains("role=\"alert\""))
    }

    /// An endless loop in a block with `timeout=2` is stopped by its block's limit (the message
    /// names 2 s, not the note's 60 s) and reported at the loop's line; a timed-out run is not
    /// cached: the next build tries again. (No wall-clock bound: the machine may be loaded.)
    @Test func endlessBlockTimesOut() async throws {
        let folder = try TemporaryFolder("timeout")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "timeout")
        let outcome = try await runNotes(in: notes).named("1_Endless.md")
        #expect(!outcome.wasCached)
        let timeouts = outcome.diagnostics.filter { $0.id == .blockTimeout }
        #expect(timeouts.count == 1, "\(outcome.diagnostics.map(\.description))")
        let source = try String(contentsOf: notes.appendingPathComponent("1_Endless.md"), encoding: .utf8)
        // Stopped, the program said where it was: somewhere in the loop.
        let loop = try lineNumber(of: "while turns >= 0 {", in: source)
        #expect((loop...loop + 2).contains(timeouts.first?.line ?? 0), "\(timeouts.map(\.description))")
        #expect(timeouts.first?.summary == "block ran longer than 2 s")
        #expect(outcome.results.map { $0.failure?.kind } == [nil, .timeout, .notRun])
        #expect(outcome.results.first?.outputs.first?.text == "before the loop\n")

        let again = try await runNotes(in: notes).named("1_Endless.md")
        #expect(!again.wasCached)
        #expect(again.diagnostics.map(\.id) == [.blockTimeout])
    }

    /// A compiler warning is reported at its note line and column, and the note still runs.
    @Test func warningIsReportedAndTheNoteRuns() async throws {
        let folder = try TemporaryFolder("warning")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "warning")
        let outcome = try await runNotes(in: notes).named("1_Warning.md")
        let source = try String(contentsOf: notes.appendingPathComponent("1_Warning.md"), encoding: .utf8)
        let line = try lineNumber(of: "var result", in: source)
        #expect(!outcome.hasErrors)
        #expect(outcome.diagnostics.count == 1)
        let warning = try #require(outcome.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.id == .blockCompile)
        #expect(warning.line == line)
        #expect(warning.column == (try column(of: "result", onLine: line, in: source)))
        #expect(warning.summary.contains("never mutated"))
        #expect(outcome.results.first?.failure == nil)
        #expect(outcome.results.first?.outputs.first?.text == "1.5\n")
    }

    // MARK: should-fail

    @Test func shouldFailBlocksThatFailShowTheirErrorAndReportNothing() async throws {
        let teaching = try await Shared.shouldFail.value.outcomes.named("1_Teaching Errors.md")
        #expect(teaching.diagnostics.isEmpty, "\(teaching.diagnostics.map(\.description))")
        #expect(teaching.results.count == 4)
        guard teaching.results.count == 4 else { return }
        #expect(teaching.results.allSatisfy { $0.failure == nil })

        let compile = try #require(teaching.results[1].expectedFailure)
        #expect(compile.kind == .compile)
        #expect(compile.message.contains("'Int'"))
        #expect(compile.message.contains("1_Teaching Errors.md:"))

        let trap = try #require(teaching.results[2].expectedFailure)
        #expect(trap.kind == .trap)
        #expect(trap.message.contains("matmul"))
        #expect(trap.message.contains("[1, 2]"))

        #expect(teaching.results[0].expectedFailure == nil)
        #expect(teaching.results[3].expectedFailure == nil)
        #expect(teaching.results[3].outputs.first?.table?.title == "A")
    }

    /// A should-fail block must fail to compile or trap; one that hangs until its `timeout=` is
    /// an error, not the failure it teaches.
    @Test func shouldFailBlockThatHangsIsAnError() async throws {
        let (notes, outcomes) = try await Shared.shouldFail.value
        let outcome = try outcomes.named("3_Hangs.md")
        let source = try String(contentsOf: notes.appendingPathComponent("3_Hangs.md"), encoding: .utf8)
        #expect(outcome.results.first?.expectedFailure?.kind != .timeout)
        let error = try #require(
            outcome.diagnostics.first { $0.severity == .error },
            "a hanging should-fail block passed as an expected failure")
        #expect([DiagnosticID.blockTimeout, .blockShouldFail].contains(error.id))
        let loop = try lineNumber(of: "while spins >= 0 {", in: source)
        #expect((loop...loop + 2).contains(error.line ?? 0), "\(error)")
    }

    @Test func shouldFailBlockThatSucceedsIsAnError() async throws {
        let (notes, outcomes) = try await Shared.shouldFail.value
        let outcome = try outcomes.named("2_Unexpected Success.md")
        let source = try String(
            contentsOf: notes.appendingPathComponent("2_Unexpected Success.md"), encoding: .utf8)
        #expect(outcome.diagnostics.map(\.id) == [.blockShouldFail])
        #expect(outcome.diagnostics.first?.severity == .error)
        #expect(outcome.diagnostics.first?.line == (try lineNumber(of: "swift-attn should-fail", in: source)))
        #expect(outcome.results.first?.failure?.kind == .unexpectedSuccess)
        #expect(outcome.results.first?.expectedFailure == nil)
    }
}
