import Foundation

/// One message of `swiftc`'s output (`-diagnostic-style llvm`), with the lines printed under it.
public struct CompilerMessage: Sendable, Hashable {
    /// How the compiler classed the message.
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case error, warning, note
    }

    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var text: String
    /// The source line and caret swiftc prints under the message.
    public var excerpt: [String]

    /// Reads every `file:line:column: severity: text` message of the compiler's output.
    public static func parse(_ output: String) -> [CompilerMessage] {
        var messages: [CompilerMessage] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if let message = header(String(line)) {
                messages.append(message)
            } else if !messages.isEmpty, !line.isEmpty, messages[messages.count - 1].excerpt.count < 4 {
                messages[messages.count - 1].excerpt.append(String(line))
            }
        }
        return messages
    }

    private static func header(_ line: String) -> CompilerMessage? {
        for severity in Severity.allCases {
            guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let lineNumber = Int(location[location.count - 2]),
                let column = Int(location[location.count - 1])
            else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            return CompilerMessage(
                file: file, line: lineNumber, column: column, severity: severity,
                text: String(line[marker.upperBound...]), excerpt: [])
        }
        return nil
    }
}
