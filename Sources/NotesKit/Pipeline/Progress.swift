import Foundation

/// The build's progress lines and timings, on standard error.
///
/// Steps are numbered (`[3/5] Running blocks`); lines about single notes are shown only on a
/// terminal and never with `--quiet`. Diagnostics are printed whatever the settings.
public final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let showsSteps: Bool
    /// Whether lines meant for people (not diagnostics) are printed at all: false with `--quiet`.
    let showsMessages: Bool
    private let showsTimings: Bool
    private let stepCount: Int
    private var step = 0
    private var stepStart = Date()
    private var stepName = ""
    private(set) var timings: [(String, TimeInterval)] = []
    private let start = Date()

    public init(quiet: Bool, timings: Bool, stepCount: Int) {
        self.showsSteps = !quiet && isatty(STDERR_FILENO) != 0
        self.showsMessages = !quiet
        self.showsTimings = timings
        self.stepCount = stepCount
    }

    /// Starts the next named step, closing the previous one.
    public func begin(_ name: String) {
        lock.withLock {
            closeStep()
            step += 1
            stepName = name
            stepStart = Date()
            if showsSteps { Self.write("[\(step)/\(stepCount)] \(name)") }
        }
    }

    /// A line that matters even without a terminal (a long step starting, the build's summary);
    /// not shown with `--quiet`.
    public func message(_ text: String) {
        if showsMessages { Self.write(text) }
    }

    /// The command's result, on standard output (diagnostics and progress go to standard error);
    /// not shown with `--quiet`.
    public func summary(_ text: String) {
        guard showsMessages else { return }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A line about one note within the current step.
    public func detail(_ text: String) {
        lock.withLock {
            if showsSteps { Self.write("      \(text)") }
        }
    }

    /// Records how long something inside a step took, for `--timings`.
    public func record(_ name: String, seconds: TimeInterval) {
        lock.withLock { timings.append(("  " + name, seconds)) }
    }

    /// Closes the last step and prints the timings if asked.
    public func finish() {
        lock.withLock {
            closeStep()
            guard showsTimings else { return }
            Self.write("timings:")
            let rows = timings + [("total", Date().timeIntervalSince(start))]
            let width = rows.map(\.0.count).max() ?? 0
            for (name, seconds) in rows {
                Self.write(
                    "  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                        + String(format: " %8.3f s", seconds))
            }
        }
    }

    /// Writes a line for the user: on standard error, or where `redirectLines(to:)` said.
    public static func write(_ line: String) {
        let sink = sinkLock.withLock { lineSink }
        if let sink { sink(line) } else { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// Sends every line `write` is given to `sink` instead of standard error (nil: back to
    /// standard error). For tests that build in-process: what they check is the returned
    /// diagnostics, and a passing test run prints no `error:` line.
    public static func redirectLines(to sink: (@Sendable (String) -> Void)?) {
        sinkLock.withLock { lineSink = sink }
    }

    private static let sinkLock = NSLock()
    nonisolated(unsafe) private static var lineSink: (@Sendable (String) -> Void)?

    private func closeStep() {
        if step > 0 { timings.append((stepName, Date().timeIntervalSince(stepStart))) }
    }
}
