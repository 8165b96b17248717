/// The alphabets of the font commands (`\mathbf`, `\mathcal`, `\mathbb`, …).
///
/// MathML Core has no `mathvariant` besides `normal`: bold, script and double-struck letters
/// are written as the Unicode characters of those alphabets (𝐖, 𝒳, ℝ), which every math font
/// has and screen readers know.
enum MathAlphabet: Sendable, Hashable {
    /// The default: one-letter identifiers italic, letters one identifier each.
    case italic
    /// `\mathrm`, `\operatorname`: a run of letters is one upright identifier (`softmax`).
    case upright
    case bold
    case script
    case doubleStruck

    /// Whether a run of letters forms one identifier (`\mathrm{softmax}`) rather than a
    /// product of one-letter variables.
    var joinsLetters: Bool { self == .upright }

    /// `character` drawn from this alphabet; characters the alphabet lacks (Greek, punctuation)
    /// stay as they are.
    func styled(_ character: Character) -> Character {
        guard let ascii = character.asciiValue else { return character }
        let letterOffset: UInt32
        let base: (capital: UInt32, small: UInt32, digit: UInt32?)
        switch self {
        case .italic, .upright: return character
        case .bold: base = (0x1D400, 0x1D41A, 0x1D7CE)
        case .script: base = (0x1D49C, 0x1D4B6, nil)
        case .doubleStruck: base = (0x1D538, 0x1D552, 0x1D7D8)
        }
        if let exception = exceptions[character] { return exception }
        let start: UInt32
        switch ascii {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            (start, letterOffset) = (base.capital, UInt32(ascii - UInt8(ascii: "A")))
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            (start, letterOffset) = (base.small, UInt32(ascii - UInt8(ascii: "a")))
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let digit = base.digit else { return character }
            (start, letterOffset) = (digit, UInt32(ascii - UInt8(ascii: "0")))
        default:
            return character
        }
        return Unicode.Scalar(start + letterOffset).map(Character.init) ?? character
    }

    /// Letters that Unicode had encoded before the mathematical alphabets (ℝ, ℬ, …): their
    /// places in those alphabets are holes.
    private var exceptions: [Character: Character] {
        switch self {
        case .script:
            return [
                "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
                "e": "ℯ", "g": "ℊ", "o": "ℴ",
            ]
        case .doubleStruck:
            return ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
        default:
            return [:]
        }
    }
}
