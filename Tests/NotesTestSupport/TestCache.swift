import Foundation
import NotesKit

/// The one cache of a test process, shared by the unit tests and the doc-tests, so that the
/// Attention library is compiled once per version of its sources, and notes are run once.
///
/// It lives in the system's temporary folder (`notesgen-tests-cache`), outlives the test run
/// (the next run reuses the library and results), and is pruned at the start of each run:
/// results and libraries untouched for a week go.
public enum TestCache {
    /// The package the tests belong to (this file is `Tests/NotesTestSupport/TestCache.swift`);
    /// symbolic links are resolved, so a scratch package linking to these folders finds this one.
    public static let packageRoot: String = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    public static let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("notesgen-tests-cache", isDirectory: true)

    /// The library, compiled into the cache once, before any test runs notes, so that tests
    /// running at the same time do not all compile it.
    ///
    /// Also quiets the lines in-process builds print (`Progress.write`): the tests check the
    /// diagnostics returned, and a passing test run prints no `error:` line.
    public static let library = Task<RuntimeLibrary, Error> {
        Progress.redirectLines(to: { _ in })
        return try await onThread {
            prune()
            let toolchain = try Toolchain.locate(cacheFolder: folder)
            let library = try RuntimeLibrary.prepare(
                packageRoot: URL(fileURLWithPath: packageRoot), toolchain: toolchain, cacheFolder: folder)
            // Used now: not pruned by this week's runs.
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: library.folder.path)
            return library
        }
    }

    /// Removes results and libraries nobody used for a week: results of notes copied to
    /// temporary folders are never read again, and every change of the library's sources adds
    /// a library. A week, because other checkouts may share this cache.
    private static func prune() {
        let weekAgo = Date().addingTimeInterval(-7 * 24 * 3600)
        for kind in ["results", "lib"] {
            let parent = folder.appendingPathComponent(kind)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
                let entry = parent.appendingPathComponent(name)
                let modified =
                    (try? FileManager.default.attributesOfItem(atPath: entry.path))?[.modificationDate] as? Date
                if let modified, modified < weekAgo { try? FileManager.default.removeItem(at: entry) }
            }
        }
    }
}

/// Runs blocking work (compilers, child processes) on a thread of its own, so that it never
/// holds one of the few threads Swift's concurrency shares between all the tests.
public func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
