/// A typeset formula as a small tree, one case per MathML Core element the site writes.
///
/// The parser builds it from LaTeX (`MathParser`), the writer turns it into elements
/// (`MathMLWriter`); nothing else needs to know either syntax.
indirect enum MathNode: Sendable, Hashable {
    /// `<mi>`: a variable or a function name. A one-character identifier is italic unless
    /// `isUpright` (then `mathvariant="normal"`); longer ones are upright anyway.
    case identifier(String, isUpright: Bool = false)
    /// `<mn>`: a number such as `2` or `0.125`.
    case number(String)
    /// `<mo>`: an operator, a relation, a delimiter.
    case symbol(MathOperator)
    /// `<mtext>`: words inside a formula (`\text{…}`).
    case text(String)
    /// `<mspace>`: `\,`, `\quad`, … as a CSS width such as `0.1667em`.
    case space(width: String)
    /// `<mrow>`: a group, e.g. a superscript of several tokens or a `\left…\right` pair.
    case row([MathNode])
    /// `<mfrac>`
    case fraction(numerator: MathNode, denominator: MathNode)
    /// `<msqrt>`, or `<mroot>` when there is an index (`\sqrt[3]{x}`).
    case root(MathNode, index: MathNode?)
    /// `<msub>`, `<msup>` or `<msubsup>`.
    case scripts(base: MathNode, subscript: MathNode?, superscript: MathNode?)
    /// `<munder>`, `<mover>` or `<munderover>`: limits of `\sum` in display style.
    case limits(base: MathNode, under: MathNode?, over: MathNode?)
    /// `<mover accent="true">`: `\hat{x}`, `\bar{x}`, …
    case accent(base: MathNode, mark: MathOperator)
    /// `<mtable>`: a matrix or the lines of `aligned`.
    case table(MathTable)

    /// The nodes as one node: the node itself when there is one, else a row (empty for none).
    static func grouped(_ nodes: [MathNode]) -> MathNode {
        nodes.count == 1 ? nodes[0] : .row(nodes)
    }
}

/// The contents of an `<mo>`, with the few attributes whose defaults the site overrides.
struct MathOperator: Sendable, Hashable {
    /// Whether and how the operator grows with its neighbours.
    enum Stretch: Sendable, Hashable {
        /// MathML's operator dictionary decides.
        case byDictionary
        /// Never stretches: `(` written without `\left` stays the size of the text, as in TeX.
        case never
        /// A `\left`/`\right` delimiter: stretches to the height of the row it closes.
        case fence
    }

    /// The role MathML spaces the operator by; by default it follows from the position in its
    /// row (first: prefix, last: postfix, else infix).
    enum Form: String, Sendable, Hashable {
        case prefix, postfix
    }

    var symbol: String
    var stretch: Stretch
    var form: Form?

    init(_ symbol: String, stretch: Stretch = .byDictionary, form: Form? = nil) {
        self.symbol = symbol
        self.stretch = stretch
        self.form = form
    }

    /// A `\left` (prefix) or `\right` (postfix) delimiter.
    static func fence(_ symbol: String, _ form: Form) -> MathOperator {
        MathOperator(symbol, stretch: .fence, form: form)
    }
}

/// A grid of cells: a matrix (centred columns), `aligned` (columns alternately right and
/// left aligned, so that `&=` lines up) or `cases` (left aligned).
struct MathTable: Sendable, Hashable {
    enum Layout: Sendable, Hashable {
        case matrix
        case aligned
        case cases
    }

    var layout: Layout
    /// Rows of cells; each cell is one node (a row when it holds several).
    var rows: [[MathNode]]
}
