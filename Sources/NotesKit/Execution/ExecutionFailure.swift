import Foundation
import NoteModel

/// Why a note's program could not be run to its end for reasons that are not the note's code:
/// the machine (a full disk, a crashed or slow compiler, a broken library). Such a run is
/// reported on the note's blocks and never cached: running again may well succeed.
enum ExecutionFailure: Error, CustomStringConvertible, Equatable {
    /// The compiler ran past its time limit.
    case compileTimedOut(seconds: Double)
    /// The compiler failed without an error in the note's code.
    case compilerFailed(output: String)
    /// What the program printed or showed could not be captured whole.
    case outputLost(reason: String)
    /// The program was stopped by a signal that comes from outside it (Ctrl-C reaching the
    /// note's program, `kill`), not by a trap of its own.
    case stoppedFromOutside(signal: Int32)

    /// Signals that end a program from outside: a result they leave says nothing about the note.
    static let outsideSignals: Set<Int32> = [SIGINT, SIGTERM, SIGHUP, SIGKILL, SIGQUIT]

    var id: DiagnosticID {
        if case .compileTimedOut = self { return .compileTimeout }
        return .blockRun
    }

    /// The diagnostic's headline.
    var description: String {
        switch self {
        case .compileTimedOut(let seconds):
            return "compiling the note took longer than \(NoteExecutor.seconds(seconds))"
        case .compilerFailed:
            return
                "the compiler failed outside the note's code (a broken library or toolchain?); run again, or delete the cache"
        case .outputLost(let reason):
            return "the note's output was lost: \(reason)"
        case .stoppedFromOutside(let signal):
            let name = String(cString: strsignal(signal))
            return "the note's program was stopped from outside (\(name)) before it finished; build again"
        }
    }

    /// Lines shown under the headline.
    var details: String? {
        guard case .compilerFailed(let output) = self else { return nil }
        let lines = output.split(separator: "\n").prefix(20)
        return lines.isEmpty ? nil : lines.map { "  \($0)" }.joined(separator: "\n")
    }
}
