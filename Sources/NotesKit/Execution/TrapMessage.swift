import Foundation

/// The message a trapped program left on standard error, without the machine's paths.
enum TrapMessage {
    static func extract(from stderr: String, status: ChildProcess.Result) -> String {
        let markers = ["Fatal error", "Precondition failed", "Assertion failed", "Index out of range"]
        for line in stderr.split(separator: "\n") {
            for marker in markers {
                if let range = line.range(of: marker) {
                    return String(line[range.lowerBound...])
                }
            }
        }
        if let line = stderr.split(separator: "\n").first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            return String(line)
        }
        if status.wasSignalled {
            return "the program was stopped by signal \(status.status) (\(signalName(status.status)))"
        }
        return "the program exited with status \(status.status) before its last block finished"
    }

    private static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: return "SIGILL, a Swift runtime trap"
        case SIGTRAP: return "SIGTRAP, a Swift runtime trap"
        case SIGSEGV: return "SIGSEGV, a bad memory access"
        case SIGABRT: return "SIGABRT"
        case SIGFPE: return "SIGFPE, an arithmetic error"
        default: return "signal \(signal)"
        }
    }
}
