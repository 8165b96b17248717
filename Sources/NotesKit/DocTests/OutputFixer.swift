import Foundation
import Markdown
import NoteModel

/// Rewrites a note's ```` ```output ```` blocks to hold given texts, changing nothing else.
///
/// The file is edited as lines: only the lines between an `output` block's fences are replaced,
/// a missing block is inserted right under its `swift-attn` block, and a block that no longer
/// records anything is removed with the blank line before it. Prose, other fences, blank lines,
/// line endings (LF or CRLF) and the presence of a final newline are kept byte for byte. Inside
/// a list or a block quote, new lines get the container's prefix.
public enum OutputFixer {
    public enum Failure: Error, CustomStringConvertible {
        case unexpectedFence(line: Int)
        case verificationFailed(String)

        public var description: String {
            switch self {
            case .unexpectedFence(let line):
                return "line \(line) is not the fence notesgen expected there; the file was left unchanged"
            case .verificationFailed(let reason):
                return "the fixed note would not read back as written (\(reason)); the file was left unchanged"
            }
        }
    }

    /// - Parameters:
    ///   - desired: for each `swift-attn` block index, its recorded text (nil or empty: no block).
    /// - Returns: the new source (equal to `source` when nothing changes).
    public static func fix(
        source: String, note: Note, outputs: [Int: OutputBlock], desired: [Int: RecordedOutput]
    ) throws -> String {
        var lines = SourceLines(source)
        // Edit from the bottom up so that earlier line numbers stay valid.
        for block in note.blocks.reversed() {
            let want = desired[block.index].flatMap { $0.isEmpty ? nil : $0 }
            switch (outputs[block.index], want) {
            case (nil, nil):
                continue
            case (let existing?, let want?):
                // Up to date as cmark reads it (an editor may have stripped a blank line's
                // trailing spaces): leave every byte as it is.
                if existing.lines == want.lines.map(\.text) { continue }
                try replaceContent(of: existing, with: want, in: &lines)
            case (let existing?, nil):
                try remove(existing, in: &lines)
            case (nil, let want?):
                try insert(want, after: block, in: &lines)
            }
        }
        let fixed = lines.text
        try verify(fixed, against: note, desired: desired)
        return fixed
    }

    private static func replaceContent(of block: OutputBlock, with output: RecordedOutput, in lines: inout SourceLines)
        throws
    {
        let opening = block.range.start.line
        guard var fence = lines.fence(at: opening) else { throw Failure.unexpectedFence(line: opening) }
        let end = block.range.end.line
        let isClosed = end > opening && lines.isClosingFence(at: end, matching: fence)
        let lastContent = isClosed ? end - 1 : end
        // A recorded line that would close the fence early needs a longer fence.
        let needed = SourceLines.fenceLength(toEnclose: output.lines.map(\.text), character: fence.character)
        if needed > fence.marker.count {
            let extra = needed - fence.marker.count
            lines.lengthenMarker(at: opening, by: extra, of: fence)
            if isClosed { lines.lengthenMarker(at: end, by: extra, of: fence) }
            fence.marker += String(repeating: fence.character, count: extra)
        }
        var replacement = output.lines.map { fence.line($0.text) }
        if !isClosed { replacement.append(fence.prefix + fence.marker) }
        lines.replace(from: opening + 1, count: lastContent - opening, with: replacement)
    }

    private static func remove(_ block: OutputBlock, in lines: inout SourceLines) throws {
        let opening = block.range.start.line
        guard lines.fence(at: opening) != nil else { throw Failure.unexpectedFence(line: opening) }
        var first = opening
        if first > 1, lines.isBlank(first - 1) { first -= 1 }
        lines.remove(lines: first...block.range.end.line)
    }

    private static func insert(_ output: RecordedOutput, after block: SwiftAttnBlock, in lines: inout SourceLines)
        throws
    {
        let opening = block.range.start.line
        guard let fence = lines.fence(at: opening) else { throw Failure.unexpectedFence(line: opening) }
        let end = block.range.end.line
        guard end > opening, lines.isClosingFence(at: end, matching: fence) else {
            throw Failure.unexpectedFence(line: end)
        }
        let length = max(
            3, fence.marker.count,
            SourceLines.fenceLength(toEnclose: output.lines.map(\.text), character: fence.character))
        let marker = String(repeating: fence.character, count: length)
        lines.insert(
            [fence.line(""), fence.prefix + marker + OutputBlocks.language]
                + output.lines.map { fence.line($0.text) } + [fence.prefix + marker],
            after: end)
    }

    /// Reads the fixed text back: the same runnable blocks, and each output block as desired.
    private static func verify(_ fixed: String, against note: Note, desired: [Int: RecordedOutput]) throws {
        let reread = NoteReader.parse(
            source: fixed, file: NoteFile(url: URL(fileURLWithPath: note.path), displayPath: note.path)
        ).note
        guard reread.blocks.map(\.code) == note.blocks.map(\.code) else {
            throw Failure.verificationFailed("its swift-attn blocks changed")
        }
        let found = OutputBlocks.find(in: reread)
        guard found.problems.isEmpty else { throw Failure.verificationFailed("\(found.problems[0].summary)") }
        for block in note.blocks {
            let want = desired[block.index].map { $0.lines.map(\.text) } ?? []
            let have = found.blocks[block.index]?.lines ?? []
            guard have == want else {
                throw Failure.verificationFailed(
                    "the output block of the swift-attn block at line \(block.range.start.line) reads back differently")
            }
        }
    }
}

