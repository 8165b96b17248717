import Foundation

// Printing tensors and masks the way PyTorch does (torch/_tensor_str.py with the default print
// options), so `print(x)` in a note looks like the course's notebook:
//
//     tensor([[1.0100, 1.0641],
//             [0.2040, 0.7057]])
//
// Floats get 4 decimals, padded to a common width; all-integer tensors print as `1.`; values
// spanning more than 1000× (or ≥ 1e8, or below 1e-4) switch to scientific notation
// (`-1.0000e+09`); tensors of more than 1000 elements are summarised with `...`.

extension Tensor: CustomStringConvertible {
    public var description: String {
        PyTorchPrinter.render(shape: shape) { shown in
            let format = FloatElementFormat(shown.map { scalars[$0] })
            return (format.width, { format.string(scalars[$0]) })
        }
    }
}

extension Mask: CustomStringConvertible {
    /// Like PyTorch's bool tensors: `tensor([[ True, False], [ True,  True]])`.
    public var description: String {
        PyTorchPrinter.render(shape: shape) { shown in
            let width = shown.contains { !values[$0] } ? 5 : 4
            return (
                width,
                { index in
                    let text = values[index] ? "True" : "False"
                    return String(repeating: " ", count: width - text.count) + text
                }
            )
        }
    }
}

/// How PyTorch writes one floating-point element, chosen once per tensor from the values shown.
struct FloatElementFormat {
    private enum Style { case fixed, integer, scientific }
    private let style: Style
    /// The width every element is padded to (non-finite values may be wider).
    let width: Int
    private static let decimals = 4

    init(_ values: [Float]) {
        // Only non-zero finite values decide the style and the width, as in `_Formatter`.
        let decisive = values.filter { $0.isFinite && $0 != 0 }
        let magnitudes = decisive.map { Double(Swift.abs($0)) }
        guard let smallest = magnitudes.min(), let largest = magnitudes.max() else {
            (style, width) = (.integer, 1)
            return
        }
        let allIntegers = values.allSatisfy { !$0.isFinite || $0 == $0.rounded(.up) }
        let spread = largest / smallest > 1000 || largest > 1e8
        if allIntegers {
            style = spread ? .scientific : .integer
        } else {
            style = spread || smallest < 1e-4 ? .scientific : .fixed
        }
        let unpadded = FloatElementFormat(style: style, width: 0)
        width = decisive.map { unpadded.string($0).count }.max() ?? 1
    }

    private init(style: Style, width: Int) {
        (self.style, self.width) = (style, width)
    }

    /// The element's text, padded on the left to the tensor's common width.
    func string(_ value: Float) -> String {
        let text: String
        if value.isNaN {
            text = "nan"
        } else if value.isInfinite {
            text = value > 0 ? "inf" : "-inf"
        } else {
            switch style {
            case .fixed: text = String(format: "%.\(Self.decimals)f", Double(value))
            case .scientific: text = String(format: "%.\(Self.decimals)e", Double(value))
            case .integer: text = String(format: "%.0f", Double(value)) + "."
            }
        }
        return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }
}

/// The layout half of PyTorch's printing: brackets, commas, line breaks, indentation, `...`.
enum PyTorchPrinter {
    /// More elements than this are summarised.
    static let threshold = 1000
    /// How many leading and trailing entries of each dimension a summary keeps.
    static let edgeItems = 3
    /// Where vectors wrap.
    static let lineWidth = 80

    /// `tensor(...)` text for an array of `shape`. `makeFormatter` receives the flat indices of
    /// the elements that will be shown and returns the common element width and how to write
    /// the element at a flat index.
    static func render(shape: [Int], makeFormatter: ([Int]) -> (width: Int, format: (Int) -> String)) -> String {
        let count = elementCount(shape)
        if count == 0 {
            return shape == [0] ? "tensor([])" : "tensor([], size=(\(shape.map(String.init).joined(separator: ", "))))"
        }
        let layout = Layout(shape: shape, summarize: count > threshold)
        let (width, format) = makeFormatter(layout.shownIndices())
        return "tensor(" + layout.text(width: width, format: format) + ")"
    }

    private struct Layout {
        let shape: [Int]
        let strides: [Int]
        let summarize: Bool

        init(shape: [Int], summarize: Bool) {
            (self.shape, self.strides, self.summarize) = (shape, rowMajorStrides(shape), summarize)
        }

        /// The positions shown along `dimension`; `nil` marks the `...` of a summary.
        func positions(_ dimension: Int) -> [Int?] {
            let size = shape[dimension]
            guard summarize && size > 2 * edgeItems else { return Array(0..<size) }
            return Array(0..<edgeItems) + [nil] + Array((size - edgeItems)..<size)
        }

        func shownIndices(from dimension: Int = 0, offset: Int = 0) -> [Int] {
            guard dimension < shape.count else { return [offset] }
            return positions(dimension).compactMap { $0 }.flatMap {
                shownIndices(from: dimension + 1, offset: offset + $0 * strides[dimension])
            }
        }

        /// The text of the sub-array starting at `offset` whose first dimension is `dimension`;
        /// `indent` is the column its opening bracket sits in.
        func text(width: Int, format: (Int) -> String, dimension: Int = 0, offset: Int = 0, indent: Int = 7) -> String {
            if shape.isEmpty { return format(0) }
            let remaining = shape.count - dimension
            if remaining == 1 {
                let items = positions(dimension).map { $0.map { format(offset + $0 * strides[dimension]) } ?? " ..." }
                // Each item takes its width plus ", ".
                let perLine = Swift.max(1, (lineWidth - indent) / (width + 2))
                let lines = stride(from: 0, to: items.count, by: perLine).map {
                    items[$0..<Swift.min($0 + perLine, items.count)].joined(separator: ", ")
                }
                return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
            }
            let slices = positions(dimension).map { position in
                position.map {
                    text(
                        width: width, format: format, dimension: dimension + 1,
                        offset: offset + $0 * strides[dimension], indent: indent + 1)
                } ?? "..."
            }
            let separator =
                "," + String(repeating: "\n", count: remaining - 1) + String(repeating: " ", count: indent + 1)
            return "[" + slices.joined(separator: separator) + "]"
        }
    }
}
