import Testing

@testable import SiteRendering

/// Formulas that do not convert: a typed error at the right byte, with a message to act on.
@Suite struct MathSyntaxErrorTests {
    private func error(_ latex: String) throws -> MathSyntaxError {
        try #require(MathView.check(latex, display: true), "\(latex) converted")
    }

    @Test func anUnknownCommandSuggestsTheClosestKnownOne() throws {
        let problem = try error(#"a + \fracc{1}{2}"#)
        #expect(problem.offset == 4)
        #expect(problem.message == #"unknown command \fracc; did you mean \frac?"#)
        #expect(try error(#"\alpah"#).message == #"unknown command \alpah; did you mean \alpha?"#)
        #expect(try error(#"\mathbff{x}"#).message.hasSuffix(#"did you mean \mathbf?"#))
    }

    @Test func anUnknownWordWithNothingCloseSuggestsOperatorname() throws {
        #expect(
            try error(#"\softmax(x)"#).message
                == #"unknown command \softmax; for a function name write \operatorname{softmax}"#)
    }

    @Test func anUnknownEnvironmentSuggestsTheClosestKnownOne() throws {
        let problem = try error(#"\begin{pmatrx} 1 \end{pmatrx}"#)
        #expect(problem.offset == 0)
        #expect(problem.message == "unknown environment pmatrx; did you mean pmatrix?")
        #expect(try error(#"\begin{pmatrix} 1 \end{bmatrix}"#).message == #"\end{bmatrix} closes \begin{pmatrix}"#)
        #expect(try error(#"\begin{pmatrix} 1 & 2"#).message == #"\begin{pmatrix} without a matching \end{pmatrix}"#)
    }

    @Test func unbalancedBracesPointAtTheBraceThatIsAlone() throws {
        let open = try error(#"x + \frac{a}{b"#)
        #expect(open.offset == 12)
        #expect(open.message == "missing } for this {")
        let close = try error("a}")
        #expect(close.offset == 1)
        #expect(close.message == "unexpected } without a matching {")
    }

    @Test func leftAndRightMustPair() throws {
        let right = try error(#"x \right)"#)
        #expect(right.offset == 2)
        #expect(right.message == #"\right without a matching \left"#)
        let left = try error(#"{\left( x}"#)
        #expect(left.offset == 1)
        #expect(left.message == #"\left without a matching \right"#)
        #expect(try error(#"\left< x \right>"#).message.hasPrefix(#"\left needs a delimiter"#))
    }

    @Test func misplacedScriptsAndSeparators() throws {
        #expect(try error("x_").message == "_ needs something after it, e.g. x_{2}")
        #expect(try error("x_1_2").offset == 3)
        #expect(try error("x^1^2").message.hasPrefix("double superscript"))
        #expect(try error("a & b").message == "& outside a matrix or aligned environment")
        #expect(try error(#"a \\ b"#).message.hasPrefix(#"\\ outside a matrix"#))
        #expect(try error(#"\frac{a}"#).message == #"\frac needs an argument, e.g. \frac{x}"#)
        #expect(try error(#"\text{a"#).message == #"missing } for the { of \text"#)
        #expect(try error(#"x \"#).message == #"a formula cannot end with a lone \"#)
    }

    @Test func offsetsCountUTF8BytesAndLinesAreFoundInDisplayFormulas() throws {
        let formula = "α = 1 \\\\\n  \\bta"
        let problem = try #require(MathView.check("\\begin{aligned}" + formula + "\\end{aligned}", display: true))
        #expect(problem.message.hasSuffix(#"did you mean \beta?"#))
        let location = problem.location(in: "\\begin{aligned}" + formula + "\\end{aligned}")
        #expect(location.line == 1)
        #expect(location.column == 2)
        #expect(try error("α \\bta").offset == 3)  // α is two bytes, then a space
    }

    @Test func aFailingFormulaIsShownAsItsEscapedSourceInAnErrorBox() {
        let display = MathView.display(#"\fracc{<b>}"#).html
        #expect(display.contains(#"<div class="math-error" role="note">"#))
        #expect(display.contains(#"<pre><code>\fracc{&lt;b&gt;}</code></pre>"#))
        #expect(!display.contains("<math"))
        let inline = MathView.inline(#"\fracc"#).html
        #expect(inline.hasPrefix(#"<code class="math-error" title="This formula does not typeset: unknown command"#))
    }
}

/// Whatever a note's author types, the converter answers with MathML or an error; it never
/// traps, and an error's offset is inside the formula.
@Suite struct MathRobustnessTests {
    @Test func deepNestingIsAnErrorNotACrash() throws {
        for formula in [
            String(repeating: "{", count: 5000), String(repeating: #"\hat"#, count: 5000) + "x",
            String(repeating: "x^{", count: 3000), String(repeating: #"\sqrt"#, count: 5000) + "2",
        ] {
            let problem = try #require(MathView.check(formula, display: true))
            #expect(problem.message == "formula nested too deeply" || problem.message.hasPrefix("missing }"))
        }
        #expect(
            MathView.check(String(repeating: "{", count: 40) + "x" + String(repeating: "}", count: 40), display: true)
                == nil)
    }

    @Test func generatedFormulasConvertOrFailWithAnOffsetInside() {
        let pieces = [
            "x", "2", "0.5", "_", "^", "'", "{", "}", "&", #"\\"#, #"\frac"#, #"\sqrt"#, "[", "]", #"\left("#,
            #"\right)"#, #"\left."#, #"\begin{pmatrix}"#, #"\end{pmatrix}"#, #"\begin{aligned}"#, #"\end{aligned}"#,
            #"\text{a b}"#, #"\text{"#, #"\operatorname*{top}"#, #"\mathbf"#, #"\alpha"#, #"\sum"#, #"\max"#, "+", "-",
            "=", "(", ")", " ", "\n", "%c\n", "é", "$", "~", #"\,"#, #"\hat"#, #"\unknown"#, "\\",
        ]
        var generator = SplitMix64(seed: 12)
        for _ in 0..<3000 {
            let formula = (0..<Int.random(in: 1...12, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            for display in [true, false] {
                if let problem = MathView.check(formula, display: display) {
                    #expect((0...formula.utf8.count).contains(problem.offset), "\(formula)")
                    #expect(!problem.message.isEmpty)
                } else {
                    #expect(MathView.inline(formula).html.hasPrefix("<math"), "\(formula)")
                }
            }
        }
    }
}

/// A small seeded generator, so that a failing generated formula comes back on every run.
private struct SplitMix64: RandomNumberGenerator {
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
