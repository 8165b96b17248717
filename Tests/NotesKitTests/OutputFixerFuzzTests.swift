import Foundation
import Markdown
import NoteModel
import NoteResults
import Testing

@testable import NotesKit

/// `test --fix` over thousands of generated notes: containers (lists, block quotes with and
/// without a space after `>`), fences of 3–5 backticks or tildes, LF/CRLF/CR line endings, a
/// BOM, a missing final newline, stale and missing output blocks, and recorded texts that hold
/// fence lines, leading spaces, NUL and carriage returns.
///
/// For every document: the fix succeeds; removing the output blocks from the note before and
/// after leaves the same bytes; every output block reads back as exactly the desired text (so
/// the doc-test passes); and fixing again changes nothing.
@Suite struct OutputFixerFuzzTests {
    static let documentCount = 2_400

    @Test func fixingGeneratedNotesKeepsEveryOtherByte() throws {
        var random = SeededRandom(seed: 0x5EED_F1C5)
        var failures: [String] = []
        for index in 0..<Self.documentCount {
            let document = GeneratedNote.make(using: &random)
            if let problem = Self.check(document) {
                failures.append("document \(index): \(problem)\n\(document.source.debugDescription)")
                if failures.count >= 3 { break }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }

    /// What is wrong with fixing `document`, or nil.
    static func check(_ document: GeneratedNote) -> String? {
        let file = NoteFile(url: URL(fileURLWithPath: "/fuzz/1_Fuzz.md"), displayPath: "Notes/1_Fuzz.md")
        let before = NoteReader.parse(source: document.source, file: file).note
        guard before.blocks.count == document.desired.count else {
            return "the generator made \(document.desired.count) blocks, the parser found \(before.blocks.count)"
        }
        let desired = document.desired.compactMapValues { $0 }
        let fixed: String
        do {
            fixed = try OutputFixer.fix(
                source: document.source, note: before, outputs: OutputBlocks.find(in: before).blocks, desired: desired)
        } catch {
            return "fix failed: \(error)"
        }
        let endsInNewline = { (text: String) in text.unicodeScalars.last == "\n" || text.unicodeScalars.last == "\r" }
        guard endsInNewline(document.source) == endsInNewline(fixed) else {
            return "the final newline was \(endsInNewline(fixed) ? "added" : "removed"):\n\(fixed.debugDescription)"
        }
        guard withoutOutputBlocks(document.source) == withoutOutputBlocks(fixed) else {
            return "bytes outside output blocks changed:\n\(fixed.debugDescription)"
        }
        let after = NoteReader.parse(source: fixed, file: file).note
        let found = OutputBlocks.find(in: after)
        guard found.problems.isEmpty else { return "after fixing: \(found.problems[0].summary)" }
        for block in after.blocks {
            let want = desired[block.index]
            let have = found.blocks[block.index]
            guard (want == nil) == (have == nil) else {
                return "block \(block.index): output block present? \(have != nil)"
            }
            guard let want, let have else { continue }
            if have.lines != want.lines.map(\.text) {
                return
                    "block \(block.index) reads back \(have.lines) instead of \(want.lines.map(\.text))\n\(fixed.debugDescription)"
            }
            if OutputComparison.compare(recorded: have.lines, computed: want, tolerance: Tolerance()) != nil {
                return "block \(block.index): the doc-test fails on what was recorded"
            }
        }
        do {
            let again = try OutputFixer.fix(source: fixed, note: after, outputs: found.blocks, desired: desired)
            if again != fixed { return "a second fix changed the note:\n\(again.debugDescription)" }
        } catch {
            return "second fix failed: \(error)"
        }
        return nil
    }

    /// The note's bytes with every `output` block (and the blank line before it) removed.
    static func withoutOutputBlocks(_ source: String) -> [String] {
        let note = NoteReader.parse(
            source: source, file: NoteFile(url: URL(fileURLWithPath: "/x.md"), displayPath: "x.md")
        ).note
        var removed = Set<Int>()
        for block in OutputBlocks.find(in: note).blocks.values {
            removed.formUnion(block.range.start.line...block.range.end.line)
        }
        let lines = SourceLinesForTests.split(source)
        var kept: [String] = []
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if removed.contains(number) { continue }
            let isBlank = line.text.allSatisfy { " \t>".contains($0) }
            if isBlank, removed.contains(number + 1), !removed.contains(number - 1) { continue }
            kept.append(line.text + line.ending)
        }
        // A removed last line takes the final newline question with it: compare texts only.
        if var last = kept.popLast() {
            while let scalar = last.unicodeScalars.last, scalar == "\n" || scalar == "\r" {
                last.unicodeScalars.removeLast()
            }
            kept.append(last)
        }
        return kept
    }
}

/// Lines with their endings (LF, CRLF or CR), split independently of the code under test.
enum SourceLinesForTests {
    static func split(_ source: String) -> [(text: String, ending: String)] {
        var lines: [(String, String)] = []
        var current = String.UnicodeScalarView()
        var scalars = Array(source.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\r" {
                if scalars.first == "\n" {
                    scalars.removeFirst()
                    lines.append((String(current), "\r\n"))
                } else {
                    lines.append((String(current), "\r"))
                }
                current = String.UnicodeScalarView()
            } else if scalar == "\n" {
                lines.append((String(current), "\n"))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append((String(current), "")) }
        return lines
    }
}

/// A deterministic generator (SplitMix64), so a failing document can be made again.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A generated note and, for each of its `swift-attn` blocks, the text it should record.
struct GeneratedNote {
    var source: String
    var desired: [Int: RecordedOutput?]

