import NoteModel

/// Reads a fence's info string (`swift-attn hide timeout=5`) into `BlockOptions`.
///
/// Every word after the language must be a known option; anything else is an error that names
/// the note's line, reported before any code runs.
public enum BlockOptionsParser {
    /// The info string's first word that marks a runnable block.
    public static let language = "swift-attn"
    /// The options a block may have, as the user writes them.
    public static let knownOptions = ["hide", "no-output", "should-fail", "timeout=SECONDS"]

    /// The language word of an info string: its first space-separated word.
    public static func languageWord(of info: String) -> Substring {
        info.split(whereSeparator: \.isWhitespace).first ?? ""
    }

    /// - Throws: a `Diagnostic` with id `block.option` for an unknown or malformed option.
    public static func parse(info: String, file: String, line: Int) throws(Diagnostic) -> BlockOptions {
        var options = BlockOptions()
        var seen: [Substring: Substring] = [:]
        for word in info.split(whereSeparator: \.isWhitespace).dropFirst() {
            // `timeout=1 timeout=2` or `hide hide`: which one was meant is anyone's guess.
            let name = word.split(separator: "=", maxSplits: 1).first ?? word
            if let earlier = seen[name] {
                throw Diagnostic(
                    .error, file: file, line: line,
                    summary: "option '\(name)' is given twice ('\(earlier)' and '\(word)'); keep one", id: .blockOption)
            }
            switch word {
            case "hide": options.hidesCode = true
            case "no-output": options.hidesOutput = true
            case "should-fail": options.shouldFail = true
            case _ where word.hasPrefix("timeout="):
                let value = word.dropFirst("timeout=".count)
                guard let seconds = plainSeconds(value) else {
                    throw Diagnostic(
                        .error, file: file, line: line,
                        summary:
                            "timeout must be a positive number of seconds written in decimal (timeout=5, timeout=0.5), not '\(value)'",
                        id: .blockOption)
                }
                options.timeout = seconds
            default:
                throw Diagnostic(
                    .error, file: file, line: line,
                    summary: "unknown option '\(word)' for a \(language) block\(suggestion(for: String(word)))",
                    id: .blockOption,
                    details: "  known options: \(knownOptions.joined(separator: ", "))")
            }
            seen[name] = word
        }
        if options.hidesCode && options.hidesOutput {
            throw Diagnostic(
                .error, file: file, line: line,
                summary: "a block with both 'hide' and 'no-output' shows nothing; use one", id: .blockOption)
        }
        return options
    }

    /// The seconds of `timeout=`: plain decimal digits with an optional fraction (`5`, `0.5`), more
    /// than zero. `Double` alone would also take `0x10`, `1e3`, `inf` and `nan`.
    static func plainSeconds(_ text: Substring) -> Double? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }),
            let seconds = Double(text), seconds > 0, seconds.isFinite
        else { return nil }
        return seconds
    }

    /// ` (did you mean 'no-output'?)` for a near miss, else empty.
    private static func suggestion(for word: String) -> String {
        let names = ["hide", "no-output", "should-fail", "timeout"]
        let stem = String(word.split(separator: "=").first ?? "")
        guard let best = names.min(by: { editDistance($0, stem) < editDistance($1, stem) }),
            editDistance(best, stem) <= 2
        else { return "" }
        return "; did you mean '\(best == "timeout" ? "timeout=SECONDS" : best)'?"
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
