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
