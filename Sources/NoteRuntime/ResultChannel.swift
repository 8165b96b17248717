import Foundation
import NoteResults

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The note program's end of the result channel (see `ResultEvent`).
///
/// Every event is written and flushed at once, so what a block showed before it trapped still
/// reaches notesgen.
final class ResultChannel: @unchecked Sendable {
    static let shared = ResultChannel()

    private let lock = NSLock()
    private let handle: FileHandle?
    private var currentBlock = 0

    private init() {
        // Line-buffered standard output: printed lines reach the capture file in order with the
        // events, and survive a trap.
        setvbuf(stdout, nil, _IOLBF, 0)
        if let path = ProcessInfo.processInfo.environment[ResultEvent.environmentVariable] {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            handle = FileHandle(forWritingAtPath: path)
        } else {
            handle = nil
        }
        if handle != nil { TrapReporter.install() }
    }

    /// Called from a crash signal handler: no lock (the crash may have happened holding it).
    func reportTrap(frames: [Int]) {
        let event = ResultEvent(kind: .trap, block: currentBlock, stdoutOffset: 0, frames: frames)
        if let handle, let line = try? event.encodedLine() { handle.write(line) }
    }

    func begin(block: Int) {
        lock.withLock { currentBlock = block }
        send(.begin, output: nil)
    }

    func send(_ output: BlockOutput) {
        send(.output, output: output)
    }

    func end() {
        send(.end, output: nil)
    }

    private func send(_ kind: ResultEvent.Kind, output: BlockOutput?) {
        lock.withLock {
            fflush(stdout)
            let offset = Int(lseek(STDOUT_FILENO, 0, SEEK_CUR))
            let event = ResultEvent(kind: kind, block: currentBlock, stdoutOffset: max(offset, 0), output: output)
            guard let handle, let line = try? event.encodedLine() else {
                // Run by hand, outside notesgen: say what would have been shown.
                if let output { print(output) }
                return
            }
            handle.write(line)
        }
    }
}
