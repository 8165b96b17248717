// Packing copies a block of an operand into the order the micro-kernel reads it: A as panels of
// `Block.rows` rows stored column by column (each element repeated `Block.packedLeftCopies`
// times), B as panels of `Block.columns` columns
// stored row by row. The kernel then walks both with unit stride, whatever the operands' layout
// (a transposed operand is just a `MatrixView` with swapped strides), and partial panels at the
// edges are padded with zeros so the kernel never needs a special case inside its loop.

/// Memory for packed panels, aligned for SIMD loads; freed with `deallocate()`.
struct PackedBuffer {
    let pointer: UnsafeMutablePointer<Float>

    init(capacity: Int) {
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: Swift.max(1, capacity) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: Swift.max(1, capacity))
    }

    func deallocate() {
        UnsafeMutableRawPointer(pointer).deallocate()
    }
}

/// The number of floats `count` rows (or columns) take once padded to whole panels of `panel`.
@inline(__always)
func paddedCount(_ count: Int, toMultipleOf panel: Int) -> Int {
    (count + panel - 1) / panel * panel
}

/// Packs `rowCount × depth` of A into panels of `Block.rows` rows: panel `p` starts at
/// `packed + p·rows·depth·copies` and holds, for each `k`, the panel's rows of column `k`, each
/// element written `Block.packedLeftCopies` times in a row.
func packLeftOperand<Block: RegisterBlock>(
    _: Block.Type, _ a: MatrixView, rowCount: Int, depth: Int, into packed: UnsafeMutablePointer<Float>
) {
    let (panelRows, copies) = (Block.rows, Block.packedLeftCopies)
    var target = packed
    for panelStart in stride(from: 0, to: rowCount, by: panelRows) {
        let rows = Swift.min(panelRows, rowCount - panelStart)
        for k in 0..<depth {
            for row in 0..<panelRows {
                let value = row < rows ? a[panelStart + row, k] : 0
                (target + row * copies).initialize(repeating: value, count: copies)
            }
            target += panelRows * copies
        }
    }
}

/// Packs `depth × columnCount` of B into panels of `Block.columns` columns: panel `q`
/// starts at `packed + q·columns·depth` and holds, for each `k`, the panel's columns of row `k`.
func packRightOperand<Block: RegisterBlock>(
    _: Block.Type, _ b: MatrixView, depth: Int, columnCount: Int, into packed: UnsafeMutablePointer<Float>
) {
    let panelColumns = Block.columns
    var target = packed
    for panelStart in stride(from: 0, to: columnCount, by: panelColumns) {
        let columns = Swift.min(panelColumns, columnCount - panelStart)
        if columns == panelColumns && b.columnStride == 1 {
            // Whole panel of a row-major operand: each row is one contiguous vector.
            var source = b.base + panelStart
            for _ in 0..<depth {
                UnsafeMutableRawPointer(target).storeBytes(
                    of: UnsafeRawPointer(source).loadUnaligned(as: Block.Row.self), as: Block.Row.self)
                source += b.rowStride
                target += panelColumns
            }
            continue
        }
        for k in 0..<depth {
            for column in 0..<columns {
                target[column] = b[k, panelStart + column]
            }
            for column in columns..<panelColumns {
                target[column] = 0
            }
            target += panelColumns
        }
    }
}
