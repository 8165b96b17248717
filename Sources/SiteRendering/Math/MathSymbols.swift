/// The LaTeX commands the converter knows, by what they do. `MathParser` looks names up here;
/// `MathSymbols.allCommandNames` is what "did you mean …?" chooses from.
enum MathSymbols {
    /// Commands that stand for one symbol: letters, operators, relations, dots.
    static let symbols: [String: MathNode] = {
        var table: [String: MathNode] = [:]
        for (name, letter) in greekLowercase { table[name] = .identifier(letter) }
        // Capital Greek is upright in TeX; a one-letter <mi> would be italic.
        for (name, letter) in greekUppercase { table[name] = .identifier(letter, isUpright: true) }
        for (name, symbol) in operators { table[name] = .symbol(MathOperator(symbol)) }
        for (name, symbol) in ordinary { table[name] = .identifier(symbol) }
        for (name, symbol) in uprightOrdinary { table[name] = .identifier(symbol, isUpright: true) }
        // Delimiters written on their own keep their size, as in TeX; \left…\right stretches.
        for (name, symbol) in delimiterCommands { table[name] = .symbol(MathOperator(symbol, stretch: .never)) }
        return table
    }()

    static let greekLowercase: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
        "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    ]

    static let greekUppercase: [String: String] = [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Binary operators, relations and arrows: `<mo>`, spaced by MathML's operator dictionary.
    static let operators: [String: String] = [
        "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "odot": "⊙", "otimes": "⊗",
        "oplus": "⊕", "circ": "∘", "ast": "∗", "star": "⋆", "cup": "∪", "cap": "∩",
        "setminus": "∖", "wedge": "∧", "vee": "∨", "in": "∈", "notin": "∉", "ni": "∋",
        "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "le": "≤", "leq": "≤",
        "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼", "simeq": "≃",
        "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "to": "→", "rightarrow": "→",
        "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒",
        "Leftarrow": "⇐", "Leftrightarrow": "⇔", "mapsto": "↦", "implies": "⟹", "iff": "⟺",
        "coloneqq": "≔", "mid": "∣", "parallel": "∥", "perp": "⊥", "ldots": "…", "cdots": "⋯",
        "dots": "…", "vdots": "⋮", "ddots": "⋱", "colon": ":", "int": "∫", "oint": "∮",
    ]

    /// Symbols that are operands, not operators: `<mi>`.
    static let ordinary: [String: String] = [
        "infty": "∞", "top": "⊤", "bot": "⊥", "ell": "ℓ", "hbar": "ℏ", "forall": "∀",
        "exists": "∃", "emptyset": "∅", "prime": "′", "imath": "ı", "jmath": "ȷ",
    ]

    /// Operands TeX sets upright, written `mathvariant="normal"` since a lone <mi> is italic.
    static let uprightOrdinary: [String: String] = [
        "partial": "∂", "nabla": "∇", "#": "#", "%": "%", "&": "&", "$": "$", "_": "_",
    ]

    /// Delimiter commands: usable alone and after `\left`/`\right`.
    static let delimiterCommands: [String: String] = [
        "{": "{", "}": "}", "|": "‖", "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖",
        "vert": "|", "Vert": "‖", "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋",
        "lceil": "⌈", "rceil": "⌉",
    ]

    /// Delimiter characters usable after `\left`/`\right` (`.` is "no delimiter").
    static let delimiterCharacters: Set<Character> = ["(", ")", "[", "]", "|", "/", "."]

    /// Large operators: limits below and above in display math, as scripts inline.
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁",
        "bigotimes": "⨂",
    ]

    /// Function names set upright (`\log x`); the value says whether the function takes limits
    /// below it in display math (`\max_i`).
    static let functions: [String: Bool] = [
        "exp": false, "log": false, "ln": false, "lg": false, "sin": false, "cos": false,
        "tan": false, "sinh": false, "cosh": false, "tanh": false, "arg": false, "det": false,
        "dim": false, "ker": false, "deg": false, "max": true, "min": true, "sup": true,
        "inf": true, "lim": true, "Pr": true, "gcd": true, "argmax": true, "argmin": true,
    ]

    /// Spaces, as CSS widths: TeX's thin, medium and thick spaces are 3, 4 and 5 eighteenths of
    /// an em; `\!` takes a thin space back.
    static let spaces: [String: String] = [
        ",": "0.1667em", ":": "0.2222em", ">": "0.2222em", ";": "0.2778em", "!": "-0.1667em",
        " ": "0.3333em", "quad": "1em", "qquad": "2em", "enspace": "0.5em",
    ]

    /// Accents over their argument, and the mark each puts there. Wide ones stretch.
    static let accents: [String: MathOperator] = [
        "hat": MathOperator("^", stretch: .never), "widehat": MathOperator("^"),
        "tilde": MathOperator("~", stretch: .never), "widetilde": MathOperator("~"),
        "bar": MathOperator("‾", stretch: .never), "overline": MathOperator("‾"),
        "vec": MathOperator("→", stretch: .never), "overrightarrow": MathOperator("→"),
        "dot": MathOperator("˙", stretch: .never), "ddot": MathOperator("¨", stretch: .never),
    ]

    /// Font commands, and the alphabet their letters are drawn from.
    static let fonts: [String: MathAlphabet] = [
        "mathrm": .upright, "mathit": .italic, "mathbf": .bold, "boldsymbol": .bold,
        "mathcal": .script, "mathbb": .doubleStruck,
    ]

    /// Environments and how they are shown: a matrix in delimiters, or aligned lines.
    static let environments: [String: (layout: MathTable.Layout, open: String?, close: String?)] = [
        "matrix": (.matrix, nil, nil), "pmatrix": (.matrix, "(", ")"), "bmatrix": (.matrix, "[", "]"),
        "Bmatrix": (.matrix, "{", "}"), "vmatrix": (.matrix, "|", "|"), "Vmatrix": (.matrix, "‖", "‖"),
        "aligned": (.aligned, nil, nil), "cases": (.cases, "{", nil),
    ]

    /// Commands with a structure of their own, handled by the parser directly.
    static let structural: Set<String> = [
        "frac", "sqrt", "left", "right", "text", "textrm", "mbox", "operatorname",
        "begin", "end", "\\",
    ]

    /// Every command name the converter knows, for suggestions.
    static let allCommandNames: Set<String> = {
        var names = structural.union(symbols.keys).union(largeOperators.keys).union(functions.keys)
        names.formUnion(spaces.keys)
        names.formUnion(accents.keys)
        names.formUnion(fonts.keys)
        // One-character commands (`\,`) are never what a misspelt word meant.
        return names.filter { $0.count > 1 }
    }()
}
