/// One token of a LaTeX formula, with the UTF-8 byte offset where it starts.
struct MathToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// `\frac` → `frac`; `\,` → `,`; `\{` → `{`; `\\` → `\`.
        case command(String)
        /// Digits with at most one decimal point between digits: `2`, `512`, `0.125`.
        case number(String)
        /// Any other character: a letter, `+`, `(`, `α`, …
        case character(Character)
        case openBrace
        case closeBrace
        /// `_`, before a subscript.
        case underscore
        /// `^`, before a superscript.
        case caret
        /// `'`
        case prime
        /// `&`, the column separator of matrices and `aligned`.
        case alignment
        /// `~`, a space that does not break.
        case nonBreakingSpace
    }

    var kind: Kind
    /// Where the token starts in the formula, in UTF-8 bytes from 0.
    var offset: Int
}

/// Splits a formula into tokens, the way TeX reads math: spaces and `%` comments are skipped,
/// a backslash starts a command named by letters or by one other character.
///
/// The parser reads one token at a time with `next()`/`peek()`, and reads the argument of
/// `\text{…}` as raw text with `textGroup()`, since spaces count there.
struct MathLexer {
    private let scalars: [Unicode.Scalar]
    /// The UTF-8 byte offset of each scalar, plus the formula's length at the end.
    private let offsets: [Int]
    private var index = 0
    private var peeked: MathToken?

    init(_ formula: String) {
        scalars = Array(formula.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += String(scalar).utf8.count
        }
        offsets.append(offset)
        self.offsets = offsets
    }

    /// The byte offset of the next token (or of the end of the formula).
    mutating func currentOffset() -> Int {
        if let peeked { return peeked.offset }
        skipSpacesAndComments()
        return offsets[index]
    }

    /// The next token without consuming it; nil at the end.
    mutating func peek() throws(MathSyntaxError) -> MathToken? {
        if peeked == nil { peeked = try read() }
        return peeked
    }

    /// The next token; nil at the end.
    mutating func next() throws(MathSyntaxError) -> MathToken? {
        if let token = peeked {
            peeked = nil
            return token
        }
        return try read()
    }

    /// Makes `token` the next one again; for a script that takes only the first digit of a
    /// number (`x^23` is x² followed by 3, as in TeX).
    mutating func pushBack(_ token: MathToken) {
        precondition(peeked == nil, "MathLexer: pushBack() after peek()")
        peeked = token
    }

    /// Consumes `character` if it comes right after the last token (no space between), as the
    /// `*` of `\operatorname*`.
    mutating func consume(immediately character: Unicode.Scalar) -> Bool {
        precondition(peeked == nil, "MathLexer: consume(immediately:) after peek()")
        guard index < scalars.count, scalars[index] == character else { return false }
        index += 1
        return true
    }

    /// Reads `{…}` as text, where spaces count: the argument of `\text` (and the name of an
    /// environment). Inside, `\{ \} \$ \% \& \# \_ \ ` stand for the character; nested braces
    /// are kept as written; any other command is an error.
    ///
    /// - Parameters:
    ///   - command: the command whose argument this is, for the error messages.
    ///   - commandOffset: where that command starts, for the error when no `{` follows.
    mutating func textGroup(after command: String, at commandOffset: Int) throws(MathSyntaxError) -> String {
        precondition(peeked == nil, "MathLexer: textGroup() after peek()")
        skipSpacesAndComments()
        guard index < scalars.count, scalars[index] == "{" else {
            throw MathSyntaxError(
                offset: commandOffset, message: "\\\(command) needs its text in braces: \\\(command){…}")
        }
        let open = offsets[index]
        index += 1
        var text = ""
        var depth = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "{":
                depth += 1
                text.unicodeScalars.append(scalar)
            case "}" where depth == 0:
                index += 1
                return text
            case "}":
                depth -= 1
                text.unicodeScalars.append(scalar)
            case "\\":
                let escaped = index + 1 < scalars.count ? scalars[index + 1] : " "
                guard "{}$%&#_ ".unicodeScalars.contains(escaped) else {
                    throw MathSyntaxError(
                        offset: offsets[index],
                        message:
                            "\\\(command){…} takes plain text; write \\{ \\} \\$ \\% \\& \\# \\_ for those characters")
                }
                text.unicodeScalars.append(escaped)
                index += 1
            default:
                text.unicodeScalars.append(scalar)
            }
            index += 1
        }
        throw MathSyntaxError(offset: open, message: "missing } for the { of \\\(command)")
    }

    private mutating func skipSpacesAndComments() {
        while index < scalars.count {
            if scalars[index].properties.isWhitespace {
                index += 1
            } else if scalars[index] == "%" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func read() throws(MathSyntaxError) -> MathToken? {
        skipSpacesAndComments()
        guard index < scalars.count else { return nil }
        let offset = offsets[index]
        let scalar = scalars[index]
        index += 1
        let kind: MathToken.Kind
        switch scalar {
        case "\\": kind = .command(try commandName(at: offset))
        case "{": kind = .openBrace
        case "}": kind = .closeBrace
        case "_": kind = .underscore
        case "^": kind = .caret
        case "'": kind = .prime
        case "&": kind = .alignment
        case "~": kind = .nonBreakingSpace
        case "0"..."9": kind = .number(number(startingWith: scalar))
        default: kind = .character(Character(scalar))
        }
        return MathToken(kind: kind, offset: offset)
    }

    /// The digits after `first`, and a decimal part when a `.` is followed by a digit.
    private mutating func number(startingWith first: Unicode.Scalar) -> String {
        var digits = String(first)
        var hasPoint = false
        while index < scalars.count {
            let scalar = scalars[index]
            if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
            } else if scalar == ".", !hasPoint, index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
                hasPoint = true
                digits.unicodeScalars.append(scalar)
            } else {
                break
            }
            index += 1
        }
        return digits
    }

    /// After a backslash: a run of ASCII letters, or a single other character.
    private mutating func commandName(at offset: Int) throws(MathSyntaxError) -> String {
        guard index < scalars.count else {
            throw MathSyntaxError(offset: offset, message: "a formula cannot end with a lone \\")
        }
        var name = ""
        while index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        if name.isEmpty {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        return name
    }
}
