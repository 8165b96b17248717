/// Formulas on the page: LaTeX typeset as MathML Core at build time, no script.
///
/// ```swift
/// MathView.display(#"\frac{QK^\top}{\sqrt{d_k}}"#)  // <div class="math-display"><math display="block" …>
/// MathView.inline("d_k")                             // <math alttext="d_k"><msub>…</msub></math>
/// ```
///
/// A formula that does not convert is shown as its source in an error box, never as raw text
/// mixed into the page; the build reports it (`[math.syntax]`) through `MathView.check`.
public enum MathView {
    /// A display formula (a ```` ```math ```` block), centred in a box that scrolls sideways
    /// when the formula is wider than the page.
    public static func display(_ latex: String) -> HTMLNode {
        do throws(MathSyntaxError) {
            let node = try MathParser.parse(latex, display: true)
            return .element("div", ["class": "math-display"], [MathMLWriter.math(node, source: latex, display: true)])
        } catch {
            return .element(
                "div", ["class": "math-error", "role": "note"],
                [
                    .element("p", [], [.text("This formula does not typeset: \(error.message)")]),
                    .element("pre", [], [.element("code", [], [.text(latex)])]),
                ])
        }
    }

    /// An inline formula (`` $`…`$ ``), on the baseline of the text around it.
    public static func inline(_ latex: String) -> HTMLNode {
        do throws(MathSyntaxError) {
            return MathMLWriter.math(try MathParser.parse(latex, display: false), source: latex, display: false)
        } catch {
            return .element(
                "code", ["class": "math-error", "title": "This formula does not typeset: \(error.message)"],
                [.text(latex)])
        }
    }

    /// The first problem of a formula, or nil when it typesets.
    public static func check(_ latex: String, display: Bool) -> MathSyntaxError? {
        do throws(MathSyntaxError) {
            _ = try MathParser.parse(latex, display: display)
            return nil
        } catch {
            return error
        }
    }
}
