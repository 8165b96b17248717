import NoteResults

/// Shows a tensor as an HTML `<table>`: its title and shape in the caption, column labels in
/// the header row, row labels in the first column, numbers right-aligned with
/// `NumberFormat`.
///
/// ```html
/// <div class="matrix-scroll"><table class="matrix">
/// <caption>Attention percentages · 3×3</caption>
/// <thead><tr><td></td><th scope="col">write</th>…</tr></thead>
/// <tbody><tr><th scope="row">write</th><td>0.3573</td>…</tr>…</tbody>
/// </table></div>
/// ```
///
/// A scalar is a one-cell table, a vector one row, and a tensor of rank 3 or more a
/// `<figure class="tensor-stack">` of matrices, each captioned with its index (`[0, 1, :, :]`).
/// The wrapper scrolls sideways when the table is wider than the page.
public enum MatrixTableRenderer {
    public static func render(_ tensor: ShownTensor) -> HTMLNode {
        let layout = TensorLayout(tensor)
        if layout.slices.count == 1, layout.slices[0].name == nil {
            return matrix(tensor, layout, offset: 0, caption: tensor.caption)
        }
        let matrices = layout.slices.map { slice in
            matrix(tensor, layout, offset: slice.offset, caption: slice.name ?? "")
        }
        return .element(
            "figure", ["class": "tensor-stack"],
            [.element("figcaption", [], [.text(tensor.caption)])] + matrices)
    }

    private static func matrix(_ tensor: ShownTensor, _ layout: TensorLayout, offset: Int, caption: String) -> HTMLNode
    {
        var sections: [HTMLNode] = [.element("caption", [], [.text(caption)])]
        if let columnLabels = layout.columnLabels {
            let corner: [HTMLNode] = layout.rowLabels == nil ? [] : [.element("td")]
            let headers = columnLabels.map { HTMLNode.element("th", ["scope": "col"], [.text($0)]) }
            sections.append(.element("thead", [], [.element("tr", [], corner + headers)]))
        }
        let rows = (0..<layout.rowCount).map { row -> HTMLNode in
            let header: [HTMLNode] =
                layout.rowLabels.map { labels in
                    [.element("th", ["scope": "row"], [.text(labels[row])])]
                } ?? []
            let cells = (0..<layout.columnCount).map { column in
                HTMLNode.element(
                    "td", [], [.text(tensor.formattedValue(at: offset + row * layout.columnCount + column))])
            }
            return .element("tr", [], header + cells)
        }
        sections.append(.element("tbody", [], rows))
        return .element("div", ["class": "matrix-scroll"], [.element("table", ["class": "matrix"], sections)])
    }
}
