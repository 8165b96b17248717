import Foundation

/// Finds the note line a trapped program was running, from the frames it reported (see the
/// runtime's `TrapReporter`) and the program's debug information, where `#sourceLocation` put
/// the note's lines.
enum TrapLocation {
    /// The line of `notePath` that the innermost frame in the note's own code was executing,
    /// or nil when no frame is in the note or no symbolizer is at hand.
    static func line(frames: [Int], binary: URL, notePath: String, toolchain: Toolchain) -> Int? {
        guard !frames.isEmpty, let symbolizer = symbolizer(beside: toolchain.swiftc) else { return nil }
        // An address the compiler gave no line (line 0: a loop's header, an access check it
        // inserted) takes the line of the nearest instructions that have one: those just after
        // it (the statement the artificial code serves), else just before.
        let addresses = frames.flatMap { frame in
            ([0] + Array(1...32) + Array((-32)...(-1)).reversed()).map { "0x" + String(max(frame + $0, 0), radix: 16) }
        }
        let arguments =
            symbolizer.lastPathComponent == "addr2line"
            ? ["-e", binary.path] + addresses : ["--obj=\(binary.path)"] + addresses
        guard
            let result = try? ChildProcess.run(
                executable: symbolizer, arguments: arguments, captureFolder: binary.deletingLastPathComponent(),
                timeout: 30),
            result.succeeded
        else { return nil }
        for location in String(decoding: result.stdout, as: UTF8.self).split(separator: "\n") {
            if let line = self.line(in: String(location), of: notePath) { return line }
        }
        return nil
    }

    /// `/work/Notes/3_x.md:57:14` or `Notes/3_x.md:57` → 57, when the file is the note.
    static func line(in location: String, of notePath: String) -> Int? {
        var parts = location.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var numbers: [Int] = []
        while let last = parts.last, let number = Int(last), numbers.count < 2 {
            numbers.insert(number, at: 0)
            parts.removeLast()
        }
        let file = parts.joined(separator: ":")
        guard let line = numbers.first, line > 0, file == notePath || file.hasSuffix("/" + notePath) else {
            return nil
        }
        return line
    }

    /// The toolchain's `llvm-symbolizer`, else binutils' `addr2line` from the PATH.
    private static func symbolizer(beside swiftc: URL) -> URL? {
        let bundled = swiftc.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(
            "llvm-symbolizer")
        if FileManager.default.isExecutableFile(atPath: bundled.path) { return bundled }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("addr2line")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
