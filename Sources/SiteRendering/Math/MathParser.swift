/// Parses the LaTeX subset the notes use into a `MathNode` tree.
///
/// ```swift
/// let node = try MathParser.parse(#"x_i^2 + \frac{1}{2}"#, display: false)
/// ```
///
/// A recursive-descent parser over `MathLexer`'s tokens. An expression runs until a token that
/// closes something (`}`, `&`, `\\`, `\right`, `\end`, or the end); whoever opened the
/// construct checks that the right thing closes it, so every mismatch is reported at the
/// place that explains it. Anything unknown is an error, never raw text.
struct MathParser {
    private var lexer: MathLexer
    /// Display math puts the limits of `\sum` and `\max` below and above; inline math beside.
    private let isDisplay: Bool
    /// How many expressions and atoms are open around the current one; every recursion of the
    /// parser passes through one of the two.
    private var depth = 0
    /// Deeper than any formula a person writes, shallow enough that the recursion cannot
    /// exhaust the stack (`{{{{…` or `\hat\hat\hat…` from a generator, say).
    static let maximumDepth = 200

    private init(_ formula: String, display: Bool) {
        lexer = MathLexer(formula)
        isDisplay = display
    }

    /// The formula as a row of trees (the children of `<math>`).
    /// - Throws: `MathSyntaxError` at the first problem, with its byte offset in `formula`.
    static func parse(_ formula: String, display: Bool) throws(MathSyntaxError) -> [MathNode] {
        var parser = MathParser(formula, display: display)
        let nodes = try parser.expression(in: .italic)
        if let stray = try parser.lexer.next() { throw parser.unexpected(stray) }
        return nodes
    }

    // MARK: Expressions and terms

    /// Terms up to a closing token (not consumed) or the end. `closing` adds a character that
    /// ends this expression, the `]` of `\sqrt[n]`.
    private mutating func expression(in alphabet: MathAlphabet, closing: Character? = nil) throws(MathSyntaxError)
        -> [MathNode]
    {
        try enterNesting()
        defer { depth -= 1 }
        var nodes: [MathNode] = []
        while let token = try lexer.peek(), !Self.closes(token), token.kind != closing.map(MathToken.Kind.character) {
            var term = try term(in: alphabet)
            // A sign after an operator or an opening delimiter is unary (`= -x`, `(-1`), spaced
            // as a prefix as TeX does, not as a binary minus.
            if case .symbol(var sign) = term.first, Self.signs.contains(sign.symbol), let previous = nodes.last,
                Self.isOperatorOrOpening(previous)
            {
                sign.form = .prefix
                term[0] = .symbol(sign)
            }
            nodes += term
        }
        return nodes
    }

    private static let signs: Set<String> = ["−", "+", "±", "∓"]
    private static let closingDelimiters: Set<String> = [")", "]", "}", "⟩", "⌋", "⌉", "|", "‖"]

    private static func isOperatorOrOpening(_ node: MathNode) -> Bool {
        guard case .symbol(let symbol) = node else { return false }
        return symbol.form != .postfix && !closingDelimiters.contains(symbol.symbol)
    }

