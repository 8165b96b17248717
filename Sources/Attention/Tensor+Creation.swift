extension Tensor {
    /// A 0-dimensional tensor (shape `[]`) holding one value, like `torch.tensor(2.5)`.
    public init(_ value: Float) {
        self.init(shape: [], scalars: [value])
    }

    /// A 1-D tensor (a vector), like `torch.tensor([1.0, 2.0])`.
    public init(_ scalars: [Float]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// A 2-D tensor (a matrix) from its rows, like `torch.tensor([[1.16, 0.23], [0.57, 1.36]])`.
    ///
    /// - Precondition: every row has the same length.
    public init(_ rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() {
            check(
                row.count == columns,
                "Tensor: row \(index) has \(row.count) elements but row 0 has \(columns)")
        }
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// A 3-D tensor from a list of matrices, e.g. a batch `[N, L, E]`.
    ///
    /// - Precondition: every matrix has the same shape.
    public init(_ matrices: [[[Float]]]) {
        let first = matrices.first.map { Tensor($0) } ?? Tensor(shape: [0, 0], scalars: [])
        var scalars = [Float]()
        scalars.reserveCapacity(matrices.count * first.count)
        for (index, rows) in matrices.enumerated() {
            let matrix = Tensor(rows)
            check(
                matrix.shape == first.shape,
                "Tensor: matrix \(index) has shape \(matrix.shape) but matrix 0 has \(first.shape)")
            scalars += matrix.scalars
        }
        self.init(shape: [matrices.count] + first.shape, scalars: scalars)
    }

    /// A tensor of the given shape with every element equal to `value`, like `torch.full`.
    public static func full(_ shape: [Int], _ value: Float) -> Tensor {
        check(shape.allSatisfy { $0 >= 0 }, "Tensor.full: negative dimension in shape \(shape)")
        return Tensor(shape: shape, scalars: [Float](repeating: value, count: elementCount(shape)))
    }

    /// A tensor of zeros, like `torch.zeros(shape)`.
    public static func zeros(_ shape: [Int]) -> Tensor {
        full(shape, 0)
    }

    /// A tensor of ones, like `torch.ones(shape)`.
    public static func ones(_ shape: [Int]) -> Tensor {
        full(shape, 1)
    }

    /// A mask as numbers: 1 where the mask is true, 0 where it is false
    /// (PyTorch's `mask.float()`).
    public init(_ mask: Mask) {
        self.init(shape: mask.shape, scalars: mask.values.map { $0 ? 1 : 0 })
    }
}
