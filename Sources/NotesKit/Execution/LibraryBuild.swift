import Foundation

/// The runtime library being compiled, in an order that lets notes compile before it is done.
///
/// Optimising `Attention` is most of a cold build, and the optimiser uses one core. So:
/// 1. `libAttention.so` starts at once, on a thread of its own;
/// 2. meanwhile `start` compiles what notes are compiled against: the three modules'
///    interfaces (`.swiftmodule`; `Attention`'s without its function bodies, which step 1
///    compiles and checks), `libNoteResults.so`, and `libNoteRuntime.so` linked against a stub
///    `libAttention.so` (in `stubFolder`: no symbols, only the name), then returns. Notes can
///    now be compiled against `modulesFolder` and linked against the stub
///    (`ProgramCompiler.linkBeforeTheLibrary`);
/// 3. `finish` waits for step 1, removes the stub, records the manifest and moves the folder
///    into place, where the notes find the real library when they run.
public final class LibraryBuild: Sendable {
    /// Where the modules are, for `-I`, as soon as `start` returns.
    public let modulesFolder: URL
    /// Where the stub `libAttention.so` is, to link against before the library is done.
    public var stubFolder: URL { Self.stubFolder(in: modulesFolder) }
    private let folder: URL
    private let digest: String
    private let sources: [String: [String]]
    private let toolchain: Toolchain
    private let moduleCache: URL
    private let attentionLibrary: Pending<Result<Void, Error>>
    /// Set when the build is given up: the optimised compile is stopped rather than waited for.
    private let abandoned = Cancellation()