    /// One level deeper; the caller steps back out with `defer { depth -= 1 }`.
    private mutating func enterNesting() throws(MathSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            depth -= 1
            throw MathSyntaxError(offset: lexer.currentOffset(), message: "formula nested too deeply")
        }
    }

    private static func closes(_ token: MathToken) -> Bool {
        switch token.kind {
        case .closeBrace, .alignment, .command("\\"), .command("right"), .command("end"): return true
        default: return false
        }
    }

    /// One atom with its subscript, superscript and primes; a function name is followed by the
    /// invisible "function application" operator, which tells screen readers `\log x` is log of x.
    private mutating func term(in alphabet: MathAlphabet) throws(MathSyntaxError) -> [MathNode] {
        let atom = try self.atom(in: alphabet)
        var subscriptNode: MathNode?
        var superscriptNodes: [MathNode] = []
        var hasSuperscript = false
        scripts: while let token = try lexer.peek() {
            switch token.kind {
            case .underscore:
                _ = try lexer.next()
                guard subscriptNode == nil else {
                    throw MathSyntaxError(offset: token.offset, message: "double subscript; use braces, e.g. x_{ij}")
                }
                subscriptNode = try scriptArgument(of: token, in: alphabet)
            case .caret, .prime:
                _ = try lexer.next()
                guard !hasSuperscript else {
                    throw MathSyntaxError(offset: token.offset, message: "double superscript; use braces, e.g. x^{ab}")
                }
                if token.kind == .prime {
                    superscriptNodes.append(.identifier("′"))
                } else {
                    hasSuperscript = true
                    superscriptNodes.append(try scriptArgument(of: token, in: alphabet))
                }
            default:
                break scripts
            }
        }
        let superscriptNode = superscriptNodes.isEmpty ? nil : MathNode.grouped(superscriptNodes)
        var nodes: [MathNode]
        if subscriptNode == nil && superscriptNode == nil {
            nodes = [atom.node]
        } else if atom.takesLimits && isDisplay {
            nodes = [.limits(base: atom.node, under: subscriptNode, over: superscriptNode)]
        } else {
            nodes = [.scripts(base: atom.node, subscript: subscriptNode, superscript: superscriptNode)]
        }
        if atom.isFunction {
            nodes.append(.symbol(MathOperator("\u{2061}")))
            if try spacesFunctionFromNext() { nodes.append(.space(width: MathSymbols.spaces[","]!)) }
        }
        return nodes
    }

    /// Whether a thin space separates a function name from what follows, as in TeX: `\log x`
    /// has one, `\log(x)` and `\max_i = 1` do not (MathML spaces neither by itself).
    private mutating func spacesFunctionFromNext() throws(MathSyntaxError) -> Bool {
        guard let token = try lexer.peek(), !Self.closes(token) else { return false }
        switch token.kind {
        case .character(let character):
            return character.isLetter || character.isNumber
        case .command(let name):
            let isOperator = MathSymbols.operators[name] != nil || MathSymbols.delimiterCommands[name] != nil
            return !isOperator && MathSymbols.spaces[name] == nil && name != "left"
        case .number, .openBrace:
            return true
        default:
            return false
        }
    }

    /// The argument of `_` or `^`.
    private mutating func scriptArgument(of script: MathToken, in alphabet: MathAlphabet) throws(MathSyntaxError)
        -> MathNode
    {
        let mark = script.kind == .underscore ? "_" : "^"
        return try argument(
            in: alphabet,
            orElse: MathSyntaxError(
                offset: script.offset, message: "\(mark) needs something after it, e.g. x\(mark){2}"))
    }

    // MARK: Atoms    // MARK: Atoms

    /// What an atom is and how scripts attach to it.
    private struct Atom {
        var node: MathNode
        /// Scripts go below and above in display math: `\sum`, `\max`.
        var takesLimits = false
        /// A function name such as `\log` or `\operatorname{softmax}`.
        var isFunction = false
    }

    /// One thing scripts can attach to: a character, a number, a command, a group.
    private mutating func atom(in alphabet: MathAlphabet) throws(MathSyntaxError) -> Atom {
        try enterNesting()
        defer { depth -= 1 }
        guard let token = try lexer.peek() else {
            return Atom(node: .row([]))
        }
        switch token.kind {
        case .underscore, .caret, .prime:
            // A script with nothing before it (`_i` at the start) attaches to an empty base.
            return Atom(node: .row([]))
        case .closeBrace, .alignment:
            throw unexpected(token)
        case .openBrace:
            _ = try lexer.next()
            return Atom(node: .grouped(try group(openedBy: token, in: alphabet)))
        case .number(let digits):
            _ = try lexer.next()
            return Atom(node: number(digits, in: alphabet))
        case .nonBreakingSpace:
            _ = try lexer.next()
            return Atom(node: .space(width: MathSymbols.spaces[" "]!))
        case .character(let character):
            _ = try lexer.next()
            return Atom(node: try self.character(character, at: token.offset, in: alphabet))
        case .command(let name):
            _ = try lexer.next()
            return try command(name, at: token.offset, in: alphabet)
        }
    }

    /// The content of `{…}` after its opening brace, and the closing brace.
    private mutating func group(openedBy open: MathToken, in alphabet: MathAlphabet) throws(MathSyntaxError)
        -> [MathNode]
    {
        let nodes = try expression(in: alphabet)
        guard let close = try lexer.next() else {
            throw MathSyntaxError(offset: open.offset, message: "missing } for this {")
        }
        guard close.kind == .closeBrace else { throw unexpected(close) }
        return nodes
    }

    private func number(_ digits: String, in alphabet: MathAlphabet) -> MathNode {
        .number(String(digits.map(alphabet.styled)))
    }

    private mutating func character(_ character: Character, at offset: Int, in alphabet: MathAlphabet)
        throws(MathSyntaxError) -> MathNode
    {
        if character.isLetter {
            guard alphabet.joinsLetters else { return .identifier(String(alphabet.styled(character))) }
            var word = String(character)
            while let next = try lexer.peek(), case .character(let letter) = next.kind, letter.isLetter {
                word.append(letter)
                _ = try lexer.next()
            }
            return .identifier(word, isUpright: true)
        }
        switch character {
        case "-": return .symbol(MathOperator("−"))
        case "*": return .symbol(MathOperator("∗"))
        case "(", ")", "[", "]", "|", "/": return .symbol(MathOperator(String(character), stretch: .never))
        case "$", "#", "\\":
            throw MathSyntaxError(offset: offset, message: "unexpected \(character) in a formula")
        default:
            return character.isNumber ? .number(String(character)) : .symbol(MathOperator(String(character)))
        }
    }

    // MARK: Commands

    private mutating func command(_ name: String, at offset: Int, in alphabet: MathAlphabet) throws(MathSyntaxError)
        -> Atom
    {
        if let symbol = MathSymbols.symbols[name] { return Atom(node: symbol) }
        if let symbol = MathSymbols.largeOperators[name] {
            return Atom(node: .symbol(MathOperator(symbol)), takesLimits: true)
        }
        if let takesLimits = MathSymbols.functions[name] {
            return Atom(node: .identifier(name, isUpright: true), takesLimits: takesLimits, isFunction: true)
        }
        if let width = MathSymbols.spaces[name] { return Atom(node: .space(width: width)) }
        if let mark = MathSymbols.accents[name] {
            return Atom(node: .accent(base: try argument(of: name, at: offset, in: alphabet), mark: mark))
        }
        if let font = MathSymbols.fonts[name] {
            return Atom(node: try argument(of: name, at: offset, in: font))
        }
        switch name {
        case "frac":
            let numerator = try argument(of: name, at: offset, in: alphabet)
            let denominator = try argument(of: name, at: offset, in: alphabet)
            return Atom(node: .fraction(numerator: numerator, denominator: denominator))
        case "sqrt":
            return Atom(node: try squareRoot(at: offset, in: alphabet))
        case "text", "textrm", "mbox":
            return Atom(node: .text(try lexer.textGroup(after: name, at: offset)))
        case "operatorname":
            // `\operatorname*` puts its limits below and above in display math, like `\max`.
            let takesLimits = lexer.consume(immediately: "*")
            return Atom(
                node: try argument(of: name, at: offset, in: .upright), takesLimits: takesLimits, isFunction: true)
        case "left":
            return Atom(node: try leftRight(at: offset, in: alphabet))
        case "begin":
            return Atom(node: try environment(at: offset, in: alphabet))
        default:
            throw unknownCommand(name, at: offset)
        }
    }

    /// The one argument of a command.
    private mutating func argument(of command: String, at offset: Int, in alphabet: MathAlphabet)
        throws(MathSyntaxError) -> MathNode
    {
        try argument(
            in: alphabet,
            orElse: MathSyntaxError(offset: offset, message: "\\\(command) needs an argument, e.g. \\\(command){x}"))
    }

    /// An argument, of a command or a script: a group, or a single token (`\frac12`, `x^2`).
    /// Of a number only the first digit counts, as in TeX (`x^23` is x² then 3).
    ///
    /// - Parameter missing: the error when there is no argument.
    private mutating func argument(in alphabet: MathAlphabet, orElse missing: MathSyntaxError)
        throws(MathSyntaxError) -> MathNode
    {
        guard let token = try lexer.peek(), !Self.closes(token),
            ![.underscore, .caret, .prime].contains(token.kind)
        else { throw missing }
        switch token.kind {
        case .openBrace:
            _ = try lexer.next()
            return .grouped(try group(openedBy: token, in: alphabet))
        case .number(let digits) where digits.count > 1:
            _ = try lexer.next()
            lexer.pushBack(MathToken(kind: .number(String(digits.dropFirst())), offset: token.offset + 1))
            return number(String(digits.prefix(1)), in: alphabet)
        default:
            return try atom(in: alphabet).node
        }
    }

    /// `\sqrt{x}` or `\sqrt[n]{x}`.
    private mutating func squareRoot(at offset: Int, in alphabet: MathAlphabet) throws(MathSyntaxError) -> MathNode {
        var index: MathNode?
        if let open = try lexer.peek(), open.kind == .character("[") {
            _ = try lexer.next()
            let nodes = try expression(in: alphabet, closing: "]")
            guard let close = try lexer.next() else {
                throw MathSyntaxError(offset: open.offset, message: "missing ] for the [ of \\sqrt")
            }
            guard close.kind == .character("]") else { throw unexpected(close) }
            index = .grouped(nodes)
        }
        return .root(try argument(of: "sqrt", at: offset, in: alphabet), index: index)
    }

    /// `\left( … \right)`: a row whose delimiters stretch to its height.
    private mutating func leftRight(at offset: Int, in alphabet: MathAlphabet) throws(MathSyntaxError) -> MathNode {
        let open = try delimiter(after: "left", at: offset)
        let body = try expression(in: alphabet)
        // Whatever else ends the body (the end, a `}`), the \left is what is left open.
        guard let right = try lexer.next(), right.kind == .command("right") else {
            throw MathSyntaxError(offset: offset, message: "\\left without a matching \\right")
        }
        let close = try delimiter(after: "right", at: right.offset)
        var nodes: [MathNode] = []
        if let open { nodes.append(.symbol(MathOperator.fence(open, .prefix))) }
        nodes += body
        if let close { nodes.append(.symbol(MathOperator.fence(close, .postfix))) }
        return .row(nodes)
    }

    /// The delimiter after `\left` or `\right`; nil for `.`, which means none.
    private mutating func delimiter(after command: String, at offset: Int) throws(MathSyntaxError) -> String? {
        let token = try lexer.next()
        switch token?.kind {
        case .character(let character) where MathSymbols.delimiterCharacters.contains(character):
            return character == "." ? nil : String(character)
        case .command(let name) where MathSymbols.delimiterCommands[name] != nil:
            return MathSymbols.delimiterCommands[name]
        default:
            throw MathSyntaxError(
                offset: token?.offset ?? offset,
                message: "\\\(command) needs a delimiter after it: ( ) [ ] \\{ \\} | \\| \\langle \\rangle or .")
        }
    }

    /// `\begin{name} cells \end{name}`: cells separated by `&`, rows by `\\`.
    private mutating func environment(at offset: Int, in alphabet: MathAlphabet) throws(MathSyntaxError) -> MathNode {
        let name = try lexer.textGroup(after: "begin", at: offset)
        guard let environment = MathSymbols.environments[name] else {
            var message = "unknown environment \(name)"
            if let suggestion = CommandSuggestion.closest(to: name, among: MathSymbols.environments.keys) {
                message += "; did you mean \(suggestion)?"
            }
            throw MathSyntaxError(offset: offset, message: message)
        }
        var rows: [[MathNode]] = []
        var cells: [MathNode] = []
        while true {
            cells.append(.grouped(try expression(in: alphabet)))
            guard let separator = try lexer.next() else {
                throw MathSyntaxError(offset: offset, message: "\\begin{\(name)} without a matching \\end{\(name)}")
            }
            switch separator.kind {
            case .alignment:
                continue
            case .command("\\"):
                rows.append(cells)
                cells = []
            case .command("end"):
                let endName = try lexer.textGroup(after: "end", at: separator.offset)
                guard endName == name else {
                    throw MathSyntaxError(
                        offset: separator.offset, message: "\\end{\(endName)} closes \\begin{\(name)}")
                }
                // A `\\` ending the last row does not start another.
                if cells != [.row([])] || rows.isEmpty { rows.append(cells) }
                return table(
                    MathTable(layout: environment.layout, rows: rows), open: environment.open, close: environment.close)
            default:
                throw unexpected(separator)
            }
        }
    }

    private func table(_ table: MathTable, open: String?, close: String?) -> MathNode {
        guard open != nil || close != nil else { return .table(table) }
        var nodes: [MathNode] = []
        if let open { nodes.append(.symbol(MathOperator.fence(open, .prefix))) }
        nodes.append(.table(table))
        if let close { nodes.append(.symbol(MathOperator.fence(close, .postfix))) }
        return .row(nodes)
    }

    // MARK: Errors

    private func unknownCommand(_ name: String, at offset: Int) -> MathSyntaxError {
        var message = "unknown command \\\(name)"
        if let suggestion = CommandSuggestion.closest(to: name, among: MathSymbols.allCommandNames) {
            message += "; did you mean \\\(suggestion)?"
        } else if name.count > 1, name.allSatisfy(\.isLetter) {
            message += "; for a function name write \\operatorname{\(name)}"
        }
        return MathSyntaxError(offset: offset, message: message)
    }

    /// A closing token where nothing it closes is open.
    private func unexpected(_ token: MathToken) -> MathSyntaxError {
        let message: String
        switch token.kind {
        case .closeBrace: message = "unexpected } without a matching {"
        case .alignment: message = "& outside a matrix or aligned environment"
        case .command("\\"):
            message = "\\\\ outside a matrix or aligned environment; use \\begin{aligned} for several lines"
        case .command("right"): message = "\\right without a matching \\left"
        case .command("end"): message = "\\end without a matching \\begin"
        default: message = "unexpected token"
        }
        return MathSyntaxError(offset: token.offset, message: message)
    }
}
