/// A light Swift highlighter: wraps comments, string literals, number literals, keywords and
/// type names (capitalised identifiers) in `<span class="hl-…">`; everything else is text.
///
/// It scans characters once, without parsing; string interpolation stays part of its string.
/// The classes are `hl-comment`, `hl-string`, `hl-number`, `hl-keyword` and `hl-type`.
enum SwiftHighlighter {
    static let keywords: Set<String> = [
        "actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch", "class",
        "continue", "convenience", "default", "defer", "deinit", "didSet", "do", "else", "enum",
        "extension", "fallthrough", "false", "fileprivate", "final", "for", "func", "get", "guard",
        "if", "import", "in", "indirect", "init", "inout", "internal", "is", "lazy", "let",
        "mutating", "nil", "nonisolated", "nonmutating", "open", "operator", "override", "private",
        "protocol", "public", "repeat", "required", "rethrows", "return", "self", "Self", "set",
        "some", "static", "struct", "subscript", "super", "switch", "throw", "throws", "true", "try",
        "typealias", "unowned", "var", "weak", "where", "while", "willSet",
    ]

    private enum Token {
        case plain(String), comment(String), string(String), number(String), keyword(String), type(String)
    }

    static func highlight(_ code: String) -> [HTMLNode] {
        var nodes: [HTMLNode] = []
        var plain = ""
        for token in tokens(of: Array(code)) {
            let (className, text): (String, String)
            switch token {
            case .plain(let text):
                plain += text
                continue
            case .comment(let t): (className, text) = ("hl-comment", t)
            case .string(let t): (className, text) = ("hl-string", t)
            case .number(let t): (className, text) = ("hl-number", t)
            case .keyword(let t): (className, text) = ("hl-keyword", t)
            case .type(let t): (className, text) = ("hl-type", t)
            }
            if !plain.isEmpty {
                nodes.append(.text(plain))
                plain = ""
            }
            nodes.append(.element("span", ["class": className], [.text(text)]))
        }
        if !plain.isEmpty { nodes.append(.text(plain)) }
        return nodes
    }

    private static func tokens(of characters: [Character]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        func starts(with prefix: String, at position: Int) -> Bool {
            var position = position
            for character in prefix {
                guard position < characters.count, characters[position] == character else { return false }
                position += 1
            }
            return true
        }
        func text(_ start: Int, _ end: Int) -> String { String(characters[start..<end]) }

        while index < characters.count {
            let start = index
            let character = characters[index]
            if starts(with: "//", at: index) {
                while index < characters.count, !characters[index].isNewline { index += 1 }
                tokens.append(.comment(text(start, index)))
            } else if starts(with: "/*", at: index) {
                // Block comments nest in Swift.
                var depth = 0
                while index < characters.count {
                    if starts(with: "/*", at: index) {
                        depth += 1
                        index += 2
                    } else if starts(with: "*/", at: index) {
                        depth -= 1
                        index += 2
                        if depth == 0 { break }
                    } else {
                        index += 1
                    }
                }
                tokens.append(.comment(text(start, min(index, characters.count))))
            } else if starts(with: "\"\"\"", at: index) {
                index += 3
                while index < characters.count, !starts(with: "\"\"\"", at: index) {
                    index += characters[index] == "\\" ? 2 : 1
                }
                index = min(index + 3, characters.count)
                tokens.append(.string(text(start, index)))
            } else if character == "\"" {
                index += 1
                while index < characters.count, characters[index] != "\"", !characters[index].isNewline {
                    index += characters[index] == "\\" ? 2 : 1
                }
                // The closing quote; an unterminated string ends at the end of its line.
                if index < characters.count, characters[index] == "\"" { index += 1 }
                index = min(index, characters.count)
                tokens.append(.string(text(start, index)))
            } else if character.isASCII, character.isNumber {
                index += 1
                while index < characters.count {
                    let next = characters[index]
                    if next.isASCII && (next.isLetter || next.isNumber || next == "_") {
                        // An exponent's sign: 1e-5.
                        if next == "e" || next == "E", index + 1 < characters.count,
                            characters[index + 1] == "-" || characters[index + 1] == "+"
                        {
                            index += 1
                        }
                        index += 1
                    } else if next == ".", index + 1 < characters.count, characters[index + 1].isNumber {
                        index += 1  // a decimal point, not a range operator `..<`
                    } else {
                        break
                    }
                }
                tokens.append(.number(text(start, index)))
            } else if character.isLetter || character == "_" || character == "#" || character == "@" {
                index += 1
                while index < characters.count,
                    characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
                {
                    index += 1
                }
                let word = text(start, index)
                if keywords.contains(word) || (word.count > 1 && (character == "#" || character == "@")) {
                    tokens.append(.keyword(word))
                } else if character.isUppercase {
                    tokens.append(.type(word))
                } else {
                    tokens.append(.plain(word))
                }
            } else {
                index += 1
                tokens.append(.plain(String(character)))
            }
        }
        return tokens
    }
}
