/// A read-only matrix in someone else's memory, described by where its element `[0, 0]` is and
/// how far apart (in elements) consecutive rows and columns are.
///
/// Strides are what let the kernels read a transposed operand without copying it: the
/// transpose of a row-major `[rows, columns]` matrix is the same memory with the two strides
/// swapped. Only the kernels use it; it does not own or retain its memory.
struct MatrixView {
    var base: UnsafePointer<Float>
    var rowStride: Int
    var columnStride: Int

    /// A row-major matrix with `columns` elements per row.
    init(_ base: UnsafePointer<Float>, rowMajorColumns columns: Int) {
        self.init(base, rowStride: columns, columnStride: 1)
    }

    init(_ base: UnsafePointer<Float>, rowStride: Int, columnStride: Int) {
        self.base = base
        self.rowStride = rowStride
        self.columnStride = columnStride
    }

    /// The same memory read as the transpose.
    var transposed: MatrixView {
        MatrixView(base, rowStride: columnStride, columnStride: rowStride)
    }

    /// The element at `row`, `column`.
    @inline(__always)
    subscript(row: Int, column: Int) -> Float {
        base[row * rowStride + column * columnStride]
    }

    /// The sub-matrix whose element `[0, 0]` is this one's `[row, column]`.
    @inline(__always)
    func offset(row: Int, column: Int) -> MatrixView {
        MatrixView(base + row * rowStride + column * columnStride, rowStride: rowStride, columnStride: columnStride)
    }
}
