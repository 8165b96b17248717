import Foundation

// Scaled dot-product attention in one streaming pass (FlashAttention's scheme, note 12):
//
//   for each head, and each tile of `queryTile` queries (tiles run in parallel)
//     for each tile of `keyTile` keys, skipping tiles the mask blocks entirely
//       S = (scale·Q_tile) · K_tileᵀ                          micro-kernel, in a 48 × 64 scratch
//       S += bias (causal: −∞ above the diagonal; or the mask's additive tensor)
//       m_new = max(m, rowmax S);  P = exp(S − m_new)          the online softmax
//       ℓ = ℓ·exp(m − m_new) + rowsum P;  O = O·exp(m − m_new) + P · V_tile
//   output = O / ℓ  (0 for a query whose keys are all blocked, as PyTorch's safe softmax)
//
// The L × S score matrix never exists: besides the output, memory is a group of heads' packed
// keys and values (at most 16 MB, or one head) plus a few tiles per thread — O(S·E), not O(L·S).
// Each head's keys (read as Kᵀ, through strides, never transposed in memory) and values are
// packed once into the micro-kernel's panel layout and reused by every query tile.

/// What is added to the scaled scores before the softmax.
enum ScoreBias {
    case none
    /// Key `j` is blocked for query `i` when `j > i + offset` (0: PyTorch's `is_causal`).
    case causal(offset: Int)
    /// A float bias (−∞ blocks) read through broadcast strides: matrix `m`'s element `[i, j]` is
    /// `values[matrixOffsets[m] + i·rowStride + j·columnStride]`.
    case dense(values: [Float], matrixOffsets: [Int], rowStride: Int, columnStride: Int)
}

/// Tile sizes of the fused kernel: a tile of scores is 48 × 64 floats (12 KB), so the query
/// tile, the scores, the probabilities and the output tile all stay in the L1/L2 caches.
enum AttentionTiling {
    /// Queries per tile: a multiple of the register block's 6 rows.
    static let queryTile = 48
    /// Keys per tile: a multiple of both register blocks' widths (8 and 16) and of `vectorExp`'s 8.
    static let keyTile = 64
    /// Floats of packed keys and values held at once (16 MB): all heads of a typical call, while
    /// memory stays O(S·E) for long sequences.
    static let packingBudget = 1 << 22
}

