// The register micro-kernel: the innermost piece of the blocked matrix product and of the fused
// attention kernel. It multiplies a packed panel of `rows` rows of A by a packed panel
// of `columns` columns of B, keeping the whole rows × columns block of C in SIMD
// registers for the entire depth, so each step loads one vector of B and `rows` scalars of A and
// does `rows` vector multiply-adds — arithmetic, not memory traffic, bounds it.
//
// Multiply and add are deliberately separate operations, not a fused multiply-add: the default
// x86-64 target (SSE2) has no FMA instruction (`addingProduct` would become a library call per
// lane), and keeping them separate gives bit-identical results whatever CPU the library is
// compiled for. AMD's Zen cores have separate multiply and add pipes, so this costs no throughput
// there.

/// The shape of the register block: a 6 × `Row.scalarCount` block of C, one `Row` per row.
///
/// Which width is fastest depends on the CPU the library is compiled for: 12 accumulators of
/// 128 bits fill SSE2's 16 registers (`NarrowRegisterBlock`), AVX2 and AVX-512 have room for
/// 6 × 16 floats (`WideRegisterBlock`). Both give the same bits; `DefaultRegisterBlock` picks one.
protocol RegisterBlock {
    /// One row of the register block.
    associatedtype Row: SIMD where Row.Scalar == Float

    /// How many copies of each element of A packing writes: 1, or 4 when the target cannot
    /// broadcast a float from memory in one instruction (SSE2 needs a load and a shuffle, and
    /// the shuffles compete with the arithmetic for the same pipes); the kernel then loads four
    /// equal floats ready-made.
    static var packedLeftCopies: Int { get }

    /// A `Row` of equal floats from a group of `packedLeftCopies` copies at `pointer`.
    static func broadcast(copiesAt pointer: UnsafePointer<Float>) -> Row
}

/// 6 × 8 floats: for the default x86-64 target (SSE2, sixteen 128-bit registers).
enum NarrowRegisterBlock: RegisterBlock {
    typealias Row = SIMD8<Float>
    static var packedLeftCopies: Int { 4 }

    @inline(__always)
    static func broadcast(copiesAt pointer: UnsafePointer<Float>) -> Row {
        let copies = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
        return Row(lowHalf: copies, highHalf: copies)
    }
}

/// 6 × 16 floats: for targets with AVX (`-target-cpu native` on this machine); spills on SSE2.
/// AVX broadcasts from memory in one load, so A is packed once.
enum WideRegisterBlock: RegisterBlock {
    typealias Row = SIMD16<Float>
    static var packedLeftCopies: Int { 1 }

    @inline(__always)
    static func broadcast(copiesAt pointer: UnsafePointer<Float>) -> Row {
        Row(repeating: pointer.pointee)
    }
}

// The compiler cannot tell which instructions the target has, so the build says it:
// `-D ATTENTION_WIDE_SIMD` together with `-target-cpu` of an AVX machine.
#if ATTENTION_WIDE_SIMD
    typealias DefaultRegisterBlock = WideRegisterBlock
#else
    typealias DefaultRegisterBlock = NarrowRegisterBlock
#endif

extension RegisterBlock {
    /// Rows of C the kernel keeps in registers.
    static var rows: Int { 6 }
    /// Columns of C the kernel keeps in registers (the lanes of `Row`).
    static var columns: Int { Row.scalarCount }

    /// `C[0..<rowCount, 0..<columnCount] (+)= A · B` for one register block.
    ///
    /// - Parameters:
    ///   - depth: the inner dimension.
    ///   - a: A's element `[0, 0]`; element `[r, p]` is at `a + r·aRowStride + p·aDepthStride`.
    ///     A packed panel has strides 1 and `rows`; a row-major matrix its row length and 1. A is
    ///     read one scalar at a time (and broadcast), so it need not be contiguous; it must have
    ///     `rows` readable rows even when `rowCount` is smaller.
    ///   - aCopies: 1, or `packedLeftCopies` when A was packed with that many copies of each
    ///     element (the strides then count floats, copies included).
    ///   - b: `depth` groups of `columns` floats: B's row `p` for these columns at `b + p·columns`.
    ///   - c: C's element `[0, 0]`; rows are `cRowStride` apart, columns adjacent.
    ///   - rowCount, columnCount: how much of the block is real (a matrix's last block may be
    ///     smaller; the packed panels are padded with zeros, the extra results are dropped).
    ///   - accumulate: add to C (true) or overwrite it (false).
    @inline(__always)
    static func multiply(
        depth: Int, a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int, aCopies: Int,
        b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>,
        cRowStride: Int, rowCount: Int, columnCount: Int, accumulate: Bool
    ) {
        var (c0, c1, c2, c3, c4, c5) = (Row(), Row(), Row(), Row(), Row(), Row())
        var a = a
        var b = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let bRow = b.loadUnaligned(as: Row.self)
            c0 += leftValue(a, aCopies) * bRow
            c1 += leftValue(a + aRowStride, aCopies) * bRow
            c2 += leftValue(a + 2 * aRowStride, aCopies) * bRow
            c3 += leftValue(a + 3 * aRowStride, aCopies) * bRow
            c4 += leftValue(a + 4 * aRowStride, aCopies) * bRow
            c5 += leftValue(a + 5 * aRowStride, aCopies) * bRow
            a += aDepthStride
            b += MemoryLayout<Row>.stride
        }
        let block = (c0, c1, c2, c3, c4, c5)
        withUnsafeBytes(of: block) { registers in
            let values = registers.baseAddress!.assumingMemoryBound(to: Float.self)
            store(
                values, to: c, cRowStride: cRowStride, rowCount: rowCount, columnCount: columnCount,
                accumulate: accumulate)
        }
    }

    /// A's element at `pointer` as a `Row` of equal floats (`copies` is a constant at every call
    /// site once inlined, so the test costs nothing).
    @inline(__always)
    private static func leftValue(_ pointer: UnsafePointer<Float>, _ copies: Int) -> Row {
        copies == 1 ? Row(repeating: pointer.pointee) : broadcast(copiesAt: pointer)
    }

    /// Writes the register block (`rows` rows of `columns` floats) into C.
    @inline(__always)
    private static func store(
        _ values: UnsafePointer<Float>, to c: UnsafeMutablePointer<Float>, cRowStride: Int, rowCount: Int,
        columnCount: Int, accumulate: Bool
    ) {
        if columnCount == columns {
            for row in 0..<rowCount {
                let source = UnsafeRawPointer(values + row * columns).loadUnaligned(as: Row.self)
                let target = UnsafeMutableRawPointer(c + row * cRowStride)
                let sum = accumulate ? target.loadUnaligned(as: Row.self) + source : source
                target.storeBytes(of: sum, as: Row.self)
            }
            return
        }
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                let value = values[row * columns + column]
                let target = c + row * cRowStride + column
                target.pointee = accumulate ? target.pointee + value : value
            }
        }
    }
}
