import Foundation
import NoteModel
import NotesTestSupport
import Testing

@testable import NotesKit

/// A cold build compiles the notes while the optimised library is still compiling
/// (`LibraryBuild`, `NoteExecutor.precompile`): the results must be those of a one-step compile.
@Suite struct LibraryBuildTests {
    /// A note compiled to an object file, then linked, runs exactly as one compiled in one step:
    /// its results, a compile error with its line, a trap with its line, a should-fail block.
    @Test func noteCompiledBeforeTheLibraryIsLinkedRunsTheSame() async throws {
        let folder = try TemporaryFolder("precompiled")
        defer { folder.remove() }
        let executor = try await TestEnvironment.executor(workFolder: folder.url)
        let library = try await TestEnvironment.library.value
        let cases: [(source: String, ids: [DiagnosticID])] = [
            ("```swift-attn\nlet x = Tensor([[1, 2], [3, 4]])\nshow(x, \"x\")\nprint(x.sum())\n```\n", []),
            ("```swift-attn\nprint(1)\n```\n\n```swift-attn\nlet y: Int = \"no\"\n```\n", [.blockCompile]),
            ("```swift-attn\nlet a = Tensor([1, 2, 3])\nlet b = Tensor([1, 2])\nprint(a + b)\n```\n", [.blockTrap]),
            ("```swift-attn\nprint(2)\n```\n\n```swift-attn should-fail\nlet z: Int = \"no\"\n```\n", []),
        ]
        for (source, ids) in cases {
            let note = TestEnvironment.note(source)
            let oneStep = try await onThread { executor.run(note) }
            #expect(oneStep.messages.filter { !$0.isExpected }.map(\.id) == ids, "\(oneStep.messages)")
            let program = try #require(
                NoteExecutor.precompile(
                    note,
                    library: LibraryInProgress(modules: library.folder, stubs: library.folder, folder: library.folder),
                    workFolder: folder.url, compiler: executor.compiler))
            #expect(FileManager.default.fileExists(atPath: program.object.path) == program.compile.succeeded)
            #expect(program.isLinked == (program.compile.succeeded && executor.compiler.canLinkBeforeTheLibrary))
            let twoSteps = try await onThread { executor.run(note, precompiled: program) }
            #expect(twoSteps == oneStep)
            #expect(!FileManager.default.fileExists(atPath: program.folder.path), "the program's folder is removed")
        }
        // The trap is placed on its line in both ways (line 2 of the block: `print(a + b)`).
        let trapping = TestEnvironment.note(cases[2].source)
        let trapped = try await onThread { executor.run(trapping) }
        #expect(trapped.messages.first?.lineInBlock == 2)
    }

    /// An error in `Attention`, in a declaration or inside a function body, stops the build with
    /// the compiler's message and leaves no staging folder (whichever step finds it: the modules
    /// first, or the optimised compile that `finish` waits for).
    @Test(arguments: [
        ("public func one() -> Missing { 1 }\n", "cannot find type 'Missing'"),
        ("public func one() -> Int { \"one\" }\n", "cannot convert return expression"),
    ])
    func errorInTheLibraryStopsItsBuild(attention: String, message: String) async throws {
        let package = try TinyPackage("library-error", attention: attention)
        defer { package.remove() }
        let error = await #expect(throws: NotesgenError.self) {
            if case .building(let build) = try await package.begin() { _ = try await onThread { try build.finish() } }
        }
        let description = error.map { "\($0)" } ?? ""
        #expect(description.contains(message) && description.contains("Attention.swift:1:"), "\(description)")
        #expect(try stagingFolders(in: package.cache).isEmpty)
    }

    /// A library that compiles is built in stages: the modules, the small libraries and the stub
    /// `libAttention.so` are there when `begin` returns, before the library, and `finish`
    /// completes the folder.
    @Test func modulesAreReadyBeforeTheLibrary() async throws {
        let package = try TinyPackage("library-stages")
        defer { package.remove() }
        guard case .building(let build) = try await package.begin() else {
            Issue.record("an empty cache has no library: it must be built")
            return
        }
        for module in RuntimeLibrary.modules {
            let path = build.modulesFolder.appendingPathComponent("\(module).swiftmodule").path
            #expect(FileManager.default.fileExists(atPath: path), "\(module)")
        }
        let stub = build.stubFolder.appendingPathComponent("libAttention.so").path
        #expect(FileManager.default.fileExists(atPath: stub))
        #expect(
            FileManager.default.fileExists(
                atPath: build.modulesFolder.appendingPathComponent("libNoteRuntime.so").path))

        // Programs compiled and linked now (against the stub) run once the library is done; one
        // that needs a symbol no library has fails at its start, and its link after says why.
        let compiler = ProgramCompiler(
            toolchain: package.toolchain,
            moduleCacheFolder: ModuleCache.folder(in: package.cache, toolchain: package.toolchain), timeout: 600)
        try #require(compiler.canLinkBeforeTheLibrary, "Swift's Linux toolchains ship lld")
        let programs = package.folder.url.appendingPathComponent("programs")
        try FileManager.default.createDirectory(at: programs, withIntermediateDirectories: true)
        let sources = [
            "works": "import Attention\nimport NoteRuntime\nprint(one(), two())\n",
            "lacks": "@_silgen_name(\"no_library_defines_this\") func missing() -> Int\nprint(missing())\n",
        ]
        let inProgress = build.inProgress
        var objects: [String: URL] = [:]
        for (name, source) in sources {
            let file = programs.appendingPathComponent("\(name).swift")
            try Data(source.utf8).write(to: file)
            let object = programs.appendingPathComponent("\(name).o")
            let compiled = try compiler.compileObject(file, to: object, modules: inProgress.modules)
            #expect(compiled.succeeded, "\(String(decoding: compiled.stderr, as: UTF8.self))")
            let linked = try compiler.linkBeforeTheLibrary(
                object, to: programs.appendingPathComponent(name), modules: inProgress.modules,
                stubs: inProgress.stubs, library: inProgress.folder)
            #expect(linked.succeeded, "\(String(decoding: linked.stderr, as: UTF8.self))")
            objects[name] = object
        }
        let library = try await onThread { try build.finish() }
        #expect(LibraryManifest.verified(in: library.folder) != nil)
        #expect(!FileManager.default.fileExists(atPath: library.folder.appendingPathComponent("stub").path))
        let works = try ChildProcess.run(
            executable: programs.appendingPathComponent("works"), arguments: [], workingDirectory: programs,
            timeout: 600)
        #expect(String(decoding: works.stdout, as: UTF8.self) == "1 2\n")
        let lacks = try ChildProcess.run(
            executable: programs.appendingPathComponent("lacks"), arguments: [], workingDirectory: programs,
            timeout: 600)
        #expect(lacks.missedASymbolAtStart, "\(lacks.status): \(String(decoding: lacks.stderr, as: UTF8.self))")
        #expect(!works.missedASymbolAtStart)
        let relinked = try compiler.link(
            try #require(objects["lacks"]), to: programs.appendingPathComponent("lacks"), library: library.folder)
        #expect(String(decoding: relinked.stderr, as: UTF8.self).contains("no_library_defines_this"))
        #expect(!relinked.succeeded)
        #expect(try stagingFolders(in: package.cache).isEmpty)
        // The next build finds it.
        guard case .built(let found) = try await package.begin() else {
            Issue.record("the built library is in the cache")
            return
        }
        #expect(found.folder.standardizedFileURL.path == library.folder.standardizedFileURL.path)
        #expect(found.hash == library.hash && found.builtHash == library.builtHash)
    }

    /// A cache folder copied elsewhere (a project moved with its cache) still builds: Clang
    /// refuses modules built in another module cache folder, so each place has its own.
    @Test func copiedCacheStillBuilds() async throws {
        let package = try TinyPackage("copied-cache")
        defer { package.remove() }
        let (folder, original, toolchain) = (package.folder, package.cache, package.toolchain)
        _ = try await onThread {
            try RuntimeLibrary.prepare(packageRoot: folder.url, toolchain: toolchain, cacheFolder: original)
        }
        let copy = folder.url.appendingPathComponent("moved/cache")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: original, to: copy)
        #expect(
            ModuleCache.folder(in: copy, toolchain: toolchain).lastPathComponent
                != ModuleCache.folder(in: original, toolchain: toolchain).lastPathComponent)
        // A changed source: the library is compiled again, in the copy.
        try TestEnvironment.makeTinyPackage(in: folder.url, attention: "public func one() -> Int { 2 - 1 }\n")
        let rebuilt = try await onThread {
            try RuntimeLibrary.prepare(packageRoot: folder.url, toolchain: toolchain, cacheFolder: copy)
        }
        #expect(rebuilt.folder.path.hasPrefix(copy.path))
        #expect(LibraryManifest.verified(in: rebuilt.folder) != nil)
    }

    /// A cold build of real notes (an empty cache: the library compiles while the notes do)
    /// gives the results the shared, warm cache gives.
    @Test func coldBuildGivesTheResultsOfAWarmBuild() async throws {
        let folder = try TemporaryFolder("cold-build")
        defer { folder.remove() }
        let notes = try folder.copy(fixture: "failing")
        let warm = try await runNotes(in: notes, usesCache: false)
        let settings = RunSettings(
            notesFolder: notes.path, cacheFolder: folder.url.appendingPathComponent("cache"), jobs: 2,
            usesCache: true, packageRoot: TestEnvironment.packageRoot)
        let cold = try await onThread {
            try NotesRunner(settings: settings).run(progress: Progress(quiet: true, timings: false, stepCount: 3))
        }
        #expect(cold.map(\.results) == warm.map(\.results))
        #expect(cold.map(\.diagnostics) == warm.map(\.diagnostics))
        #expect(!cold.flatMap(\.results).isEmpty)
        let work = folder.url.appendingPathComponent("cache/work")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []).isEmpty, "no program left")
    }

    /// A package of one-line modules (`TestEnvironment.makeTinyPackage`) with a cache of its own.
    private struct TinyPackage {
        let folder: TemporaryFolder
        let toolchain: Toolchain
        var cache: URL { folder.url.appendingPathComponent("cache") }

        init(_ purpose: String, attention: String = "public func one() -> Int { 1 }\n") throws {
            folder = try TemporaryFolder(purpose)
            try TestEnvironment.makeTinyPackage(in: folder.url, attention: attention)
            toolchain = try Toolchain.locate(cacheFolder: TestEnvironment.cacheFolder)
        }

        func begin() async throws -> RuntimeLibrary.Preparation {
            let (root, toolchain, cache) = (folder.url, toolchain, cache)
            return try await onThread {
                try RuntimeLibrary.begin(packageRoot: root, toolchain: toolchain, cacheFolder: cache)
            }
        }

        func remove() { folder.remove() }
    }

    private func stagingFolders(in cache: URL) throws -> [String] {
        let lib = cache.appendingPathComponent("lib")
        return ((try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []).filter {
            $0.hasPrefix(".staging")
        }
    }
}