/// `scaledDotProductAttention` computed by the streaming kernel, or `nil` when the operands'
/// layout is one it does not handle (batch dimensions that broadcast rather than match); the
/// caller then uses `scaledDotProductAttentionReference`.
///
/// Same arguments and preconditions as `scaledDotProductAttention`, and `packingBudget`: how
/// many floats of packed keys and values to hold at once. Results agree with the reference to
/// float rounding: the sums run in another order, and `exp` is `vectorExp`.
func fusedScaledDotProductAttention<Block: RegisterBlock>(
    _: Block.Type = DefaultRegisterBlock.self,
    query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask?, isCausal: Bool, scale: Float?, enableGQA: Bool,
    packingBudget: Int = AttentionTiling.packingBudget
) -> Tensor? {
    let rank = query.rank
    // Empty operands are left to the reference too.
    guard rank >= 2, key.rank == rank, value.rank == rank, query.count > 0, key.count > 0, value.count > 0 else {
        return nil
    }
    let (queries, depth) = (query.shape[rank - 2], query.shape[rank - 1])
    let (keys, valueDepth) = (key.shape[rank - 2], value.shape[rank - 1])
    guard key.shape[rank - 1] == depth, value.shape[rank - 2] == keys,
        key.shape.dropLast(2) == value.shape.dropLast(2)
    else { return nil }
    // Query matrix `m` (batch and head flattened) reads key/value matrix `m / group`.
    var group = 1
    if enableGQA && rank >= 3 {
        let (queryHeads, heads) = (query.shape[rank - 3], key.shape[rank - 3])
        guard heads > 0, queryHeads % heads == 0, query.shape.dropLast(3) == key.shape.dropLast(3) else { return nil }
        group = queryHeads / heads
    } else {
        guard !enableGQA, query.shape.dropLast(2) == key.shape.dropLast(2) else { return nil }
    }
    let leading = Array(query.shape.dropLast(2))
    let bias = scoreBias(
        mask: isCausal ? .causal : mask, scoresShape: leading + [queries, keys])
    let scaleFactor = Float(scale.map(Double.init) ?? 1 / Foundation.sqrt(Double(depth)))

    let queryMatrices = elementCount(leading)
    var output = [Float](repeating: 0, count: queryMatrices * queries * valueDepth)
    // Heads are packed a group at a time, as many as fit in `AttentionTiling.packingBudget`, and
    // all query tiles of a group go to the threads at once: fewer waits for the slowest thread.
    let keyMatrices = queryMatrices / group
    let keysPerHead = paddedCount(keys, toMultipleOf: Block.columns) * depth
    let valuesPerHead = paddedCount(valueDepth, toMultipleOf: Block.columns) * keys
    let headsPerGroup = Swift.max(
        1, Swift.min(keyMatrices, packingBudget / (keysPerHead + valuesPerHead)))
    let packedKeys = PackedBuffer(capacity: headsPerGroup * keysPerHead)
    let packedValues = PackedBuffer(capacity: headsPerGroup * valuesPerHead)
    defer {
        packedKeys.deallocate()
        packedValues.deallocate()
    }
    let tiles = (queries + AttentionTiling.queryTile - 1) / AttentionTiling.queryTile
    let itemsPerHead = group * tiles
    query.scalars.withUnsafeBufferPointer { q in
        key.scalars.withUnsafeBufferPointer { k in
            value.scalars.withUnsafeBufferPointer { v in
                output.withUnsafeMutableBufferPointer { o in
                    let (q, k, v, o) = (q.baseAddress!, k.baseAddress!, v.baseAddress!, Unchecked(o.baseAddress!))
                    let (packedKeys, packedValues) = (Unchecked(packedKeys.pointer), Unchecked(packedValues.pointer))
                    for firstHead in stride(from: 0, to: keyMatrices, by: headsPerGroup) {
                        let heads = Swift.min(headsPerGroup, keyMatrices - firstHead)
                        // Kᵀ (depth × keys, read through K's strides) and V as B operands.
                        Parallel.forEach(heads, work: heads * keys * (depth + valueDepth)) { slot in
                            let head = firstHead + slot
                            packRightOperand(
                                Block.self, MatrixView(k + head * keys * depth, rowMajorColumns: depth).transposed,
                                depth: depth, columnCount: keys, into: packedKeys.value + slot * keysPerHead)
                            packRightOperand(
                                Block.self, MatrixView(v + head * keys * valueDepth, rowMajorColumns: valueDepth),
                                depth: keys, columnCount: valueDepth, into: packedValues.value + slot * valuesPerHead)
                        }
                        let work = heads * group * queries * keys * (depth + valueDepth)
                        Parallel.forEach(heads * itemsPerHead, work: work) { item in
                            let (slot, rest) = item.quotientAndRemainder(dividingBy: itemsPerHead)
                            let matrix = (firstHead + slot) * group + rest / tiles
                            // The last tiles first: under a causal mask they have the most keys,
                            // and the small ones left for the end even out the threads.
                            let firstQuery = (tiles - 1 - rest % tiles) * AttentionTiling.queryTile
                            let problem = AttentionTileProblem(
                                queries: queries, keys: keys, depth: depth, valueDepth: valueDepth,
                                scale: scaleFactor, bias: bias, packedKeys: packedKeys.value + slot * keysPerHead,
                                packedValues: packedValues.value + slot * valuesPerHead)
                            problem.attend(
                                Block.self, matrix: matrix,
                                queryRange: firstQuery..<Swift.min(queries, firstQuery + AttentionTiling.queryTile),
                                query: q + matrix * queries * depth, output: o.value + matrix * queries * valueDepth)
                        }
                    }
                }
            }
        }
    }
    return Tensor(shape: leading + [queries, valueDepth], scalars: output)
}

