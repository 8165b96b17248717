import Testing

@testable import SiteRendering

/// The MathML written for each construct of the LaTeX subset, compared byte for byte.
@Suite struct MathMLGoldenTests {
    /// The content of the inline `<math>` for `latex` (without the `<math …>` tag around it).
    private func mathML(_ latex: String, display: Bool = false) -> String {
        let html = display ? MathView.display(latex).html : MathView.inline(latex).html
        guard let math = html.range(of: "<math"), let open = html[math.upperBound...].range(of: "\">"),
            let close = html.range(of: "</math>", options: .backwards)
        else {
            return html
        }
        return String(html[open.upperBound..<close.lowerBound])
    }

    @Test func theAttentionFormula() {
        let latex = #"\operatorname{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V"#
        #expect(
            MathView.display(latex).html == """
                <div class="math-display">
                <math display="block" alttext="\\operatorname{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V">\
                <mi>softmax</mi><mo>\u{2061}</mo><mrow><mo fence="true" form="prefix" stretchy="true">(</mo>\
                <mfrac><mrow><mi>Q</mi><msup><mi>K</mi><mi>⊤</mi></msup></mrow>\
                <msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt></mfrac>\
                <mo fence="true" form="postfix" stretchy="true">)</mo></mrow><mi>V</mi></math></div>

                """)
    }

    @Test func inlineMathHasNoDisplayAttributeAndKeepsItsSourceAsAlttext() {
        #expect(
            MathView.inline(" d_k ").html
                == #"<math alttext="d_k"><msub><mi>d</mi><mi>k</mi></msub></math>"#)
    }

    @Test func lettersNumbersAndOperators() {
        #expect(
            mathML("2x + 0.5 - y * z / 3")
                == "<mn>2</mn><mi>x</mi><mo>+</mo><mn>0.5</mn><mo>−</mo><mi>y</mi><mo>∗</mo><mi>z</mi>"
                + #"<mo stretchy="false">/</mo><mn>3</mn>"#)
    }

    @Test func aSignAfterAnOperatorOrOpeningIsUnary() {
        #expect(mathML("a = -b") == #"<mi>a</mi><mo>=</mo><mo form="prefix">−</mo><mi>b</mi>"#)
        #expect(
            mathML("(-1)")
                == #"<mo stretchy="false">(</mo><mo form="prefix">−</mo><mn>1</mn><mo stretchy="false">)</mo>"#)
        #expect(
            mathML("(a) - b")
                == #"<mo stretchy="false">(</mo><mi>a</mi><mo stretchy="false">)</mo><mo>−</mo><mi>b</mi>"#)
    }

    @Test func greekLettersLowercaseItalicCapitalsUpright() {
        #expect(
            mathML(#"\alpha\omega\Gamma\Omega"#)
                == #"<mi>α</mi><mi>ω</mi><mi mathvariant="normal">Γ</mi><mi mathvariant="normal">Ω</mi>"#)
    }

    @Test func subscriptsSuperscriptsAndPrimes() {
        #expect(mathML("x_i") == "<msub><mi>x</mi><mi>i</mi></msub>")
        #expect(mathML("x^{2}") == "<msup><mi>x</mi><mn>2</mn></msup>")
        #expect(mathML("x_i^2") == "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")
        #expect(mathML("x^2_i") == "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")
        #expect(mathML("f'") == "<msup><mi>f</mi><mi>′</mi></msup>")
        #expect(mathML("y'^2") == "<msup><mi>y</mi><mrow><mi>′</mi><mn>2</mn></mrow></msup>")
        #expect(mathML("W^{-1}") == "<msup><mi>W</mi><mrow><mo>−</mo><mn>1</mn></mrow></msup>")
        // As in TeX, a script without braces takes one digit.
        #expect(mathML("x^23") == "<msup><mi>x</mi><mn>2</mn></msup><mn>3</mn>")
        #expect(mathML(#"K^\top"#) == "<msup><mi>K</mi><mi>⊤</mi></msup>")
    }

    @Test func fractionsAndRoots() {
        #expect(mathML(#"\frac{a}{b}"#) == "<mfrac><mi>a</mi><mi>b</mi></mfrac>")
        #expect(mathML(#"\frac12"#) == "<mfrac><mn>1</mn><mn>2</mn></mfrac>")
        #expect(mathML(#"\sqrt{2}"#) == "<msqrt><mn>2</mn></msqrt>")
        #expect(mathML(#"\sqrt[3]{x}"#) == "<mroot><mi>x</mi><mn>3</mn></mroot>")
    }

    @Test func leftRightDelimitersStretchAndPlainOnesDoNot() {
        let fence = #"<mo fence="true" form="prefix" stretchy="true">"#
        let closing = #"<mo fence="true" form="postfix" stretchy="true">"#
        #expect(mathML(#"\left[ x \right]"#) == "<mrow>\(fence)[</mo><mi>x</mi>\(closing)]</mo></mrow>")
        #expect(mathML(#"\left\{ x \right."#) == "<mrow>\(fence){</mo><mi>x</mi></mrow>")
        #expect(mathML(#"\left| x \right\|"#) == "<mrow>\(fence)|</mo><mi>x</mi>\(closing)‖</mo></mrow>")
        #expect(mathML(#"\lvert x \rvert"#) == #"<mo stretchy="false">|</mo><mi>x</mi><mo stretchy="false">|</mo>"#)
        #expect(mathML(#"(a)"#) == #"<mo stretchy="false">(</mo><mi>a</mi><mo stretchy="false">)</mo>"#)
    }

    @Test func largeOperatorsTakeLimitsBelowInDisplayAndBesideInline() {
        let limits = #"<mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi>"#
        #expect(mathML(#"\sum_{i=1}^n"#, display: true) == "<munderover><mo>∑</mo>\(limits)</munderover>")
        #expect(mathML(#"\sum_{i=1}^n"#) == "<msubsup><mo>∑</mo>\(limits)</msubsup>")
        #expect(mathML(#"\prod_i"#, display: true) == "<munder><mo>∏</mo><mi>i</mi></munder>")
        #expect(mathML(#"\max_j"#, display: true) == "<munder><mi>max</mi><mi>j</mi></munder><mo>\u{2061}</mo>")
    }

    @Test func functionNamesAreUprightAndApplied() {
        let thinSpace = #"<mspace width="0.1667em"></mspace>"#
        // A thin space before an operand, as in TeX; none before a parenthesis.
        #expect(mathML(#"\exp x"#) == "<mi>exp</mi><mo>\u{2061}</mo>\(thinSpace)<mi>x</mi>")
        #expect(
            mathML(#"\exp(x)"#)
                == #"<mi>exp</mi><mo>\#u{2061}</mo><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo>"#)
        #expect(mathML(#"\log"#) == "<mi>log</mi><mo>\u{2061}</mo>")
        #expect(
            mathML(#"\arg\max"#) == "<mi>arg</mi><mo>\u{2061}</mo>\(thinSpace)<mi>max</mi><mo>\u{2061}</mo>")
        #expect(
            mathML(#"\operatorname*{top\,k}_i"#, display: true)
                == #"<munder><mrow><mi>top</mi><mspace width="0.1667em"></mspace><mi mathvariant="normal">k</mi></mrow><mi>i</mi></munder>"#
                + "<mo>\u{2061}</mo>")
    }

    @Test func textAndFonts() {
        // Spaces in text are kept: no-break spaces, which browsers neither trim nor collapse.
        #expect(mathML(#"\text{if } x"#) == "<mtext>if\u{00A0}</mtext><mi>x</mi>")
        #expect(mathML(#"\text{ and  so}"#) == "<mtext>\u{00A0}and\u{00A0}\u{00A0}so</mtext>")
        #expect(mathML(#"\mathrm{d}x"#) == #"<mi mathvariant="normal">d</mi><mi>x</mi>"#)
        #expect(mathML(#"\mathrm{max}"#) == "<mi>max</mi>")
        #expect(mathML(#"\mathbf{W}"#) == "<mi>𝐖</mi>")
        #expect(mathML(#"\mathbf{x1}"#) == "<mrow><mi>𝐱</mi><mn>𝟏</mn></mrow>")
        #expect(mathML(#"\mathit{a}"#) == "<mi>a</mi>")
        #expect(mathML(#"\mathcal{L}\mathcal{A}"#) == "<mi>ℒ</mi><mi>𝒜</mi>")
        #expect(mathML(#"\mathbb{R}^n"#) == "<msup><mi>ℝ</mi><mi>n</mi></msup>")
    }

    @Test func accents() {
        #expect(mathML(#"\hat{y}"#) == #"<mover accent="true"><mi>y</mi><mo stretchy="false">^</mo></mover>"#)
        #expect(mathML(#"\tilde x"#) == #"<mover accent="true"><mi>x</mi><mo stretchy="false">~</mo></mover>"#)
        #expect(mathML(#"\bar{x}"#) == #"<mover accent="true"><mi>x</mi><mo stretchy="false">‾</mo></mover>"#)
        #expect(mathML(#"\vec{v}"#) == #"<mover accent="true"><mi>v</mi><mo stretchy="false">→</mo></mover>"#)
    }

    @Test func spacing() {
        #expect(
            mathML(#"a\,b\;c\quad d\qquad e\!f~g"#)
                == #"<mi>a</mi><mspace width="0.1667em"></mspace><mi>b</mi><mspace width="0.2778em"></mspace>"#
                + #"<mi>c</mi><mspace width="1em"></mspace><mi>d</mi><mspace width="2em"></mspace><mi>e</mi>"#
                + #"<mspace width="-0.1667em"></mspace><mi>f</mi><mspace width="0.3333em"></mspace><mi>g</mi>"#)
    }

    @Test func operatorsRelationsAndSymbols() {
        let latex = #"\cdot\times\odot\otimes\in\le\leq\ge\ne\approx\sim\to\rightarrow\leftarrow\mapsto"#
        #expect(mathML(latex) == "⋅×⊙⊗∈≤≤≥≠≈∼→→←↦".map { "<mo>\($0)</mo>" }.joined())
        #expect(mathML(#"\ldots\cdots\dots"#) == "<mo>…</mo><mo>⋯</mo><mo>…</mo>")
        #expect(
            mathML(#"\infty\partial\nabla"#)
                == #"<mi>∞</mi><mi mathvariant="normal">∂</mi><mi mathvariant="normal">∇</mi>"#)
        #expect(
            mathML(#"\{ x \} \| y \|"#)
                == #"<mo stretchy="false">{</mo><mi>x</mi><mo stretchy="false">}</mo><mo stretchy="false">‖</mo>"#
                + #"<mi>y</mi><mo stretchy="false">‖</mo>"#)
    }

    @Test func matricesInTheirDelimiters() {
        let cells =
            "<mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>2</mn></mtd></mtr>"
            + "<mtr><mtd><mn>3</mn></mtd><mtd><mn>4</mn></mtd></mtr></mtable>"
        func fenced(_ open: String, _ close: String) -> String {
            #"<mrow><mo fence="true" form="prefix" stretchy="true">\#(open)</mo>"# + cells
                + #"<mo fence="true" form="postfix" stretchy="true">\#(close)</mo></mrow>"#
        }
        #expect(mathML(#"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"#) == fenced("(", ")"))
        #expect(mathML(#"\begin{bmatrix} 1 & 2 \\ 3 & 4 \\ \end{bmatrix}"#) == fenced("[", "]"))
        #expect(mathML(#"\begin{vmatrix} 1 & 2 \\ 3 & 4 \end{vmatrix}"#) == fenced("|", "|"))
        #expect(mathML(#"\begin{matrix} 1 & 2 \\ 3 & 4 \end{matrix}"#) == cells)
    }

    @Test func alignedLinesAlternateRightAndLeftColumns() {
        #expect(
            mathML(#"\begin{aligned} a &= b \\ &= c \end{aligned}"#, display: true)
                == #"<mtable class="math-aligned" columnalign="right left" displaystyle="true">"#
                + #"<mtr><mtd class="math-right"><mi>a</mi></mtd><mtd class="math-left"><mrow><mo>=</mo><mi>b</mi></mrow></mtd></mtr>"#
                + #"<mtr><mtd class="math-right"><mrow></mrow></mtd><mtd class="math-left"><mrow><mo>=</mo><mi>c</mi></mrow></mtd></mtr>"#
                + "</mtable>")
    }

    @Test func textIsEscapedInContentAndAlttext() {
        let html = MathView.inline(#"\text{<script>alert("x")</script>} & "#.replacingOccurrences(of: " & ", with: ""))
            .html
        #expect(!html.contains("<script>"))
        #expect(html.contains("<mtext>&lt;script&gt;alert(\"x\")&lt;/script&gt;</mtext>"))
        #expect(html.contains(#"alttext="\text{&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;}""#))
    }

    @Test func theSameFormulaAlwaysGivesTheSameBytes() {
        let latex = #"\sum_{i} \mathbf{x}_i \begin{bmatrix} a & b \end{bmatrix}"#
        #expect(MathView.display(latex).html == MathView.display(latex).html)
    }
}