    /// Begins the build in `staging`, whose `src/` holds the sources to compile (listed in
    /// `sources` by module); `folder` is where the built library will be.
    static func start(
        staging: URL, folder: URL, digest: String, sources: [String: [String]], toolchain: Toolchain,
        moduleCache: URL
    ) throws -> LibraryBuild {
        let build = LibraryBuild(
            staging: staging, folder: folder, digest: digest, sources: sources, toolchain: toolchain,
            moduleCache: moduleCache)
        // At a lower priority than the optimised compile, which everything waits for.
        let modules = Workers.map(count: 1, jobs: 1, yielding: true) { _ in
            Result {
                try build.compile("Attention", .module)
                try build.compile("NoteResults", .moduleAndLibrary)
                try build.compile("NoteRuntime", .moduleAndObject)
                try build.makeStub()
                try build.compile("NoteRuntime", .libraryFromObject)
            }
        }
        do {
            try modules[0].get()
        } catch {
            // No compiler is left running, and no half-built folder is left behind.
            build.abandoned.cancel()
            _ = build.attentionLibrary.value()
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        return build
    }

    private init(
        staging: URL, folder: URL, digest: String, sources: [String: [String]], toolchain: Toolchain,
        moduleCache: URL
    ) {
        self.modulesFolder = staging
        self.folder = folder
        self.digest = digest
        self.sources = sources
        self.toolchain = toolchain
        self.moduleCache = moduleCache
        let abandoned = abandoned
        attentionLibrary = Pending { [staging, sources, toolchain, moduleCache] in
            Result {
                try Self.compile(
                    "Attention", .library, in: staging, sources: sources, toolchain: toolchain,
                    moduleCache: moduleCache, stopsWhen: { abandoned.isCancelled })
            }
        }
    }

    /// What notes compiled before `finish` are compiled and linked against.
    var inProgress: LibraryInProgress {
        LibraryInProgress(modules: modulesFolder, stubs: stubFolder, folder: folder)
    }

    /// Waits for the optimised library, completes the folder and returns the built library.
    /// Called once.
    public func finish() throws -> RuntimeLibrary {
        defer { try? FileManager.default.removeItem(at: modulesFolder) }
        try attentionLibrary.value().get()
        try? FileManager.default.removeItem(at: stubFolder)
        try? FileManager.default.removeItem(at: modulesFolder.appendingPathComponent("NoteRuntime.o"))
        let manifest = try LibraryManifest.record(modulesFolder)
        if rename(modulesFolder.path, folder.path) != 0 {
            // Another build finished first: use its library if it is whole.
            guard let theirs = LibraryManifest.verified(in: folder) else {
                throw NotesgenError.libraryBuildFailed(output: "cannot move the built library into \(folder.path)")
            }
            return RuntimeLibrary(folder: folder, hash: digest, builtHash: theirs.hash)
        }
        return RuntimeLibrary(folder: folder, hash: digest, builtHash: manifest.hash)
    }

    /// What one compiler run makes of a module.
    private enum Product {
        case module, library, moduleAndLibrary
        /// The module and its object file, `<module>.o`, linked later by `libraryFromObject`.
        case moduleAndObject, libraryFromObject

        var emitsModule: Bool { [.module, .moduleAndLibrary, .moduleAndObject].contains(self) }
        var emitsLibrary: Bool { [.library, .moduleAndLibrary, .libraryFromObject].contains(self) }
    }

    private func compile(_ module: String, _ product: Product) throws {
        try Self.compile(
            module, product, in: modulesFolder, sources: sources, toolchain: toolchain, moduleCache: moduleCache)
    }

    private static func stubFolder(in staging: URL) -> URL {
        staging.appendingPathComponent("stub")
    }

    /// An empty `libAttention.so`: linking against it records the dependency by name, and the
    /// dynamic loader resolves the symbols in the real library when a program starts.
    private func makeStub() throws {
        try FileManager.default.createDirectory(at: stubFolder, withIntermediateDirectories: true)
        let empty = stubFolder.appendingPathComponent("empty.swift")
        try Data().write(to: empty)
        try Self.runCompiler(
            [
                "-emit-library", "-module-name", "AttentionStub", "-o",
                stubFolder.appendingPathComponent("libAttention.so").path, "-Xlinker", "-soname", "-Xlinker",
                "libAttention.so", "-module-cache-path", moduleCache.path, empty.path,
            ],
            toolchain: toolchain, in: stubFolder)
    }

    private static func compile(
        _ module: String, _ product: Product, in staging: URL, sources: [String: [String]], toolchain: Toolchain,
        moduleCache: URL, stopsWhen shouldStop: (@Sendable () -> Bool)? = nil
    ) throws {
        let object = staging.appendingPathComponent("\(module).o").path
        var arguments = ["-module-cache-path", moduleCache.path, "-diagnostic-style", "llvm"]
        if product != .libraryFromObject {
            arguments +=
                ["-parse-as-library", "-module-name", module, "-module-link-name", module]
                + RuntimeLibrary.flags(for: module) + ["-swift-version", RuntimeLibrary.languageMode(of: module)]
                + ["-wmo", "-I", staging.path]
            // LLVM's threads write an object file each: one is wanted for a later link.
            if product != .moduleAndObject {
                arguments += ["-num-threads", String(ProcessInfo.processInfo.activeProcessorCount)]
            }
        }
        if product.emitsModule {
            arguments += [
                "-emit-module", "-emit-module-path", staging.appendingPathComponent("\(module).swiftmodule").path,
            ]
        }
        if product == .module {
            // Clients need the declarations only; the library's own compile checks the bodies.
            arguments += ["-Xfrontend", "-experimental-skip-non-inlinable-function-bodies-without-types"]
        }
        if product == .moduleAndObject {
            arguments += ["-c", "-o", object]
        }
        if product.emitsLibrary {
            // A library linked from its object file is linked before libAttention.so is done:
            // against the stub, which the search finds first.
            let stub = product == .libraryFromObject ? ["-L", stubFolder(in: staging).path] : []
            arguments +=
                [
                    "-emit-library", "-o", staging.appendingPathComponent("lib\(module).so").path,
                    "-Xlinker", "-soname", "-Xlinker", "lib\(module).so",
                ] + stub + ["-L", staging.path] + RuntimeLibrary.dependencies(of: module).flatMap { ["-l\($0)"] }
        }
        let inputs = product == .libraryFromObject ? [object] : sources[module, default: []]
        try runCompiler(arguments + inputs, toolchain: toolchain, in: staging, stopsWhen: shouldStop)
    }

    /// Runs `swiftc`; its output is the error when it fails.
    private static func runCompiler(
        _ arguments: [String], toolchain: Toolchain, in folder: URL, stopsWhen shouldStop: (@Sendable () -> Bool)? = nil
    ) throws {
        let compiled = try ChildProcess.run(
            executable: toolchain.swiftc, arguments: arguments, workingDirectory: folder, timeout: 600,
            shouldKill: shouldStop)
        guard compiled.succeeded else {
            throw NotesgenError.libraryBuildFailed(
                output: String(decoding: compiled.stderr + compiled.stdout, as: UTF8.self))
        }
    }
}
