import Foundation
import NotesKit
import Testing

/// The doc-tests of every note in `Notes/`: each block's recorded ```` ```output ```` must match
/// what the block computes now. One test per note, named after it.
///
/// When one fails: run `swift run notesgen test` to see the difference, and
/// `swift run notesgen test --fix` to record the new results if they are right.

/// The package's root: this file is Tests/DocTests/NoteDocTests.swift.
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private let notesFolder = packageRoot.appendingPathComponent("Notes")

/// The notes' file names, in the order the site shows them.
private let noteNames: [String] =
    ((try? NoteDiscovery.notes(in: notesFolder, displayFolder: "Notes")) ?? []).map { $0.url.lastPathComponent }

/// Every note run once, shared by the tests (a global `let` is computed once, thread-safely).
private let outcomes: Result<[String: NoteOutcome], Error> = Result {
    let settings = RunSettings(
        // Relative when run from the root, so diagnostics read `Notes/…` and the cache is shared
        // with `swift run notesgen`.
        notesFolder: FileManager.default.currentDirectoryPath == packageRoot.path ? "Notes" : notesFolder.path,
        cacheFolder: packageRoot.appendingPathComponent(".notesgen-cache"),
        packageRoot: packageRoot.path)
    let runs = try NotesRunner(settings: settings).run(progress: Progress(quiet: true, timings: false, stepCount: 3))
    return Dictionary(uniqueKeysWithValues: runs.map { (URL(fileURLWithPath: $0.note.path).lastPathComponent, $0) })
}

@Test("Notes/ has notes to test")
func notesExist() {
    #expect(!noteNames.isEmpty, "no notes found in \(notesFolder.path)")
}

@Test("recorded outputs match", arguments: noteNames)
func docTest(note name: String) throws {
    let outcome = try #require(try outcomes.get()[name], "note \(name) was not run")
    let report = DocTestRunner().check(outcome, fileURL: nil)
    for diagnostic in report.diagnostics where diagnostic.severity == .error {
        Issue.record("\(diagnostic)")
    }
    #expect(report.passed)
}
