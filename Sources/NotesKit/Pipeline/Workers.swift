import Foundation

/// Runs blocking work (compilers, child processes) on threads of its own, `jobs` at a time.
///
/// Threads rather than Dispatch's `concurrentPerform`, which silently runs no more at once than
/// there are cores: `--jobs 8` on a 2-core machine means 8 notes at once.
enum Workers {
    /// `work(0)`, …, `work(count - 1)`, at most `jobs` at a time, in the order of the indices.
    /// - Parameter yielding: the work, and the processes it starts, run at a lower priority, so
    ///   that work running beside it that everything waits for gets the cores first.
    static func map<T: Sendable>(
        count: Int, jobs: Int, yielding: Bool = false, _ work: @escaping @Sendable (Int) -> T
    ) -> [T] {
        let queue = WorkQueue<T>(count: count)
        let finished = DispatchGroup()
        for _ in 0..<max(1, min(jobs, count)) {
            finished.enter()
            Thread {
                // On Linux `setpriority(PRIO_PROCESS, 0, …)` sets the calling thread's niceness,
                // and the processes a thread starts inherit it.
                if yielding { setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10) }
                while let index = queue.next() { queue.store(work(index), at: index) }
                finished.leave()
            }.start()
        }
        finished.wait()
        return queue.results
    }
}

/// Hands out the indices one at a time and collects the results in order.
private final class WorkQueue<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var outcomes: [T?]

    init(count: Int) {
        outcomes = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < outcomes.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func store(_ outcome: T, at index: Int) {
        lock.withLock { outcomes[index] = outcome }
    }

    var results: [T] {
        lock.withLock { outcomes.map { $0! } }
    }
}

/// Blocking work started on a thread of its own, whose result is waited for later.
final class Pending<T: Sendable>: @unchecked Sendable {
    private let finished = DispatchGroup()
    // Written once by the work's thread before `finished` is left; read only after waiting.
    private var result: T?

    init(_ work: @escaping @Sendable () -> T) {
        finished.enter()
        Thread {
            self.result = work()
            self.finished.leave()
        }.start()
    }

    /// Waits until the work has ended, and returns what it returned.
    func value() -> T {
        finished.wait()
        return result!
    }
}

/// A flag one thread sets and others read: work that is no longer wanted.
final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    func cancel() { lock.withLock { cancelled = true } }

    var isCancelled: Bool { lock.withLock { cancelled } }
}
