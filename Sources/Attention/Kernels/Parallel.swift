import Dispatch
import Foundation

/// Splitting work across the machine's cores.
enum Parallel {
    /// How many threads large operations use: the active processor count.
    static let threadCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Below this many multiply-adds an operation stays on the calling thread: starting threads
    /// costs a few microseconds, about what 2¹⁸ multiply-adds take on one core.
    static let minimumWork = 1 << 18

    /// Runs `body(0..<count)` on several threads at once when `work` (multiply-adds or a
    /// similar measure of the whole job) is large enough, otherwise in order on this thread.
    ///
    /// `body` must only write memory no other index writes. Dispatch hands out the indices one by
    /// one, so uneven pieces (the rows of a causal attention) balance themselves.
    static func forEach(_ count: Int, work: Int, _ body: (Int) -> Void) {
        if count <= 1 || threadCount == 1 || work < minimumWork {
            for index in 0..<count { body(index) }
            return
        }
        // The closure is not escaping and Dispatch waits for every index before returning, so
        // whatever the body captures outlives the threads; `Unchecked` says so to the compiler.
        withoutActuallyEscaping(body) { body in
            let shared = Unchecked(body)
            DispatchQueue.concurrentPerform(iterations: count) { index in shared.value(index) }
        }
    }

    /// Splits `0..<total` into about `threadCount × 2` contiguous ranges whose bounds are
    /// multiples of `granularity` (except the last), for `forEach`.
    static func chunks(of total: Int, granularity: Int) -> [Range<Int>] {
        let pieces = Swift.max(1, Swift.min(threadCount * 2, (total + granularity - 1) / granularity))
        let size = paddedCount((total + pieces - 1) / pieces, toMultipleOf: granularity)
        return stride(from: 0, to: total, by: size).map { $0..<Swift.min(total, $0 + size) }
    }
}

/// A value the compiler cannot prove thread-safe but the code using it keeps safe (each thread
/// writes its own part of the memory it points to).
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