    /// Container prefixes: the first line's, then the continuation lines'.
    static let containers: [(first: String, rest: String)] = [
        ("", ""), ("> ", "> "), (">", ">"), ("- ", "  "), ("1. ", "   "), ("> - ", ">   "), ("- > ", "  > "),
        (">> ", ">> "), ("  ", "  "), ("* ", "  "),
    ]

    static let recordedLines = [
        "plain", "   three leading spaces", " one", "```", "````", "~~~", "~~~~~", "``` x", "  ```", "\u{0}nul",
        "a\rb", "c\r\nd", "trailing  ", "a\tb", "> quoted", "- item", "# heading", "<div>", "", "é 注意",
        "`````````", "    indented code", "\u{FEFF}bom",
    ]

    static func make(using random: inout SeededRandom) -> GeneratedNote {
        let ending = ["\n", "\r\n", "\r"].randomElement(using: &random)!
        var lines: [String] = ["# Fuzz", ""]
        var desired: [Int: RecordedOutput?] = [:]
        var blockCount = 0
        for _ in 0..<Int.random(in: 1...5, using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: lines += ["Some prose.", ""]
            case 1: lines += ["```python", "print(1)", "```", ""]
            case 2: lines += ["---", ""]
            default:
                let container = containers.randomElement(using: &random)!
                let character = Bool.random(using: &random) ? "`" : "~"
                let fence = String(repeating: character, count: Int.random(in: 3...5, using: &random))
                var block = [container.first + fence + "swift-attn", container.rest + "show(x)"]
                if Bool.random(using: &random) { block.append(container.rest + "print(1)") }
                block.append(container.rest + fence)
                // An output block that is already there (stale, missing a line, or right).
                if Int.random(in: 0..<3, using: &random) == 0 {
                    let outputFence = String(
                        repeating: Bool.random(using: &random) ? "`" : "~", count: Int.random(in: 3...5, using: &random)
                    )
                    if Bool.random(using: &random) { block.append(container.rest.trimmingTrailingSpaces) }
                    block += [
                        container.rest + outputFence + "output", container.rest + "old", container.rest + outputFence,
                    ]
                }
                lines += block
                if Int.random(in: 0..<4, using: &random) != 0 { lines.append("") }
                desired[blockCount] =
                    Int.random(in: 0..<4, using: &random) == 0
                    ? nil
                    : RecordedOutput(outputs: [
                        .text(
                            (0..<Int.random(in: 1...4, using: &random)).map { _ in
                                recordedLines.randomElement(using: &random)!
                            }.joined(separator: "\n") + "\n")
                    ])
                if case .some(.some(let output)) = desired[blockCount], output.isEmpty {
                    desired[blockCount] = .some(nil)
                }
                blockCount += 1
            }
        }
        var source = lines.joined(separator: ending)
        if Int.random(in: 0..<3, using: &random) != 0 { source += ending }
        if Int.random(in: 0..<5, using: &random) == 0 { source = "\u{FEFF}" + source }
        return GeneratedNote(source: source, desired: desired)
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

/// The cases the fuzzer first found, kept by name.
@Suite struct OutputFixerRegressionTests {
    static func text(_ lines: String...) -> RecordedOutput {
        RecordedOutput(outputs: [.text(lines.joined(separator: "\n") + "\n")])
    }

    @Test(arguments: [
        ("lone CR line endings", "# N\r\r```swift-attn\rshow(x)\r```\r", text("a", "b")),
        ("a quote written without a space", "# N\n\n>```swift-attn\n>show(x)\n>```\n", text("   0   1", "x   2")),
        ("no final newline", "# N\n\n```swift-attn\nshow(x)\n```", text("a")),
        ("a recorded fence line", "# N\n\n```swift-attn\nshow(x)\n```\n", text("```", "~~~", "````")),
        ("a recorded NUL and CR", "# N\n\n```swift-attn\nshow(x)\n```\n", text("a\u{0}b", "c\rd")),
        ("a BOM", "\u{FEFF}```swift-attn\nshow(x)\n```\n", text("a")),
        (
            "a stale block too short for its new text", "# N\n\n```swift-attn\nshow(x)\n```\n\n```output\nold\n```\n",
            text("```"),
        ),
    ])
    func fixed(case name: String, source: String, recorded: RecordedOutput) {
        let problem = OutputFixerFuzzTests.check(GeneratedNote(source: source, desired: [0: recorded]))
        #expect(problem == nil, "\(name): \(problem ?? "")")
    }
}