/// A text as lines that remember their own line endings, for edits that keep every other byte.
///
/// Lines end in LF, CRLF or a lone CR, as cmark reads them; a UTF-8 byte order mark, which cmark
/// skips, is kept aside and written back.
struct SourceLines {
    struct Fence {
        /// What stands before the fence on its line, made into a continuation prefix
        /// (list markers become spaces, `>` stays).
        var prefix: String
        /// The backticks or tildes.
        var marker: String
        var character: Character { marker.first! }

        /// A line of the block's content: the prefix, then the text; an empty line gets the
        /// prefix without its trailing spaces (`>` in a block quote, nothing in a list).
        ///
        /// After a `>` that has no space of its own (`>```output`) a space is added: cmark takes
        /// one space after `>` as part of the marker, and it must not be the text's own.
        func line(_ text: String) -> String {
            if text.isEmpty {
                return String(prefix.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
            }
            return prefix + (prefix.hasSuffix(">") ? " " : "") + text
        }
    }

    private var lines: [(text: String, ending: String)]
    /// The ending new lines get: the file's first one, `\n` when it has none.
    private let newline: String
    private let byteOrderMark: Bool

    init(_ source: String) {
        var scalars = Substring(source).unicodeScalars[...]
        byteOrderMark = scalars.first == "\u{FEFF}"
        if byteOrderMark { scalars.removeFirst() }
        var lines: [(String, String)] = []
        var current = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\r" where scalars.first == "\n":
                scalars.removeFirst()
                lines.append((String(current), "\r\n"))
            case "\r", "\n":
                lines.append((String(current), String(scalar)))
            default:
                current.append(scalar)
                continue
            }
            current = String.UnicodeScalarView()
        }
        if !current.isEmpty { lines.append((String(current), "")) }
        self.lines = lines
        self.newline = lines.first(where: { !$0.1.isEmpty })?.1 ?? "\n"
    }

    var text: String { (byteOrderMark ? "\u{FEFF}" : "") + lines.map { $0.text + $0.ending }.joined() }

    /// The shortest fence of `character`s (at least 3) that no line of `content` closes: one
    /// longer than the longest line made only of that character (after indentation).
    static func fenceLength(toEnclose content: [String], character: Character) -> Int {
        var length = 3
        for line in content {
            let rest = line.drop(while: { $0 == " " || $0 == "\t" })
            let run = rest.prefix(while: { $0 == character })
            if !run.isEmpty, rest.dropFirst(run.count).allSatisfy({ $0 == " " || $0 == "\t" }) {
                length = max(length, run.count + 1)
            }
        }
        return length
    }

    /// The line `number` (1-based) as a fence, if it is one.
    func fence(at number: Int) -> Fence? {
        guard number >= 1, number <= lines.count else { return nil }
        let text = lines[number - 1].text
        guard let start = text.firstIndex(where: { $0 == "`" || $0 == "~" }) else { return nil }
        let markerCharacter = text[start]
        let marker = text[start...].prefix(while: { $0 == markerCharacter })
        guard marker.count >= 3 else { return nil }
        let prefix = String(text[..<start].map { $0 == ">" || $0 == " " || $0 == "\t" ? $0 : " " })
        return Fence(prefix: prefix, marker: String(marker))
    }

    func isClosingFence(at number: Int, matching opening: Fence) -> Bool {
        guard number >= 1, number <= lines.count else { return false }
        let text = lines[number - 1].text.drop(while: { $0 == " " || $0 == ">" || $0 == "\t" })
        let marker = text.prefix(while: { $0 == opening.character })
        return marker.count >= opening.marker.count
            && text.dropFirst(marker.count).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Adds `count` fence characters to the fence on line `number`, keeping its other bytes.
    mutating func lengthenMarker(at number: Int, by count: Int, of fence: Fence) {
        let text = lines[number - 1].text
        guard let start = text.firstIndex(of: fence.character) else { return }
        lines[number - 1].text = text[..<start] + String(repeating: fence.character, count: count) + text[start...]
    }

    func isBlank(_ number: Int) -> Bool {
        lines[number - 1].text.allSatisfy { $0 == " " || $0 == "\t" || $0 == ">" }
    }

    /// Replaces `count` lines from line `first` (1-based; `count` may be 0) with `texts`.
    mutating func replace(from first: Int, count: Int, with texts: [String]) {
        let endedFile = count > 0 && first - 1 + count == lines.count && lines[lines.count - 1].ending.isEmpty
        lines.removeSubrange((first - 1)..<(first - 1 + count))
        var inserted = texts.map { ($0, newline) }
        if endedFile, !inserted.isEmpty { inserted[inserted.count - 1].1 = "" }
        lines.insert(contentsOf: inserted, at: first - 1)
    }

    mutating func remove(lines range: ClosedRange<Int>) {
        let lastEnding = lines[range.upperBound - 1].ending
        lines.removeSubrange((range.lowerBound - 1)..<range.upperBound)
        // Removing the file's last line must not add or lose the final newline.
        if lastEnding.isEmpty, range.lowerBound - 2 >= 0, range.lowerBound - 2 < lines.count,
            range.lowerBound - 1 == lines.count
        {
            lines[range.lowerBound - 2].ending = ""
        }
    }

    mutating func insert(_ texts: [String], after number: Int) {
        var inserted = texts.map { ($0, newline) }
        if lines[number - 1].ending.isEmpty {
            // The file ended without a newline on this line: it still ends without one.
            lines[number - 1].ending = newline
            inserted[inserted.count - 1].1 = ""
        }
        lines.insert(contentsOf: inserted, at: number)
    }
}
