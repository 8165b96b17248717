/// An n-dimensional array of booleans (PyTorch's `torch.bool` tensor), stored row-major.
///
/// What `true` means depends on who reads the mask, and PyTorch is not consistent about it:
/// `maskedFill` and `nn.MultiheadAttention` treat true as *blocked*, `scaled_dot_product_attention`
/// treats true as *allowed*. This library's attention functions therefore take an
/// `AttentionMask`, which says which one you mean: `.allowed(mask)` or `.blocked(mask)`.
///
/// ```swift
/// let allowed = Mask.causal(3)          // true on and below the diagonal
/// let blocked = !allowed                // the course's mask: true above the diagonal
/// ```
public struct Mask: Sendable, Hashable {
    /// The size of each dimension, outermost first. `[]` for a single value.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `values.count == shape.reduce(1, *)`.
    public private(set) var values: [Bool]

    /// A mask of the given shape holding `values` in row-major order.
    ///
    /// - Precondition: every dimension is ≥ 0 and `values.count` equals the product of `shape`.
    public init(shape: [Int], values: [Bool]) {
        check(shape.allSatisfy { $0 >= 0 }, "Mask: negative dimension in shape \(shape)")
        check(
            values.count == elementCount(shape),
            "Mask: \(values.count) values do not fill shape \(shape) (\(elementCount(shape)) needed)")
        self.shape = shape
        self.values = values
    }

    /// A 1-D mask.
    public init(_ values: [Bool]) {
        self.init(shape: [values.count], values: values)
    }

    /// A 2-D mask from its rows.
    ///
    /// - Precondition: every row has the same length.
    public init(_ rows: [[Bool]]) {
        let columns = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() {
            check(row.count == columns, "Mask: row \(index) has \(row.count) values but row 0 has \(columns)")
        }
        self.init(shape: [rows.count, columns], values: rows.flatMap { $0 })
    }

    /// A mask of the given shape with every element equal to `value`.
    public static func full(_ shape: [Int], _ value: Bool) -> Mask {
        check(shape.allSatisfy { $0 >= 0 }, "Mask.full: negative dimension in shape \(shape)")
        return Mask(shape: shape, values: [Bool](repeating: value, count: elementCount(shape)))
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { values.count }

    /// The element at a full index, one position per dimension (negatives count from the end).
    /// For a 1-D mask use `m.values[i]`.
    ///
    /// - Precondition: exactly `rank` indices, each within its dimension.
    public subscript(_ first: Int, _ second: Int, _ rest: Int...) -> Bool {
        get { values[flatOffset(of: [first, second] + rest, in: shape, "Mask subscript")] }
        set { values[flatOffset(of: [first, second] + rest, in: shape, "Mask subscript")] = newValue }
    }

    /// The `index`-th slice along dimension 0 (negatives count from the end), like a
    /// `Tensor`'s: one row of a 2-D mask.
    public subscript(_ index: Int) -> Mask {
        check(rank >= 1, "Mask subscript: a 0-dimensional mask cannot be indexed")
        let position = normalizedIndex(index, size: shape[0], dimension: 0, shape: shape, "Mask subscript")
        let size = count / shape[0]
        return Mask(shape: Array(shape.dropFirst()), values: Array(values[(position * size)..<((position + 1) * size)]))
    }

    /// The same values under a new shape; one size may be `-1`.
    public func reshaped(to newShape: [Int]) -> Mask {
        Mask(shape: resolvedShape(newShape, count: count, from: shape, "Mask.reshaped"), values: values)
    }

    /// The mask with dimensions `first` and `second` swapped.
    public func transposed(_ first: Int, _ second: Int) -> Mask {
        let layout = transposedLayout(shape: shape, first, second, "Mask.transposed")
        return Mask(shape: layout.shape, values: layout.positions.map { values[$0] })
    }

    /// The mask repeated along its size-1 (or missing leading) dimensions to fill `target`.
    public func broadcast(to target: [Int]) -> Mask {
        check(
            broadcastShape(shape, target, "Mask.broadcast(to:)") == target,
            "Mask.broadcast(to:): shape \(shape) cannot be broadcast to \(target)")
        return Mask(shape: target, values: broadcastPositions(from: shape, to: target).map { values[$0] })
    }

    /// Elementwise NOT: swaps "allowed" and "blocked".
    public static prefix func ! (mask: Mask) -> Mask {
        Mask(shape: mask.shape, values: mask.values.map { !$0 })
    }

    /// Elementwise AND after broadcasting: true only where both are true.
    public static func && (lhs: Mask, rhs: Mask) -> Mask {
        let pairing = broadcastPairing(lhs.shape, rhs.shape, "&&")
        return Mask(
            shape: pairing.shape, values: zip(pairing.left, pairing.right).map { lhs.values[$0] && rhs.values[$1] })
    }

    /// Elementwise OR after broadcasting: true where either is true.
    public static func || (lhs: Mask, rhs: Mask) -> Mask {
        let pairing = broadcastPairing(lhs.shape, rhs.shape, "||")
        return Mask(
            shape: pairing.shape, values: zip(pairing.left, pairing.right).map { lhs.values[$0] || rhs.values[$1] })
    }
}
