import Foundation

/// Stops `serve` on Ctrl-C (SIGINT) or SIGTERM, leaving no process behind.
///
/// A build may be running: `swiftc` (with the `swift-frontend` and linker it starts) and note
/// programs are notesgen's descendants. Ctrl-C in a terminal reaches them too, but SIGTERM from
/// a supervisor reaches only notesgen, and a child that outlived it would keep compiling or
/// running a note for nobody. So every descendant is stopped, then killed, before notesgen exits.
enum CleanShutdown {
    /// The signal sources; kept for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Handles SIGINT and SIGTERM from now on.
    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            // Ignored as a signal, so that it arrives only as the dispatch source's event.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                Progress.write("notesgen: stopping")
                endDescendants()
                // At once: a builder thread whose child just died must not get to cache the
                // death as the note's result (exit's handlers would give it time).
                _exit(0)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Ends every process below this one.
    ///
    /// They are stopped first (SIGSTOP), round after round until no new one appears: a stopped
    /// child has not ended, so the builder waiting for it starts nothing else, and another
    /// builder thread's new child is caught in the next round. Then all are killed at once, and
    /// waited for until they have ended.
    static func endDescendants() {
        var stopped: Set<pid_t> = []
        for _ in 0..<50 {
            let pids = descendants(of: getpid()).filter { !stopped.contains($0) }
            if pids.isEmpty { break }
            for pid in pids { kill(pid, SIGSTOP) }
            stopped.formUnion(pids)
            usleep(10_000)
        }
        for pid in stopped { kill(pid, SIGKILL) }
        ChildSessions.waitUntilEnded(Array(stopped))
    }

    /// Living descendants of `root`, parents before their children (zombies are dead already;
    /// their parent reaps them).
    static func descendants(of root: pid_t) -> [pid_t] {
        #if os(Linux)
            var children: [pid_t: [pid_t]] = [:]
            for pid in ProcessStatus.allProcessIDs {
                guard let status = ProcessStatus(of: pid), !status.isZombie else { continue }
                children[status.parent, default: []].append(pid)
            }
            var found: [pid_t] = []
            var queue = children[root] ?? []
            while !queue.isEmpty {
                let pid = queue.removeFirst()
                found.append(pid)
                queue += children[pid] ?? []
            }
            return found
        #else
            // Elsewhere Ctrl-C reaches the whole process group; SIGTERM is not covered (yet).
            return []
        #endif
    }
}
