/// How a shown tensor of any rank is laid out as matrices: the one rule the table and the
/// heatmap on a page and the recorded output block share.
///
/// - rank 0: one 1×1 matrix, without labels;
/// - rank 1: one row (`shape[0]` columns), with a row label only if one was given;
/// - rank 2: one matrix;
/// - rank 3 and more: one matrix per index of the leading dimensions, in row-major order,
///   each named by its index (`[0, 1, :, :]`) or by the label the block gave (`head 0`).
public struct TensorLayout: Sendable, Hashable {
    /// One matrix of the tensor: where its values start and the index that names it.
    public struct Slice: Sendable, Hashable {
        /// `[0, 1, :, :]`; nil when the tensor is a single matrix (rank ≤ 2).
        public var name: String?
        /// Index in `values` of the slice's first element.
        public var offset: Int
    }

    public let rowCount: Int
    public let columnCount: Int
    /// Nil when the matrix has no row header (a scalar, or a vector without a row label).
    public let rowLabels: [String]?
    /// Nil when the matrix has no column header (a scalar).
    public let columnLabels: [String]?
    public let slices: [Slice]

    public init(_ tensor: ShownTensor) {
        let shape = tensor.shape
        switch shape.count {
        case 0:
            (rowCount, columnCount) = (1, 1)
            (rowLabels, columnLabels) = (nil, nil)
            slices = [Slice(name: nil, offset: 0)]
        case 1:
            (rowCount, columnCount) = (1, shape[0])
            rowLabels = tensor.rowLabels.flatMap { $0.isEmpty ? nil : [$0[0]] }
            columnLabels = Self.labels(tensor.columnLabels, count: shape[0])
            slices = [Slice(name: nil, offset: 0)]
        default:
            (rowCount, columnCount) = (shape[shape.count - 2], shape[shape.count - 1])
            rowLabels = Self.labels(tensor.rowLabels, count: rowCount)
            columnLabels = Self.labels(tensor.columnLabels, count: columnCount)
            slices = Self.slices(
                leadingShape: Array(shape.dropLast(2)), matrixSize: rowCount * columnCount, names: tensor.sliceLabels)
        }
    }

    /// The given labels, or the indices `0…count−1` where labels are missing.
    private static func labels(_ given: [String]?, count: Int) -> [String] {
        (0..<count).map { index in
            if let given, index < given.count { return given[index] }
            return String(index)
        }
    }

    /// One slice per leading index, named by `names` where given (`head 0`), else by the index.
    private static func slices(leadingShape: [Int], matrixSize: Int, names: [String]?) -> [Slice] {
        guard !leadingShape.isEmpty else { return [Slice(name: nil, offset: 0)] }
        let count = leadingShape.reduce(1, *)
        return (0..<count).map { flat in
            var index: [Int] = []
            var rest = flat
            for size in leadingShape.reversed() {
                index.insert(rest % size, at: 0)
                rest /= size
            }
            let name =
                names.flatMap { flat < $0.count ? $0[flat] : nil }
                ?? "[" + (index.map(String.init) + [":", ":"]).joined(separator: ", ") + "]"
            return Slice(name: name, offset: flat * matrixSize)
        }
    }
}
