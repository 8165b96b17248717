import Foundation

/// The Clang module cache every compile shares (`-module-cache-path`): Foundation's and Glibc's
/// modules are built once, not once per note. Each note compiling with a module cache of its own
/// spent most of its compile time rebuilding them (2.4 s against 0.6 s per note, measured).
///
/// Concurrent compiles may share it: Clang writes each module to a temporary file and renames
/// it into place, under a lock file. One folder per compiler version, since a module built by one
/// compiler is of no use to another, and per place: Clang refuses a module built in another
/// module cache folder, so a cache folder moved or copied elsewhere starts a new one.
enum ModuleCache {
    /// The cache entry's name in the notesgen cache folder.
    static let entryName = "module-cache"

    static func folder(in cacheFolder: URL, toolchain: Toolchain) -> URL {
        let place = cacheFolder.resolvingSymlinksInPath().standardizedFileURL.path
        return cacheFolder.appendingPathComponent(entryName).appendingPathComponent(
            String(SHA256.hex(toolchain.version + "\n" + place).prefix(16)))
    }
}
