import NoteResults

/// How `heatmap` turns values into colours: `heatmap(weights, scale: .fixed(0...1))`.
public enum HeatmapScale {
    /// The heatmap's own range (symmetric around 0 when some value is negative).
    case automatic
    /// A given range, so the same colour means the same value in every heatmap using it.
    case fixed(ClosedRange<Double>)
    /// The range of all the note's heatmaps that share this name, so they can be compared.
    case shared(String)

    var colorScale: ColorScale {
        switch self {
        case .automatic: .automatic
        case .fixed(let range): .fixed(low: range.lowerBound, high: range.upperBound)
        case .shared(let name): .shared(name: name)
        }
    }
}

/// Names of the matrices of a stack (a tensor of rank 3 or more, one matrix per leading index).
///
/// Written as a word, `"head"` names them `head 0`, `head 1`, …; as an array, one label each.
public enum StackLabels: ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    /// By index: `[0, :, :]`, `[1, :, :]`.
    case indices
    /// `head 0`, `head 1`, … (for rank 4 and more: `head 0.1`, the leading indices joined by dots).
    case numbered(String)
    /// One label per matrix, in row-major order of the leading indices.
    case labels([String])

    public init(stringLiteral word: String) { self = .numbered(word) }
    public init(arrayLiteral labels: String...) { self = .labels(labels) }

    /// The labels for a tensor of `shape`; nil for `.indices` or a tensor that is not a stack.
    func labels(for shape: [Int]) -> [String]? {
        guard shape.count >= 3 else { return nil }
        let leading = Array(shape.dropLast(2))
        let count = leading.reduce(1, *)
        switch self {
        case .indices:
            return nil
        case .numbered(let word):
            return (0..<count).map { flat in
                var index: [Int] = []
                var rest = flat
                for size in leading.reversed() {
                    index.insert(rest % size, at: 0)
                    rest /= size
                }
                return word + " " + index.map(String.init).joined(separator: ".")
            }
        case .labels(let labels):
            precondition(labels.count == count, "stack: \(labels.count) labels for \(count) matrices of shape \(shape)")
            return labels
        }
    }
}
