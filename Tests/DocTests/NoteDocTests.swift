import Foundation
import NotesKit
import NotesTestSupport
import Testing

/// The doc-tests of every note in `Notes/`: each block's recorded ```` ```output ```` must match
/// what the block computes now. One test per note, named after it.
///
/// When one fails: run `swift run notesgen test` to see the difference, and
/// `swift run notesgen test --fix` to record the new results if they are right.

private let packageRoot = URL(fileURLWithPath: TestCache.packageRoot)

private let notesFolder = packageRoot.appendingPathComponent("Notes")

/// The notes' file names, in the order the site shows them (discovery only: nothing runs yet).
private let noteNames: [String] =
    ((try? NoteDiscovery.notes(in: notesFolder, displayFolder: "Notes")) ?? []).map { $0.url.lastPathComponent }

/// Every note, run once for all the tests in the test process's shared cache: the notes run
/// side by side on threads of their own, and the tests wait without holding a thread.
private let outcomes = Task<[String: NoteOutcome], Error> {
    _ = try await TestCache.library.value
    let settings = RunSettings(
        // Relative when run from the root, so diagnostics read `Notes/…`.
        notesFolder: FileManager.default.currentDirectoryPath == packageRoot.path ? "Notes" : notesFolder.path,
        cacheFolder: TestCache.folder, packageRoot: packageRoot.path)
    let runs = try await onThread {
        try NotesRunner(settings: settings).run(progress: Progress(quiet: true, timings: false, stepCount: 3))
    }
    return Dictionary(uniqueKeysWithValues: runs.map { (URL(fileURLWithPath: $0.note.path).lastPathComponent, $0) })
}

@Test("Notes/ has notes to test")
func notesExist() {
    #expect(!noteNames.isEmpty, "no notes found in \(notesFolder.path)")
}

@Test("recorded outputs match", arguments: noteNames)
func docTest(note name: String) async throws {
    let outcome = try #require(try await outcomes.value[name], "note \(name) was not run")
    let report = DocTestRunner().check(outcome, fileURL: nil)
    for diagnostic in report.diagnostics where diagnostic.severity == .error {
        Issue.record("\(diagnostic)")
    }
    #expect(report.passed)
}
