/// `C = A·B` for `A: rows × depth`, `B: depth × columns`, split across cores when it is large:
/// the longer of C's two sides is cut into chunks, and each thread runs the blocked product on
/// its own chunk (packing its own copy of the shared operand, which costs `depth·columns`
/// copies against `rows·columns·depth` multiply-adds). C is row-major, rows `cRowStride` apart.
func parallelMatrixProduct<Block: RegisterBlock>(
    _: Block.Type = DefaultRegisterBlock.self,
    rows: Int, columns: Int, depth: Int, a: MatrixView, b: MatrixView, c: UnsafeMutablePointer<Float>,
    cRowStride: Int
) {
    let work = rows * columns * depth
    let splitRows = rows >= columns
    let chunks = Parallel.chunks(
        of: splitRows ? rows : columns, granularity: splitRows ? Block.rows : Block.columns)
    let target = Unchecked(c)
    Parallel.forEach(chunks.count, work: work) { index in
        let chunk = chunks[index]
        if splitRows {
            blockedMatrixProduct(
                Block.self, rows: chunk.count, columns: columns, depth: depth,
                a: a.offset(row: chunk.lowerBound, column: 0),
                b: b, c: target.value + chunk.lowerBound * cRowStride, cRowStride: cRowStride)
        } else {
            blockedMatrixProduct(
                Block.self, rows: rows, columns: chunk.count, depth: depth, a: a,
                b: b.offset(row: 0, column: chunk.lowerBound), c: target.value + chunk.lowerBound,
                cRowStride: cRowStride)
        }
    }
}
