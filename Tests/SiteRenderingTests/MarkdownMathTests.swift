import Markdown
import Testing

@testable import SiteRendering

/// GitHub's math syntax in notes: ```math fences and $`…`$ inline formulas.
@Suite struct MarkdownMathTests {
    private func renderedHTML(_ markdown: String) -> String {
        MarkdownHTMLRenderer().render(MarkdownParser.parse(markdown)).body.html
    }

    @Test func aMathFenceIsADisplayFormula() {
        let html = renderedHTML("Before\n\n```math\n\\frac{a}{b}\n```\n\nAfter\n")
        #expect(
            html == """
                <p>Before</p>
                <div class="math-display">
                <math display="block" alttext="\\frac{a}{b}"><mfrac><mi>a</mi><mi>b</mi></mfrac></math></div>
                <p>After</p>

                """)
    }

    @Test func dollarBacktickIsAnInlineFormula() {
        let html = renderedHTML("Divide by $`\\sqrt{d_k}`$, then apply softmax.\n")
        #expect(
            html
                == #"<p>Divide by <math alttext="\sqrt{d_k}"><msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt></math>"#
                + ", then apply softmax.</p>\n")
    }

    @Test func severalInlineFormulasInARowAndInsideOtherMarkup() {
        let html = renderedHTML("$`a`$ and $`b`$$`c`$ in *$`d`$* | x\n")
        #expect(
            html
                == #"<p><math alttext="a"><mi>a</mi></math> and <math alttext="b"><mi>b</mi></math>"#
                + #"<math alttext="c"><mi>c</mi></math> in <em><math alttext="d"><mi>d</mi></math></em> | x</p>"# + "\n"
        )
    }

    @Test func aLoneDollarOrCodeWithoutDollarsIsLeftAlone() {
        #expect(
            renderedHTML("It costs $5 and `x_i` is code.\n") == "<p>It costs $5 and <code>x_i</code> is code.</p>\n")
        #expect(renderedHTML("$`x` and `y`$\n") == "<p>$<code>x</code> and <code>y</code>$</p>\n")
        #expect(renderedHTML("```\n\\frac{a}{b}\n```\n").contains("<pre"))
    }

    @Test func aFormulaInsideATableCellOrListItem() {
        let html = renderedHTML("| a |\n| --- |\n| $`x^2`$ |\n\n- $`y`$ item\n")
        #expect(html.contains(#"<td><math alttext="x^2"><msup><mi>x</mi><mn>2</mn></msup></math></td>"#))
        #expect(html.contains(#"<li><math alttext="y"><mi>y</mi></math> item</li>"#))
    }

    @Test func aFormulaThatDoesNotConvertShowsAsAnErrorNotAsMarkup() {
        let html = renderedHTML("See $`\\text{<i>}\\bad`$.\n\n```math\n\\frac{<b>}\n```\n")
        #expect(html.contains(#"<code class="math-error""#))
        #expect(html.contains(#"<div class="math-error" role="note">"#))
        #expect(!html.contains("<i>") && !html.contains("<b>"))
    }

    @Test func piecesRecogniseOnlyTheDollarBacktickPattern() {
        let paragraph = MarkdownParser.parse("a $`x`$ b `y` $c$\n").children[0]
        let pieces = MarkdownMath.pieces(paragraph.children)
        let formulas = pieces.compactMap { piece -> String? in
            if case .inlineFormula(let latex, _) = piece { return latex }
            return nil
        }
        #expect(formulas == ["x"])
    }
}
