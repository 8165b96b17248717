import Foundation
import NoteResults

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The note program's end of the result channel (see `ResultEvent`).
///
/// Every event is written at once with `write(2)` and checked, as is the printed output before
/// it: a program that cannot write what it shows or prints (a full disk) stops with
/// `ResultEvent.channelFailureStatus`, so that notesgen reports the loss instead of recording a
/// block that printed nothing.
final class ResultChannel: @unchecked Sendable {
    static let shared = ResultChannel()

    private let lock = NSLock()
    /// The results file, or -1 when the program runs outside notesgen.
    private let descriptor: Int32

    private init() {
        // Line-buffered standard output: printed lines reach the capture file in order with the
        // events, and survive a trap.
        setvbuf(stdout, nil, _IOLBF, 0)
        guard let path = ProcessInfo.processInfo.environment[ResultEvent.environmentVariable] else {
            descriptor = -1
            return
        }
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        if descriptor < 0 { Self.fail("cannot open the results file \(path): \(String(cString: strerror(errno)))") }
        TrapReporter.install(results: descriptor)
    }

    func begin(block: Int) {
        lock.withLock { TrapReporter.currentBlock = block }
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
            guard descriptor >= 0 else {
                // Run by hand, outside notesgen: say what would have been shown.
                if let output { print(output) }
                return
            }
            if fflush(stdout) != 0 || ferror(stdout) != 0 {
                Self.fail("cannot write the printed output: \(String(cString: strerror(errno)))")
            }
            let offset = Int(lseek(STDOUT_FILENO, 0, SEEK_CUR))
            let event = ResultEvent(
                kind: kind, block: TrapReporter.currentBlock, stdoutOffset: max(offset, 0), output: output)
            guard let line = try? event.encodedLine() else { Self.fail("cannot encode a result") }
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written != line.count {
                let reason = written < 0 ? String(cString: strerror(errno)) : "the disk is full"
                Self.fail("cannot write the results: \(reason)")
            }
        }
    }

    /// Ends the program with the status notesgen reads as "the output was lost".
    private static func fail(_ reason: String) -> Never {
        let message = Array("notesgen: \(reason)\n".utf8)
        _ = write(STDERR_FILENO, message, message.count)
        _exit(ResultEvent.channelFailureStatus)
    }
}
