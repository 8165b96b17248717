import Foundation
import NoteResults

/// What a program reported through the result channel, cut into blocks.
struct ProgramOutcome {
    var outputs: [Int: [BlockOutput]] = [:]
    var started: Set<Int> = []
    var lastStarted: Int?
    var completed = false
    /// Where the program trapped, as its runtime reported it.
    var trapFrames: [Int] = []

    /// Reads what a finished program reported. Anything that shows a report or a printed line
    /// went missing (an unreadable or cut-short results file, output the program could not
    /// write, an event pointing past the captured output) is an error, never an empty result.
    static func read(resultsFile: URL, child: ChildProcess.Result) throws -> ProgramOutcome {
        // Killed by a signal notesgen did not send (its time limit sends SIGTRAP, then SIGKILL,
        // and says so): not the note's result.
        if child.wasSignalled, !child.timedOut, ExecutionFailure.outsideSignals.contains(child.status) {
            throw ExecutionFailure.stoppedFromOutside(signal: child.status)
        }
        if !child.wasSignalled && child.status == ResultEvent.channelFailureStatus {
            let said = String(decoding: child.stderr, as: UTF8.self).split(separator: "\n").last.map(String.init)
            throw ExecutionFailure.outputLost(reason: said ?? "the program could not write its results")
        }
        let data: Data
        do {
            data = try Data(contentsOf: resultsFile)
        } catch {
            throw ExecutionFailure.outputLost(
                reason: "cannot read the results: \(FailureReason.of(error))")
        }
        let events: [ResultEvent]
        do {
            // A program killed (stopped, crashed) may have been cut off in the middle of a line;
            // one that exited wrote whole lines, unless a write failed.
            events = try ResultEvent.decodeLines(data, complete: !child.wasSignalled && !child.timedOut)
        } catch {
            throw ExecutionFailure.outputLost(reason: "\(resultsFile.path) is cut short or garbled")
        }
        if let beyond = events.first(where: { $0.stdoutOffset > child.stdout.count }) {
            throw ExecutionFailure.outputLost(
                reason:
                    "block \(beyond.block) printed \(beyond.stdoutOffset) bytes, \(child.stdout.count) were captured")
        }
        return ProgramOutcome(events: events, stdout: child.stdout)
    }

    init(events: [ResultEvent], stdout: Data) {
        var offset = 0
        func takeText(upTo end: Int, for block: Int?) {
            let end = min(max(end, offset), stdout.count)
            if let block, end > offset {
                let text = String(decoding: stdout[offset..<end], as: UTF8.self)
                if case .text(let previous)? = outputs[block]?.last {
                    outputs[block]![outputs[block]!.count - 1] = .text(previous + text)
                } else {
                    outputs[block, default: []].append(.text(text))
                }
            }
            offset = max(offset, end)
        }
        for event in events {
            takeText(upTo: event.stdoutOffset, for: lastStarted)
            switch event.kind {
            case .begin:
                started.insert(event.block)
                lastStarted = event.block
            case .output:
                if let output = event.output { outputs[event.block, default: []].append(output) }
            case .end:
                completed = true
            case .trap:
                trapFrames = event.frames ?? []
            }
        }
        takeText(upTo: stdout.count, for: lastStarted)
    }
}
