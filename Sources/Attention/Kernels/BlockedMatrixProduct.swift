// The cache-blocked matrix product C = A·B (Goto's scheme, as in BLIS and OpenBLAS):
//
//   for each block of `columnBlock` columns of B and C
//     for each slice of `depthBlock` of the inner dimension
//       pack B's depthBlock × columnBlock block         (stays in the L2/L3 cache)
//       for each block of `rowBlock` rows of A and C
//         pack A's rowBlock × depthBlock block          (stays in the L2 cache)
//         for each panel of Block.columns columns (one panel of B stays in L1)
//           for each panel of Block.rows rows
//             micro-kernel: a rows × columns block of C, in registers for the whole depth
//
// Each float of A and B is thus loaded from main memory about once per block rather than once per
// product, and the micro-kernel reads both from packed, contiguous memory.

/// Block sizes, in elements, chosen for 32 KB L1 and 512 KB–1 MB L2 data caches.
enum MatrixBlocking {
    /// Inner-dimension slice: one packed panel of B (depthBlock × 16 floats = 16 KB) fits L1.
    static let depthBlock = 256
    /// Rows of A packed at a time (rowBlock × depthBlock floats = 120 KB, 480 KB with the narrow
    /// block's four copies, in L2).
    static let rowBlock = 120
    /// Columns of B packed at a time (depthBlock × columnBlock floats = 2 MB, in L2/L3).
    static let columnBlock = 2048
}

/// `C = A·B` for `A: rows × depth`, `B: depth × columns`, on one thread; C is row-major with
/// rows `cRowStride` apart and is overwritten.
///
/// The inner dimension is summed in order within each `depthBlock` slice, exactly as a plain
/// triple loop would when `depth ≤ depthBlock` (no fused multiply-add), so small products are
/// bit-identical to the naive loop.
func blockedMatrixProduct<Block: RegisterBlock>(
    _: Block.Type = DefaultRegisterBlock.self,
    rows: Int, columns: Int, depth: Int, a: MatrixView, b: MatrixView, c: UnsafeMutablePointer<Float>,
    cRowStride: Int
) {
    guard rows > 0 && columns > 0 else { return }
    guard depth > 0 else {
        for row in 0..<rows { (c + row * cRowStride).initialize(repeating: 0, count: columns) }
        return
    }
    let (depthBlock, rowBlock, columnBlock) =
        (MatrixBlocking.depthBlock, MatrixBlocking.rowBlock, MatrixBlocking.columnBlock)
    let packedA = PackedBuffer(
        capacity: paddedCount(Swift.min(rowBlock, rows), toMultipleOf: Block.rows) * Swift.min(depthBlock, depth)
            * Block.packedLeftCopies)
    let packedB = PackedBuffer(
        capacity: paddedCount(Swift.min(columnBlock, columns), toMultipleOf: Block.columns)
            * Swift.min(depthBlock, depth))
    defer {
        packedA.deallocate()
        packedB.deallocate()
    }
    for columnStart in stride(from: 0, to: columns, by: columnBlock) {
        let blockColumns = Swift.min(columnBlock, columns - columnStart)
        for depthStart in stride(from: 0, to: depth, by: depthBlock) {
            let blockDepth = Swift.min(depthBlock, depth - depthStart)
            packRightOperand(
                Block.self, b.offset(row: depthStart, column: columnStart), depth: blockDepth,
                columnCount: blockColumns,
                into: packedB.pointer)
            for rowStart in stride(from: 0, to: rows, by: rowBlock) {
                let blockRows = Swift.min(rowBlock, rows - rowStart)
                packLeftOperand(
                    Block.self, a.offset(row: rowStart, column: depthStart), rowCount: blockRows, depth: blockDepth,
                    into: packedA.pointer)
                multiplyPackedBlocks(
                    Block.self, rows: blockRows, columns: blockColumns, depth: blockDepth, packedA: packedA.pointer,
                    packedB: packedB.pointer, c: c + rowStart * cRowStride + columnStart, cRowStride: cRowStride,
                    accumulate: depthStart > 0)
            }
        }
    }
}

/// Runs the micro-kernel over every register block of a packed `rows × depth` block of A times
/// a packed `depth × columns` block of B (the layouts `packLeftOperand` and `packRightOperand`
/// make).
///
/// - `aRowStride`: when given, A is not packed but row-major with rows this far apart (the
///   micro-kernel reads A one scalar at a time, so that costs nothing); it must then have
///   readable rows up to the next multiple of `Block.rows`.
/// - `bPanelDepth`: the depth B was packed with when this is only a slice of its rows (B's
///   panels are then `bPanelDepth · columns` floats apart and `packedB` points at the slice).
func multiplyPackedBlocks<Block: RegisterBlock>(
    _: Block.Type,
    rows: Int, columns: Int, depth: Int, packedA: UnsafePointer<Float>, aRowStride: Int? = nil,
    packedB: UnsafePointer<Float>, bPanelDepth: Int? = nil, c: UnsafeMutablePointer<Float>, cRowStride: Int,
    accumulate: Bool
) {
    let panelDepth = bPanelDepth ?? depth
    // Two inlined copies, so that each one's A strides are constants where they can be.
    if let aRowStride {
        multiplyBlocks(
            Block.self, rows: rows, columns: columns, depth: depth, a: packedA, aRowStride: aRowStride,
            aDepthStride: 1, aCopies: 1, aPanelStride: aRowStride * Block.rows, packedB: packedB,
            bPanelDepth: panelDepth, c: c,
            cRowStride: cRowStride, accumulate: accumulate)
    } else {
        multiplyBlocks(
            Block.self, rows: rows, columns: columns, depth: depth, a: packedA,
            aRowStride: Block.packedLeftCopies, aDepthStride: Block.rows * Block.packedLeftCopies,
            aCopies: Block.packedLeftCopies, aPanelStride: Block.rows * Block.packedLeftCopies * depth,
            packedB: packedB, bPanelDepth: panelDepth,
            c: c, cRowStride: cRowStride, accumulate: accumulate)
    }
}

/// `multiplyPackedBlocks`' loops, with A's strides spelled out (`aPanelStride`: from one panel
/// of `Block.rows` rows to the next).
@inline(__always)
private func multiplyBlocks<Block: RegisterBlock>(
    _: Block.Type, rows: Int, columns: Int, depth: Int, a: UnsafePointer<Float>, aRowStride: Int,
    aDepthStride: Int, aCopies: Int, aPanelStride: Int, packedB: UnsafePointer<Float>, bPanelDepth: Int,
    c: UnsafeMutablePointer<Float>, cRowStride: Int, accumulate: Bool
) {
    for columnStart in stride(from: 0, to: columns, by: Block.columns) {
        let bPanel = packedB + columnStart * bPanelDepth
        let panelColumns = Swift.min(Block.columns, columns - columnStart)
        for (panel, rowStart) in stride(from: 0, to: rows, by: Block.rows).enumerated() {
            Block.multiply(
                depth: depth, a: a + panel * aPanelStride, aRowStride: aRowStride, aDepthStride: aDepthStride,
                aCopies: aCopies, b: bPanel, c: c + rowStart * cRowStride + columnStart, cRowStride: cRowStride,
                rowCount: Swift.min(Block.rows, rows - rowStart), columnCount: panelColumns, accumulate: accumulate)
        }
    }
}
