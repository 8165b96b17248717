import Foundation

/// Runs the compiler on a note's generated program: in one step when the library is built, or
/// in two (an object file against the library's modules, then a link) while the optimised
/// library is still being compiled, so that a cold build compiles notes on the core the library's
/// optimiser leaves idle.
struct ProgramCompiler: Sendable {
    var toolchain: Toolchain
    /// The Clang module cache all compiles share (`ModuleCache`).
    var moduleCacheFolder: URL
    /// How long one compiler run may take, in seconds.
    var timeout: Double

    /// Flags for a note's program: Swift 5 mode keeps top-level code free of actor isolation
    /// errors a learner should not have to meet; -Onone compiles fastest.
    /// -g lets a trap be traced to the note's line.
    static let flags = ["-swift-version", "5", "-Onone", "-g", "-diagnostic-style", "llvm"]

    /// Compiles and links `source` into `binary` against the built library in `library`.
    func compileAndLink(_ source: URL, to binary: URL, library: URL) throws -> ChildProcess.Result {
        try run(
            Self.flags + ["-I", library.path] + linking(library) + [source.path, "-o", binary.path],
            in: binary.deletingLastPathComponent())
    }

    /// Compiles `source` into the object file `object` against the library's modules in
    /// `modules` (no library needs to exist yet).
    func compileObject(_ source: URL, to object: URL, modules: URL) throws -> ChildProcess.Result {
        try run(
            Self.flags + ["-I", modules.path, "-c", source.path, "-o", object.path],
            in: object.deletingLastPathComponent())
    }

    /// Links `object` into `binary` against the built library in `library`.
    func link(_ object: URL, to binary: URL, library: URL) throws -> ChildProcess.Result {
        try run(
            Self.flags + linking(library) + [object.path, "-o", binary.path], in: binary.deletingLastPathComponent())
    }

    /// Whether `linkBeforeTheLibrary` may be used: with lld, whose unresolved symbols are left
    /// to the dynamic loader. gold resolves them to address 0, and the program crashes.
    var canLinkBeforeTheLibrary: Bool { usesLLD }

    /// Links `object` into `binary` while the library is still being compiled: against the
    /// libraries in `modules` and the stub `libAttention.so` in `stubs` (`LibraryBuild`), for
    /// the library that will be in `library`. Attention's symbols stay unresolved until the
    /// program starts, all of them then (`-z now`): one missing fails the start, not a call.
    /// Only when `canLinkBeforeTheLibrary`.
    func linkBeforeTheLibrary(
        _ object: URL, to binary: URL, modules: URL, stubs: URL, library: URL
    ) throws -> ChildProcess.Result {
        precondition(canLinkBeforeTheLibrary, "linking before the library needs lld")
        let early = [
            "-L", stubs.path, "-Xlinker", "--unresolved-symbols=ignore-all", "-Xlinker", "-z", "-Xlinker", "now",
        ]
        return try run(
            Self.flags + early + linking(library, searching: modules) + [object.path, "-o", binary.path],
            in: binary.deletingLastPathComponent())
    }

    /// Links against the libraries found in `searching` (`library` unless told), found at run
    /// time in `library`.
    private func linking(_ library: URL, searching: URL? = nil) -> [String] {
        [
            "-L", (searching ?? library).path, "-lAttention", "-lNoteResults", "-lNoteRuntime",
            "-Xlinker", "-rpath", "-Xlinker", library.path,
        ] + (usesLLD ? ["-use-ld=lld"] : [])
    }

    /// The toolchain's own linker, lld, when it ships one: it links a note in 0.14 s where the
    /// system's gold takes 0.17 s (a cold build links every note after the library is done).
    private var usesLLD: Bool {
        let lld = toolchain.swiftc.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(
            "ld.lld")
        return FileManager.default.isExecutableFile(atPath: lld.path)
    }

    private func run(_ arguments: [String], in folder: URL) throws -> ChildProcess.Result {
        try ChildProcess.run(
            executable: toolchain.swiftc, arguments: arguments + ["-module-cache-path", moduleCacheFolder.path],
            workingDirectory: folder, timeout: timeout)
    }
}
