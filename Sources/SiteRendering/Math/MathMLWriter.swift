import Foundation

/// Writes a `MathNode` tree as MathML Core elements.
///
/// Only what MathML Core (the part browsers implement) defines, plus `columnalign` for
/// `aligned`, which MathML Core lacks: browsers that ignore it align by the cells' CSS classes
/// (`math-left`, `math-right`; see `Stylesheet`).
enum MathMLWriter {
    /// `<math>` with the formula's LaTeX as `alttext`, for screen readers and copying.
    /// - Parameter nodes: the formula's top level; `<math>` lays them out as a row itself.
    static func math(_ nodes: [MathNode], source: String, display: Bool) -> HTMLNode {
        var attributes: HTMLAttributes = display ? ["display": "block"] : []
        attributes.append("alttext", source.trimmingCharacters(in: .whitespacesAndNewlines))
        return .element("math", attributes, nodes.map(element))
    }

    static func element(_ node: MathNode) -> HTMLNode {
        switch node {
        case .identifier(let name, let isUpright):
            let attributes: HTMLAttributes = isUpright && name.count == 1 ? ["mathvariant": "normal"] : []
            return .element("mi", attributes, [.text(name)])
        case .number(let digits):
            return .element("mn", [], [.text(digits)])
        case .symbol(let symbol):
            return operatorElement(symbol)
        case .text(let text):
            // TeX keeps the spaces of `\text{if }`; browsers trim a token's edge spaces and
            // collapse the others, unless they are no-break spaces.
            return .element("mtext", [], [.text(text.replacingOccurrences(of: " ", with: "\u{00A0}"))])
        case .space(let width):
            return .element("mspace", ["width": width])
        case .row(let nodes):
            return .element("mrow", [], nodes.map(element))
        case .fraction(let numerator, let denominator):
            return .element("mfrac", [], [element(numerator), element(denominator)])
        case .root(let radicand, nil):
            return .element("msqrt", [], [element(radicand)])
        case .root(let radicand, let index?):
            return .element("mroot", [], [element(radicand), element(index)])
        case .scripts(let base, let lower, let upper):
            return scripted(base, lower, upper, names: ("msub", "msup", "msubsup"))
        case .limits(let base, let under, let over):
            return scripted(base, under, over, names: ("munder", "mover", "munderover"))
        case .accent(let base, let mark):
            return .element("mover", ["accent": "true"], [element(base), operatorElement(mark)])
        case .table(let table):
            return tableElement(table)
        }
    }

    /// `<mo>`; a delimiter written alone does not stretch, a `\left`/`\right` one does.
    private static func operatorElement(_ symbol: MathOperator) -> HTMLNode {
        var attributes: HTMLAttributes = symbol.stretch == .fence ? ["fence": "true"] : []
        if let form = symbol.form { attributes.append("form", form.rawValue) }
        switch symbol.stretch {
        case .byDictionary: break
        case .never: attributes.append("stretchy", "false")
        case .fence: attributes.append("stretchy", "true")
        }
        return .element("mo", attributes, [.text(symbol.symbol)])
    }

    /// The element for a base with a lower and an upper part, either of which may be missing.
    private static func scripted(
        _ base: MathNode, _ lower: MathNode?, _ upper: MathNode?, names: (lower: String, upper: String, both: String)
    ) -> HTMLNode {
        switch (lower, upper) {
        case (let lower?, let upper?): return .element(names.both, [], [element(base), element(lower), element(upper)])
        case (let lower?, nil): return .element(names.lower, [], [element(base), element(lower)])
        case (nil, let upper?): return .element(names.upper, [], [element(base), element(upper)])
        case (nil, nil): return element(base)
        }
    }

    private static func tableElement(_ table: MathTable) -> HTMLNode {
        let columns = table.rows.map(\.count).max() ?? 0
        let alignments = (0..<columns).map { column -> String? in
            switch table.layout {
            case .matrix: return nil
            case .aligned: return column.isMultiple(of: 2) ? "right" : "left"
            case .cases: return "left"
            }
        }
        var attributes: HTMLAttributes = []
        if table.layout != .matrix {
            attributes.append("class", table.layout == .aligned ? "math-aligned" : "math-cases")
            attributes.append("columnalign", alignments.compactMap { $0 }.joined(separator: " "))
        }
        if table.layout == .aligned { attributes.append("displaystyle", "true") }
        let rows = table.rows.map { cells in
            HTMLNode.element(
                "mtr", [],
                cells.enumerated().map { column, cell in
                    let cellAttributes: HTMLAttributes = alignments[column].map { ["class": "math-\($0)"] } ?? []
                    return .element("mtd", cellAttributes, [element(cell)])
                })
        }
        return .element("mtable", attributes, rows)
    }
}
