import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The sessions of the children notesgen is running, so that no process they start outlives
/// them or notesgen.
///
/// Every child starts a session of its own (see `ChildProcess`): its id is the child's pid, and
/// whatever the child starts stays in it (`swiftc`'s `swift-frontend`, a note's `sleep`), even in
/// a process group of its own (Foundation's `Process` makes one per child) and even once
/// orphaned. Ending a child kills its group, then every process left in its session.
///
/// On SIGINT, SIGTERM or SIGHUP the handler kills every live group at once (the compilers), then
/// a thread of its own ends what is left of the sessions and lets notesgen die of the signal.
/// The sessions are kept in a fixed array of slots (0 = free) that the handler reads without a
/// lock: a signal handler may only make async-signal-safe calls.
enum ChildSessions {
    private static let capacity = 1024
    private static let lock = NSLock()
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<pid_t> = {
        let slots = UnsafeMutablePointer<pid_t>.allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        return slots
    }()
    /// The handler writes the signal's number here; `ending` reads it.
    nonisolated(unsafe) private static var signalPipe: (read: Int32, write: Int32) = (-1, -1)

    /// Starts a child with `spawn` (which returns its pid, the id of its new session) and
    /// records the session in the same step, so that a signal arriving meanwhile cannot miss it.
    static func register(_ spawn: () throws -> pid_t) throws -> pid_t {
        _ = installHandlers
        return try lock.withLock {
            guard let free = (0..<capacity).first(where: { slots[$0] == 0 }) else {
                throw ChildProcess.Failure.tooManyChildren
            }
            let session = try spawn()
            slots[free] = session
            return session
        }
    }

    /// Kills what is left of the session of a child that has exited or was stopped, and forgets
    /// it. Called before the child is reaped: its zombie keeps the id from being reused.
    static func end(_ session: pid_t) {
        lock.withLock {
            killSession(session)
            for index in 0..<capacity where slots[index] == session { slots[index] = 0 }
        }
    }

    /// Kills the session's process group, then every other process of the session.
    private static func killSession(_ session: pid_t) {
        kill(-session, SIGKILL)
        let members = members(of: session)
        for process in members { kill(process, SIGKILL) }
        waitUntilEnded(members)
    }

    /// Waits (up to `seconds`) until none of `pids` runs any more: a killed process takes a
    /// moment to end, and none may still be running once notesgen has exited. A zombie has
    /// ended (its parent reaps it).
    static func waitUntilEnded(_ pids: [pid_t], seconds: Double = 2) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, pids.contains(where: isRunning) { usleep(2_000) }
    }

    /// Whether `pid` is a process that has not ended.
    static func isRunning(_ pid: pid_t) -> Bool {
        ProcessStatus(of: pid).map { !$0.isZombie } ?? false
    }

    /// The processes whose session is `session`.
    private static func members(of session: pid_t) -> [pid_t] {
        ProcessStatus.allProcessIDs.filter { ProcessStatus(of: $0)?.session == session }
    }

    /// Installs the handlers once, before the first child starts.
    private static let installHandlers: Void = {
        _ = slots
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        signalPipe = (ends[0], ends[1])
        Thread { ending() }.start()
        for number in [SIGINT, SIGTERM, SIGHUP] {
            var previous = sigaction()
            sigaction(number, nil, &previous)
            // A signal the user's shell told notesgen to ignore (`nohup`, a background job)
            // stays ignored.
            if let handler = previous.__sigaction_handler.sa_handler,
                unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            {
                continue
            }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                for index in 0..<ChildSessions.capacity where ChildSessions.slots[index] > 0 {
                    kill(-ChildSessions.slots[index], SIGKILL)
                }
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(ChildSessions.signalPipe.write, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, nil)
        }
    }()

    /// Waits for a signal from the handler, ends every session, then dies of the signal, as
    /// notesgen would have without children.
    private static func ending() {
        var byte: UInt8 = 0
        while read(signalPipe.read, &byte, 1) != 1 {}
        lock.lock()  // Kept: no child may start any more.
        for index in 0..<capacity where slots[index] > 0 { killSession(slots[index]) }
        signal(Int32(byte), SIG_DFL)
        kill(getpid(), Int32(byte))
    }
}