/// The mask as the kernel reads it; checks that it broadcasts to the scores' shape.
private func scoreBias(mask: AttentionMask?, scoresShape: [Int]) -> ScoreBias {
    guard let mask else { return .none }
    let rank = scoresShape.count
    let (queries, keys) = (scoresShape[rank - 2], scoresShape[rank - 1])
    if case .causal = mask { return .causal(offset: 0) }
    let bias = mask.additiveBias(queries: queries, keys: keys)
    check(
        broadcastShape(scoresShape, bias.shape, "attention mask") == scoresShape,
        "attention mask: mask of shape \(bias.shape) does not broadcast to the scores' shape \(scoresShape)")
    let strides = broadcastStrides(of: bias.shape, to: scoresShape)
    return .dense(
        values: bias.scalars,
        matrixOffsets: stridedPositions(shape: Array(scoresShape.dropLast(2)), strides: Array(strides.dropLast(2))),
        rowStride: strides[rank - 2], columnStride: strides[rank - 1])
}

/// One head's packed keys and values and what every query tile of it needs to know.
private struct AttentionTileProblem {
    let queries: Int, keys: Int, depth: Int, valueDepth: Int
    let scale: Float
    let bias: ScoreBias
    let packedKeys: UnsafePointer<Float>
    let packedValues: UnsafePointer<Float>

    /// Attention for the queries `queryRange` of query matrix `matrix`: reads their rows of
    /// `query` (`queries × depth`), writes their rows of `output` (`queries × valueDepth`).
    func attend<Block: RegisterBlock>(
        _: Block.Type, matrix: Int, queryRange: Range<Int>, query: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let keyTile = AttentionTiling.keyTile
        let rows = queryRange.count
        let paddedRows = paddedCount(rows, toMultipleOf: Block.rows)
        let packedQuery = PackedBuffer(capacity: paddedRows * depth * Block.packedLeftCopies)
        // The probabilities are the left operand of P·V, read in place: rows up to `paddedRows`.
        let scores = PackedBuffer(capacity: paddedRows * keyTile)
        let accumulated = PackedBuffer(capacity: rows * valueDepth)
        var rowMaxima = [Float](repeating: -.infinity, count: rows)
        var rowSums = [Float](repeating: 0, count: rows)
        defer {
            for buffer in [packedQuery, scores, accumulated] { buffer.deallocate() }
        }
        (scores.pointer + rows * keyTile).initialize(repeating: 0, count: (paddedRows - rows) * keyTile)
        accumulated.pointer.initialize(repeating: 0, count: rows * valueDepth)
        packLeftOperand(
            Block.self, MatrixView(query + queryRange.lowerBound * depth, rowMajorColumns: depth), rowCount: rows,
            depth: depth, into: packedQuery.pointer)
        for index in 0..<paddedRows * depth * Block.packedLeftCopies { packedQuery.pointer[index] *= scale }

        for keyStart in stride(from: 0, to: keys, by: keyTile) {
            let tileKeys = Swift.min(keyTile, keys - keyStart)
            let tile = (queries: queryRange, keys: keyStart..<keyStart + tileKeys)
            if case .causal(let offset) = bias, keyStart > queryRange.upperBound - 1 + offset {
                break  // this tile and all after it are above the diagonal
            }
            if isFullyBlocked(matrix: matrix, tile: tile) { continue }
            multiplyPackedBlocks(
                Block.self, rows: rows, columns: tileKeys, depth: depth, packedA: packedQuery.pointer,
                packedB: packedKeys + keyStart * depth, c: scores.pointer, cRowStride: keyTile, accumulate: false)
            addBias(to: scores.pointer, matrix: matrix, tile: tile)
            for row in 0..<rows {
                // Padding columns of a last, partial tile: exp(−∞) = 0 keeps them out of the sums.
                (scores.pointer + row * keyTile + tileKeys).initialize(repeating: -.infinity, count: keyTile - tileKeys)
                updateSoftmax(
                    row: scores.pointer + row * keyTile, maximum: &rowMaxima[row], sum: &rowSums[row],
                    accumulated: accumulated.pointer + row * valueDepth)
            }
            multiplyPackedBlocks(
                Block.self, rows: rows, columns: valueDepth, depth: tileKeys, packedA: scores.pointer,
                aRowStride: keyTile, packedB: packedValues + keyStart * Block.columns, bPanelDepth: keys,
                c: accumulated.pointer,
                cRowStride: valueDepth, accumulate: true)
        }
        for row in 0..<rows {
            // A query that saw no key (all blocked) keeps sum 0 and gets zeros.
            let inverse: Float = rowSums[row] > 0 ? 1 / rowSums[row] : 0
            let target = output + (queryRange.lowerBound + row) * valueDepth
            let source = accumulated.pointer + row * valueDepth
            for column in 0..<valueDepth { target[column] = source[column] * inverse }
        }
    }

