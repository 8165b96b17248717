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

    /// The modules in waves: each wave's modules depend only on earlier waves, so they compile
    /// at once (`Attention`, the long one, beside `NoteResults`).
    static var buildOrder: [[String]] {
        var built: Set<String> = []
        var waves: [[String]] = []
        while built.count < modules.count {
            let wave = modules.filter { !built.contains($0) && Set(dependencies(of: $0)).isSubset(of: built) }
            precondition(!wave.isEmpty, "RuntimeLibrary: the modules' dependencies form a cycle")
            waves.append(wave)
            built.formUnion(wave)
        }
        return waves
    }

    /// Flags for compiling the modules: optimised, but keeping precondition messages
    /// (`-assert-config Debug`) so a shape error in a note says which shapes.
    static let libraryFlags = ["-O", "-assert-config", "Debug", "-g"] + TargetCPU.flags

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
        // A rebuild with no source changed reads no source: the digest of the sources is
        // remembered by their stamps (sizes and dates to the nanosecond).
        let folders = modules.map { packageRoot.appendingPathComponent("Sources/\($0)").resolvingSymlinksInPath() }
        var stamps = SHA256()
        stamps.updateField(toolchain.version)
        stamps.updateField(libraryFlags.joined(separator: " "))
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
            return RuntimeLibrary(
                folder: cacheFolder.appendingPathComponent("lib/\(digest.prefix(24))"), hash: digest,
                builtHash: manifest.hash)
        }
        var hash = SHA256()
        hash.updateField(toolchain.version)
        hash.updateField(libraryFlags.joined(separator: " "))
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
            return RuntimeLibrary(folder: folder, hash: digest, builtHash: manifest.hash)
        }
        // A folder whose files are not the ones built is put aside and built again.
        LibraryManifest.discard(folder)
        willCompile()
        // Build beside the final folder, then rename: a concurrent or interrupted build never
        // leaves a half-built library where another run would use it.
        let staging = cacheFolder.appendingPathComponent("lib/.staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        // Copy what was hashed, then compile: modules that do not depend on each other at once,
        // each whole-module with one LLVM thread per core.
        var sources: [String: [String]] = [:]
        for module in modules {
            for file in sourcesByModule[module, default: []] {
                let copy = staging.appendingPathComponent("src/\(module)/\(file.path)")
                try FileManager.default.createDirectory(
                    at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: copy)
                sources[module, default: []].append(copy.path)
            }
        }
        let moduleCache = ModuleCache.folder(in: cacheFolder, toolchain: toolchain)
        let copiedSources = sources
        for wave in buildOrder {
            let results = Workers.map(count: wave.count, jobs: wave.count) { index in
                let module = wave[index]
                let arguments =
                    [
                        "-parse-as-library", "-emit-library", "-emit-module", "-module-name", module,
                        "-module-link-name", module,
                    ]
                    + libraryFlags + ["-swift-version", languageMode(of: module)]
                    + ["-wmo", "-num-threads", String(ProcessInfo.processInfo.activeProcessorCount)]
                    + ["-I", staging.path, "-L", staging.path, "-module-cache-path", moduleCache.path]
                    + dependencies(of: module).flatMap { ["-l\($0)"] }
                    + [
                        "-emit-module-path", staging.appendingPathComponent("\(module).swiftmodule").path,
                        "-o", staging.appendingPathComponent("lib\(module).so").path,
                        "-Xlinker", "-soname", "-Xlinker", "lib\(module).so",
                        "-diagnostic-style", "llvm",
                    ]
                    + copiedSources[module, default: []]
                return Result {
                    try ChildProcess.run(
                        executable: toolchain.swiftc, arguments: arguments, workingDirectory: staging, timeout: 600)
                }
            }
            for result in results {
                let compiled = try result.get()
                guard compiled.succeeded else {
                    throw NotesgenError.libraryBuildFailed(
                        output: String(decoding: compiled.stderr + compiled.stdout, as: UTF8.self))
                }
            }
        }
        let manifest = try LibraryManifest.record(staging)
        if rename(staging.path, folder.path) != 0 {
            // Another build finished first: use its library if it is whole.
            guard let theirs = LibraryManifest.verified(in: folder) else {
                throw NotesgenError.libraryBuildFailed(output: "cannot move the built library into \(folder.path)")
            }
            return RuntimeLibrary(folder: folder, hash: digest, builtHash: theirs.hash)
        }
        return RuntimeLibrary(folder: folder, hash: digest, builtHash: manifest.hash)
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
