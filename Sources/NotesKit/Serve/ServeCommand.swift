import ArgumentParser
import Foundation

/// `notesgen serve`: builds the site in memory, serves it on this machine, and rebuilds and
/// reloads the open pages whenever a note or the library changes.
///
/// The preview loop: the watcher notices a saved file, the builder rebuilds (the cache keeps a
/// prose edit free of the compiler and a code edit to one note), publishes the complete build,
/// and the reload hub tells every open page, which reloads; errors of the latest build are shown
/// over the page and printed once in the terminal.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site in memory, serve it on this machine, and reload open pages when a note changes.",
        discussion: """
            Nothing is written to the output folder. Listens on 127.0.0.1 unless --host says \
            otherwise; serves only the files of the site; Ctrl-C stops it.
            """)

    @OptionGroup var options: RunOptions

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8000

    @Option(help: "The address to listen on; anything but 127.0.0.1 or ::1 lets other machines see the site.")
    var host = "127.0.0.1"

    @Flag(help: "Open the site in the default browser.")
    var open = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        try failing {
            do {
                try serve()
            } catch let error as ServeError {
                Progress.write(error.description)
                throw ExitCode.failure
            }
        }
    }

    private func serve() throws {
        let address = try ListenAddress(host: host, port: UInt16(port))
        let settings = options.settings
        let site = PreviewSite()
        let hub = ReloadHub()
        let routes = PreviewRoutes(site: site, hub: hub, allowedHosts: address.isLoopback ? address.hostNames : nil)
        // Listen before the first build: a busy port is reported at once, and a browser opened
        // now sees a page that reloads itself when the site is ready.
        let listening = try PreviewServer.listen(on: address, routes: routes)
        CleanShutdown.install()
        let url = address.url(port: listening)
        if !address.isLoopback {
            Progress.write("warning: listening on \(host): the site is reachable from other machines")
        }
        Progress.write("notesgen: serving \(url) (Ctrl-C stops)")

        let watcher = FolderWatcher(roots: watchedFolders(settings), ignoring: [settings.cacheFolder])
        let builder = PreviewBuilder(
            settings: settings, site: site, hub: hub, quiet: options.quiet, timings: options.timings,
            snapshotOfInputs: watcher.snapshot)
        builder.start()
        watcher.start { builder.requestBuild(inputs: $0) }
        Task {
            // A page that went away without closing its connection is noticed when writing fails.
            while true {
                try await Task.sleep(for: .seconds(15))
                hub.ping()
            }
        }
        if open { openBrowser(url) }
        // The work happens on the builder's, the watcher's and the server's threads; this one
        // waits until a signal ends the process (CleanShutdown).
        while true { sleep(3600) }
    }

    /// The notes folder and the library's sources (Attention, NoteResults, NoteRuntime), whose
    /// edits change the pages; the cache and dot files below them are ignored by the watcher.
    private func watchedFolders(_ settings: RunSettings) -> [URL] {
        var folders = [URL(fileURLWithPath: settings.notesFolder)]
        if let package = try? RuntimeLibrary.locatePackageRoot(explicit: settings.packageRoot) {
            folders += RuntimeLibrary.modules.map { package.appendingPathComponent("Sources/\($0)") }
        }
        return folders
    }

    /// Asks the desktop to open `url`; says so in one line when it cannot.
    ///
    /// The opener is started in the background of a shell that exits at once, so the browser it
    /// starts is not notesgen's descendant and is not ended with it (CleanShutdown).
    private func openBrowser(_ url: String) {
        #if os(macOS)
            let opener = "open"
        #else
            let opener = "xdg-open"
        #endif
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "command -v \(opener) >/dev/null || exit 127; \(opener) \"$1\" >/dev/null 2>&1 &", "sh", url,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            Progress.write("notesgen: could not open a browser (no /bin/sh); open \(url) yourself")
            return
        }
        if process.terminationStatus != 0 {
            Progress.write("notesgen: could not open a browser (no \(opener)); open \(url) yourself")
        }
    }
}