    /// The online softmax step for one query's row of a tile (`AttentionTiling.keyTile` scores,
    /// overwritten by their unnormalised probabilities): raises the running maximum, rescales
    /// the running sum and the accumulated output to it.
    @inline(__always)
    private func updateSoftmax(
        row: UnsafeMutablePointer<Float>, maximum: inout Float, sum: inout Float,
        accumulated: UnsafeMutablePointer<Float>
    ) {
        typealias Vector = SIMD8<Float>
        let chunks = AttentionTiling.keyTile / Vector.scalarCount
        let raw = UnsafeMutableRawPointer(row)
        var largest = Vector(repeating: -.infinity)
        for chunk in 0..<chunks {
            // Compare and select rather than `pointwiseMax`, which is not vectorised.
            let scores = raw.loadUnaligned(fromByteOffset: chunk * 32, as: Vector.self)
            largest.replace(with: scores, where: scores .> largest)
        }
        let newMaximum = Swift.max(maximum, largest.max())
        if newMaximum == -.infinity {
            // Every key so far is blocked: nothing to add.
            row.update(repeating: 0, count: AttentionTiling.keyTile)
            return
        }
        var total = Vector()
        for chunk in 0..<chunks {
            let scores = raw.loadUnaligned(fromByteOffset: chunk * 32, as: Vector.self)
            let probabilities = vectorExp(scores - Vector(repeating: newMaximum))
            raw.storeBytes(of: probabilities, toByteOffset: chunk * 32, as: Vector.self)
            total += probabilities
        }
        if newMaximum != maximum {
            let correction = Foundation.exp(maximum - newMaximum)  // 0 the first time (maximum −∞)
            sum *= correction
            for column in 0..<valueDepth { accumulated[column] *= correction }
            maximum = newMaximum
        }
        sum += total.sum()
    }

    /// Whether the mask blocks every score of the tile (then the tile is skipped).
    private func isFullyBlocked(matrix: Int, tile: (queries: Range<Int>, keys: Range<Int>)) -> Bool {
        guard case .dense(let values, let offsets, let rowStride, let columnStride) = bias else { return false }
        return values.withUnsafeBufferPointer { values in
            for query in tile.queries {
                let rowStart = offsets[matrix] + query * rowStride
                for key in tile.keys where values[rowStart + key * columnStride] != -.infinity {
                    return false
                }
            }
            return true
        }
    }

    /// Adds the bias to a tile of scores (row `r` at `scores + r·keyTile`).
    private func addBias(
        to scores: UnsafeMutablePointer<Float>, matrix: Int, tile: (queries: Range<Int>, keys: Range<Int>)
    ) {
        switch bias {
        case .none:
            return
        case .causal(let offset):
            for (row, query) in tile.queries.enumerated() {
                // Keys after `query + offset` are blocked.
                let firstBlocked = Swift.max(tile.keys.lowerBound, query + offset + 1)
                guard firstBlocked < tile.keys.upperBound else { continue }
                (scores + row * AttentionTiling.keyTile + firstBlocked - tile.keys.lowerBound).update(
                    repeating: -.infinity, count: tile.keys.upperBound - firstBlocked)
            }
        case .dense(let values, let offsets, let rowStride, let columnStride):
            values.withUnsafeBufferPointer { values in
                for (row, query) in tile.queries.enumerated() {
                    let rowStart = offsets[matrix] + query * rowStride
                    let target = scores + row * AttentionTiling.keyTile
                    for (column, key) in tile.keys.enumerated() {
                        target[column] += values[rowStart + key * columnStride]
                    }
                }
            }
        }
    }
}
