import Foundation

/// The modules every note's program links against (`Attention`, `NoteResults`, `NoteRuntime`),
/// compiled by notesgen itself from the package's sources into the cache.
///
/// SwiftPM's `.build` layout is private, so notesgen does not look there: it compiles the three
/// modules (they depend on Foundation only) once per version of their sources and compiler, into
/// `<cache>/lib/<hash>/`, and reuses them until a source file changes.
///
/// A built folder is trusted only if its files are the ones built: the `complete` manifest
/// records each file's size, date and SHA-256, and a folder whose files differ (deleted,
/// truncated, replaced) is built again. Results are keyed on the built files' hash, so results
/// computed with a broken library never outlive it.
public struct RuntimeLibrary: Sendable {
    /// The modules in dependency order, as folders of `Sources/`.
    public static let modules = ["Attention", "NoteResults", "NoteRuntime"]

    /// What each module imports, as Package.swift says.
    static func dependencies(of module: String) -> [String] {
        module == "NoteRuntime" ? ["Attention", "NoteResults"] : []
    }

    /// How each module is compiled. `Attention` holds the numerical work, so it is optimised
    /// (`-O`, for the machine's processor), keeping precondition messages (`-assert-config Debug`)
    /// so a shape error in a note says which shapes. `NoteResults` and `NoteRuntime` only record
    /// what blocks show: `-Onone` compiles them in a second each instead of ten. No `-g`: a trap
    /// is traced to the note's line through the note's program, not the library (a third of
    /// the library's compile time went to debug information).
    static func flags(for module: String) -> [String] {
        (module == "Attention" ? ["-O"] : ["-Onone"]) + ["-assert-config", "Debug"] + TargetCPU.flags
    }

    /// What the hash of a built library covers besides the sources: the recipe below.
    static let recipe =
        "modules-first-v1 " + modules.map { "\($0): \(flags(for: $0).joined(separator: " "))" }.joined(separator: "; ")

    /// The language mode of each module, as Package.swift sets it.
    static func languageMode(of module: String) -> String {
        module == "NoteRuntime" ? "5" : "6"
    }

    /// Where the compiled modules are (`-I`, `-L` and the run-time search path).
    public var folder: URL
    /// A hash of the sources, the compiler and the flags.
    public var hash: String
    /// A hash of the built files, as recorded when they were built.
    public var builtHash: String

    public init(folder: URL, hash: String, builtHash: String) {
        self.folder = folder
        self.hash = hash
        self.builtHash = builtHash
    }

    /// Hashes the modules' sources under `packageRoot/Sources` and compiles them if this version
    /// is not in the cache yet.
    /// - Parameter willCompile: called before the modules are compiled (not when the cache has
    ///   them), so the user hears why the first build takes a while.
    public static func prepare(
        packageRoot: URL, toolchain: Toolchain, cacheFolder: URL, willCompile: () -> Void = {}
    ) throws -> RuntimeLibrary {
        switch try begin(
            packageRoot: packageRoot, toolchain: toolchain, cacheFolder: cacheFolder, willCompile: willCompile)
        {
        case .built(let library): return library
        case .building(let build): return try build.finish()
        }
    }

    /// A library from the cache, or one whose build has begun (see `LibraryBuild`).
    public enum Preparation: Sendable {
        case built(RuntimeLibrary)
        case building(LibraryBuild)
    }

