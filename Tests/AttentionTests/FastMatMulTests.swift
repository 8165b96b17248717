import Testing

@testable import Attention

/// The blocked, packed, multi-threaded matrix product against the plain triple loop, on sizes
/// that leave partial register blocks and cache blocks at every edge.
@Suite("Blocked matrix product against the naive loop")
struct FastMatMulTests {
    /// A seeded `rows × columns` matrix with values in [-1, 1).
    static func random(_ rows: Int, _ columns: Int, seed: UInt64) -> [Float] {
        var generator = Generator(seed: seed)
        return (Tensor.rand([rows, columns], using: &generator) * 2 - 1).scalars
    }

    /// The naive product of row-major `a: m × n` and `b: n × p`.
    static func naive(_ a: [Float], _ b: [Float], m: Int, n: Int, p: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * p)
        c.withUnsafeMutableBufferPointer { c in
            naiveMatrixProduct(m: m, n: n, p: p, a: a, b: b, c: c.baseAddress!)
        }
        return c
    }

    /// `blockedMatrixProduct` (or the parallel one) with the given register block; `transposed`
    /// stores B as its transpose and reads it through swapped strides.
    static func blocked<Block: RegisterBlock>(
        _ block: Block.Type, _ a: [Float], _ b: [Float], m: Int, n: Int, p: Int, transposed: Bool = false,
        parallel: Bool = false
    ) -> [Float] {
        let stored = transposed ? Tensor(shape: [n, p], scalars: b).T.scalars : b
        var c = [Float](repeating: .nan, count: m * p)
        a.withUnsafeBufferPointer { a in
            stored.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    let left = MatrixView(a.baseAddress!, rowMajorColumns: n)
                    let right =
                        transposed
                        ? MatrixView(b.baseAddress!, rowMajorColumns: n).transposed
                        : MatrixView(b.baseAddress!, rowMajorColumns: p)
                    if parallel {
                        parallelMatrixProduct(
                            block, rows: m, columns: p, depth: n, a: left, b: right, c: c.baseAddress!, cRowStride: p)
                    } else {
                        blockedMatrixProduct(
                            block, rows: m, columns: p, depth: n, a: left, b: right, c: c.baseAddress!, cRowStride: p)
                    }
                }
            }
        }
        return c
    }

    static let shapes: [(m: Int, n: Int, p: Int)] = [
        (1, 1, 1), (3, 2, 3), (6, 8, 16), (7, 5, 17), (13, 31, 9), (64, 64, 64), (50, 129, 33), (121, 7, 47),
    ]

    @Test(arguments: shapes.indices)
    func sameBitsAsTheNaiveLoop(index: Int) {
        let (m, n, p) = Self.shapes[index]
        let (a, b) = (Self.random(m, n, seed: UInt64(index)), Self.random(n, p, seed: UInt64(100 + index)))
        let expected = Self.naive(a, b, m: m, n: n, p: p)
        // Inner dimension ≤ depthBlock: the same additions in the same order, so the same bits.
        for transposed in [false, true] {
            #expect(Self.blocked(NarrowRegisterBlock.self, a, b, m: m, n: n, p: p, transposed: transposed) == expected)
            #expect(Self.blocked(WideRegisterBlock.self, a, b, m: m, n: n, p: p, transposed: transposed) == expected)
        }
    }

    @Test func longInnerDimensionIsSummedInSlices() {
        let (m, n, p) = (9, 2 * MatrixBlocking.depthBlock + 37, 21)
        let (a, b) = (Self.random(m, n, seed: 1), Self.random(n, p, seed: 2))
        let expected = Tensor(shape: [m, p], scalars: Self.naive(a, b, m: m, n: n, p: p))
        for transposed in [false, true] {
            let actual = Self.blocked(NarrowRegisterBlock.self, a, b, m: m, n: n, p: p, transposed: transposed)
            expectClose(Tensor(shape: [m, p], scalars: actual), expected, "depth \(n)")
        }
    }

    @Test func splittingAcrossCoresChangesNoBits() {
        // Tall (rows are split) and wide (columns are split), above the parallel threshold.
        for (m, n, p) in [(301, 70, 45), (20, 100, 515)] {
            let (a, b) = (Self.random(m, n, seed: 3), Self.random(n, p, seed: 4))
            let serial = Self.blocked(WideRegisterBlock.self, a, b, m: m, n: n, p: p)
            #expect(Self.blocked(WideRegisterBlock.self, a, b, m: m, n: n, p: p, parallel: true) == serial)
            #expect(Self.blocked(NarrowRegisterBlock.self, a, b, m: m, n: n, p: p, parallel: true) == serial)
            #expect(serial == Self.naive(a, b, m: m, n: n, p: p))
        }
    }

    @Test func publicMatmulTakesTheFastPathForLargeAndBatchedOperands() {
        // Above naiveProductLimit; a batch of 3 broadcast against one matrix, and a vector.
        let (m, n, p) = (40, 33, 19)
        let a = Tensor(shape: [3, m, n], scalars: Self.random(3 * m, n, seed: 5))
        let b = Tensor(shape: [n, p], scalars: Self.random(n, p, seed: 6))
        #expect(m * n * p >= naiveProductLimit)
        let product = matmul(a, b)
        #expect(product.shape == [3, m, p])
        for matrix in 0..<3 {
            #expect(product[matrix].scalars == Self.naive(a[matrix].scalars, b.scalars, m: m, n: n, p: p))
        }
        let vector = Tensor(shape: [n], scalars: Self.random(1, n, seed: 7))
        #expect(matmul(vector, b).scalars == Self.naive(vector.scalars, b.scalars, m: 1, n: n, p: p))
    }

    @Test func emptyInnerDimensionOverwritesWithZeros() {
        #expect(
            Self.blocked(NarrowRegisterBlock.self, [Float](repeating: 0, count: 0), [], m: 7, n: 0, p: 20)
                == [Float](repeating: 0, count: 140))
    }
}
