import Foundation

/// The Swift compiler notes are compiled with, and its version (part of every cache key).
public struct Toolchain: Sendable, Hashable {
    public var swiftc: URL
    /// `swiftc --version`'s first line, e.g. `Swift version 6.3.1 (swift-6.3.1-RELEASE)`.
    public var version: String

    /// Finds `swiftc` ($SWIFTC, else the PATH) and reads its version, remembering it in
    /// `cacheFolder` keyed by the compiler's path, size and date so that a rebuild with nothing
    /// changed runs no compiler at all.
    public static func locate(cacheFolder: URL) throws -> Toolchain {
        // The first use of the cache in every run: it must be one notesgen made (or new, or empty).
        try CacheFolder.prepare(cacheFolder)
        let swiftc = try findCompiler()
        let attributes = try? FileManager.default.attributesOfItem(atPath: swiftc.resolvingSymlinksInPath().path)
        let stamp = [
            swiftc.path,
            "\((attributes?[.size] as? NSNumber)?.intValue ?? 0)",
            "\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)",
        ].joined(separator: "|")
        let remembered = cacheFolder.appendingPathComponent("toolchain-\(SHA256.hex(stamp).prefix(16)).txt")
        if let version = try? String(contentsOf: remembered, encoding: .utf8), !version.isEmpty {
            return Toolchain(swiftc: swiftc, version: version)
        }
        let result = try ChildProcess.run(executable: swiftc, arguments: ["--version"], timeout: 60)
        let version =
            String(decoding: result.stdout + result.stderr, as: UTF8.self)
            .split(separator: "\n").first.map(String.init) ?? "unknown"
        try? FileStore.writeAtomically(Data(version.utf8), to: remembered)
        return Toolchain(swiftc: swiftc, version: version)
    }

    /// `$SWIFTC` when set (it must be an executable file), else `swiftc` on the `PATH`.
    static func findCompiler(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let explicit = environment["SWIFTC"], !explicit.isEmpty {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: explicit, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isExecutableFile(atPath: explicit)
            else { throw NotesgenError.compilerNotExecutable(explicit) }
            return URL(fileURLWithPath: explicit)
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("swiftc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw NotesgenError.compilerNotFound
    }
}