    /// Like `prepare`, but returns as soon as the modules can be compiled against, while the
    /// optimised `Attention` library is still being compiled.
    public static func begin(
        packageRoot: URL, toolchain: Toolchain, cacheFolder: URL, willCompile: () -> Void = {}
    ) throws -> Preparation {
        // A rebuild with no source changed reads no source: the digest of the sources is
        // remembered by their stamps (sizes and dates to the nanosecond).
        let folders = modules.map { packageRoot.appendingPathComponent("Sources/\($0)").resolvingSymlinksInPath() }
        var stamps = SHA256()
        stamps.updateField(toolchain.version)
        stamps.updateField(recipe)
        stamps.updateField(TargetCPU.identity)
        for folder in folders {
            for file in try swiftFiles(in: folder) {
                stamps.updateField(file.path)
                stamps.updateField(FileStamp.of(file.path) ?? "missing")
            }
        }
        let remembered = cacheFolder.appendingPathComponent("lib/sources-\(stamps.hexDigest().prefix(24)).txt")
        if let digest = try? String(contentsOf: remembered, encoding: .utf8), digest.count == 64,
            let manifest = LibraryManifest.verified(in: cacheFolder.appendingPathComponent("lib/\(digest.prefix(24))"))
        {
            return .built(
                RuntimeLibrary(
                    folder: cacheFolder.appendingPathComponent("lib/\(digest.prefix(24))"), hash: digest,
                    builtHash: manifest.hash))
        }
        var hash = SHA256()
        hash.updateField(toolchain.version)
        hash.updateField(recipe)
        hash.updateField(TargetCPU.identity)
        // The sources are read once: what is hashed is what gets compiled, even if a file is
        // edited while the library builds.
        var sourcesByModule: [String: [(path: String, contents: Data)]] = [:]
        for module in modules {
            // A symbolic link to the sources (a scratch package) is followed.
            let folder = packageRoot.appendingPathComponent("Sources/\(module)").resolvingSymlinksInPath()
            let files = try swiftFiles(in: folder).map { file in
                (path: String(file.path.dropFirst(folder.path.count + 1)), contents: try Data(contentsOf: file))
            }
            guard !files.isEmpty else { throw NotesgenError.emptyLibraryModule(folder.path) }
            sourcesByModule[module] = files
            hash.updateField(module)
            for file in files {
                hash.updateField(file.path)
                hash.update(file.contents)
            }
        }
        let digest = hash.hexDigest()
        let folder = cacheFolder.appendingPathComponent("lib/\(digest.prefix(24))")
        try? FileManager.default.createDirectory(
            at: remembered.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileStore.writeAtomically(Data(digest.utf8), to: remembered)
        if let manifest = LibraryManifest.verified(in: folder) {
            return .built(RuntimeLibrary(folder: folder, hash: digest, builtHash: manifest.hash))
        }
        // A folder whose files are not the ones built is put aside and built again.
        LibraryManifest.discard(folder)
        willCompile()
        // Build beside the final folder, then rename: a concurrent or interrupted build never
        // leaves a half-built library where another run would use it.
        let staging = cacheFolder.appendingPathComponent("lib/.staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        var sources: [String: [String]] = [:]
        do {
            // Copy what was hashed, then compile the copies.
            for module in modules {
                for file in sourcesByModule[module, default: []] {
                    let copy = staging.appendingPathComponent("src/\(module)/\(file.path)")
                    try FileManager.default.createDirectory(
                        at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try file.contents.write(to: copy)
                    sources[module, default: []].append(copy.path)
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        return .building(
            try LibraryBuild.start(
                staging: staging, folder: folder, digest: digest, sources: sources, toolchain: toolchain,
                moduleCache: ModuleCache.folder(in: cacheFolder, toolchain: toolchain)))
    }

    /// Every `.swift` file below `folder`, in a stable order.
    static func swiftFiles(in folder: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        return enumerator.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
            .sorted { $0.path < $1.path }
    }

    /// The package root: the working directory if it holds `Sources/Attention`, else the
    /// package notesgen was built from.
    public static func locatePackageRoot(explicit: String?) throws -> URL {
        var candidates: [URL] = []
        if let explicit {
            // A package the user names is the one to use, or an error: never silently another.
            let package = URL(fileURLWithPath: explicit)
            var isFolder: ObjCBool = false
            let sources = package.appendingPathComponent("Sources/Attention").path
            guard FileManager.default.fileExists(atPath: sources, isDirectory: &isFolder), isFolder.boolValue else {
                throw NotesgenError.packageWithoutLibrary(explicit)
            }
            return package.standardizedFileURL
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        // #filePath is Sources/NotesKit/Execution/RuntimeLibrary.swift of the package.
        candidates.append(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent())
        for candidate in candidates {
            let marker = candidate.appendingPathComponent("Sources/Attention").path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: marker, isDirectory: &isFolder), isFolder.boolValue {
                return candidate.standardizedFileURL
            }
        }
        throw NotesgenError.libraryNotFound(
            searched: candidates.map { $0.appendingPathComponent("Sources/Attention").path })
    }
}
