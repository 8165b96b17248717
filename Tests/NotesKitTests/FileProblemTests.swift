import Foundation
import Testing

@testable import NotesKit

/// Every file error a user can cause is said in plain words, with the path and what to do.
@Suite struct FileProblemTests {
    /// A full disk as Foundation reports it, with and without the underlying POSIX error.
    @Test func fullDiskIsSaidInWords() {
        let plain = FileProblem(CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "/site/index.html"]))
        #expect(plain.description == "'/site/index.html': no space left on the device; free some space and run again")
        let wrapped = NSError(
            domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
            userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        #expect(FileProblem(wrapped, path: "Site").description.hasPrefix("'Site': no space left on the device"))
        #expect(FileProblem(errno: ENOSPC, path: nil).reason == "no space left on the device")
    }

    @Test func foundationsErrorsNeverShowThrough() throws {
        let folder = try TemporaryFolder("problem")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("file")
        try Data().write(to: file)
        do {
            try Data("x".utf8).write(to: file.appendingPathComponent("inside"))
            Issue.record("writing below a file succeeded")
        } catch {
            let problem = FileProblem(error)
            #expect(
                problem.description
                    == "'\(file.path)/inside': a part of the path is a file, not a folder; check the path")
        }
        let unknown = FileProblem(NSError(domain: "SomeDomain", code: 7))
        #expect(!unknown.description.contains("Error Domain"))
        // errno values are words, not strerror's "Success" read after a clean-up.
        #expect(FileProblem(errno: EACCES, path: "x").reason == "permission denied")
    }

    /// A failed rename is reported by its own errno, read before the temporary file is removed
    /// (which used to leave errno at 0: "…: Success").
    @Test func failedRenameSaysWhyNotSuccess() throws {
        let folder = try TemporaryFolder("problem-rename")
        defer { folder.remove() }
        let target = folder.url.appendingPathComponent("target")
        try FileManager.default.createDirectory(
            at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        do {
            try FileStore.writeAtomically(Data("x".utf8), to: target)
            Issue.record("a file replaced a folder")
        } catch {
            #expect(FileProblem(error) == FileProblem(errno: EISDIR, path: target.path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["target"])
    }

    /// `SWIFTC=/nonexistent`: named, with what to do.
    @Test func compilerThatDoesNotExistIsNamed() {
        #expect(throws: NotesgenError.compilerNotExecutable("/nonexistent/swiftc")) {
            try Toolchain.findCompiler(environment: ["SWIFTC": "/nonexistent/swiftc", "PATH": "/usr/bin"])
        }
        #expect(throws: NotesgenError.compilerNotExecutable("/tmp")) {
            try Toolchain.findCompiler(environment: ["SWIFTC": "/tmp"])
        }
    }

    /// `--package /nonexistent` is an error, not a silent fall-back to another package.
    @Test func packageWithoutTheLibraryIsAnError() {
        #expect(throws: NotesgenError.packageWithoutLibrary("/nonexistent")) {
            try RuntimeLibrary.locatePackageRoot(explicit: "/nonexistent")
        }
        #expect(throws: Never.self) { try RuntimeLibrary.locatePackageRoot(explicit: TestEnvironment.packageRoot) }
    }

    /// End to end: a cache path that is a file and a package that is not one, each one line
    /// on standard error naming the path; exit 1.
    @Test func commandLineErrorsAreOneLineWithThePath() async throws {
        let folder = try TemporaryFolder("e2e-messages")
        defer { folder.remove() }
        _ = try folder.copy(fixture: "passing")
        let cacheFile = folder.url.appendingPathComponent("cache-file")
        try Data("x".utf8).write(to: cacheFile)
        try Data("# Project\n".utf8).write(to: folder.url.appendingPathComponent("README.md"))
        let cases: [([String], String)] = [
            (["build", "--cache", cacheFile.path, "--package", TestEnvironment.packageRoot], cacheFile.path),
            (
                ["build", "--cache", TestEnvironment.cacheFolder.path, "--package", "/nonexistent"],
                "'/nonexistent'"
            ),
            (["build", "--output", "README.md"], "README.md"),
        ]
        for (arguments, path) in cases {
            let result = try await NotesgenExecutable.run(arguments, in: folder.url, sharedCache: false)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.errorLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(path), "\(result.stderr)")
            #expect(!result.stderr.contains("Domain="), "\(result.stderr)")
        }
    }

    /// A real full disk (a 64 KiB tmpfs, which only root can mount): the site write stops with
    /// plain words, the previous site stays, and nothing half-written is left beside it.
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullDiskLeavesThePreviousSite() throws {
        let folder = try TemporaryFolder("full-disk")
        defer { folder.remove() }
        let disk = folder.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.path]) else { return }
        defer { _ = run("/bin/umount", [disk.path]) }
        let site = disk.appendingPathComponent("Site")
        let old = ["index.html": Data("old".utf8)]
        try SiteWriter.write(old, to: site)
        let large = ["index.html": Data(repeating: UInt8(ascii: "a"), count: 200_000)]
        do {
            try SiteWriter.write(large, to: site)
            Issue.record("a 200 kB site was written to a 64 KiB disk")
        } catch {
            #expect(
                error.description
                    == "error: cannot write the site to '\(site.path)': no space left on the device; free some space and run again; the previous site is unchanged"
            )
        }
        #expect(try siteFiles(site) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["Site"])
    }

    /// Runs a tool; whether it succeeded.
    private func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
