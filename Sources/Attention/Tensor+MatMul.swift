/// The matrix product, with `torch.matmul`'s rules:
///
/// - two matrices `[m, n] × [n, p]` give `[m, p]`;
/// - more dimensions are batches of matrices (the last two dimensions multiply, the ones
///   before broadcast): `[2, 3, m, n] × [n, p]` gives `[2, 3, m, p]`;
/// - a 1-D left operand is a row vector and a 1-D right operand a column vector, and that
///   dimension is dropped from the result; two vectors give their dot product (a 0-D tensor).
///
/// ```swift
/// let similarities = matmul(q, k.transposed(0, 1))   // [3, 2] × [2, 3] → [3, 3]
/// ```
/// - Precondition: both operands have at least one dimension, the inner sizes agree
///   (`matmul: [3, 2] × [3, 2]: inner dimensions 2 and 3 differ`), and the batch dimensions
///   broadcast.
public func matmul(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
    matrixProduct(lhs, rhs)
}

extension Tensor {
    /// `matmul(self, other)`: the matrix product with `torch.matmul`'s broadcasting rules.
    public func matmul(_ other: Tensor) -> Tensor {
        matrixProduct(self, other)
    }
}

// The free function and the method share this body; inside `Tensor` the name `matmul` means
// the method, and the module name is taken by the `Attention` type, so neither can call the other.
private func matrixProduct(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
    check(
        lhs.rank >= 1 && rhs.rank >= 1,
        "matmul: \(lhs.shape) × \(rhs.shape): both operands need at least one dimension")
    // Vectors become 1-row / 1-column matrices; the extra dimension is removed at the end.
    let left = lhs.rank == 1 ? lhs.reshaped(to: [1, lhs.shape[0]]) : lhs
    let right = rhs.rank == 1 ? rhs.reshaped(to: [rhs.shape[0], 1]) : rhs
    let (m, n) = (left.shape[left.rank - 2], left.shape[left.rank - 1])
    let (n2, p) = (right.shape[right.rank - 2], right.shape[right.rank - 1])
    check(
        n == n2,
        "matmul: \(lhs.shape) × \(rhs.shape): inner dimensions \(n) and \(n2) differ")

    let batch = broadcastShape(
        Array(left.shape.dropLast(2)), Array(right.shape.dropLast(2)),
        "matmul \(lhs.shape) × \(rhs.shape) (batch dimensions)")
    // Which matrix of each operand the result's matrix number `i` multiplies (broadcasting).
    let leftMatrices = broadcastPositions(from: Array(left.shape.dropLast(2)), to: batch)
    let rightMatrices = broadcastPositions(from: Array(right.shape.dropLast(2)), to: batch)
    let matrices = elementCount(batch)
    var c = [Float](repeating: 0, count: matrices * m * p)

    left.scalars.withUnsafeBufferPointer { a in
        right.scalars.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                let (a, b, c) = (a.baseAddress!, b.baseAddress!, Unchecked(c.baseAddress!))
                // Several matrices: one thread per matrix. A single one: split inside it.
                let onePerThread = matrices >= Parallel.threadCount
                Parallel.forEach(onePerThread ? matrices : 1, work: matrices * m * n * p) { index in
                    for matrix in onePerThread ? index..<index + 1 : 0..<matrices {
                        singleMatrixProduct(
                            m: m, n: n, p: p, a: a + leftMatrices[matrix] * m * n, b: b + rightMatrices[matrix] * n * p,
                            c: c.value + matrix * m * p, splittingAcrossCores: !onePerThread)
                    }
                }
            }
        }
    }

    var shape = batch
    if lhs.rank > 1 { shape.append(m) }
    if rhs.rank > 1 { shape.append(p) }
    return Tensor(shape: shape, scalars: c)
}

/// Below this many multiply-adds a product uses the plain triple loop: packing costs more than it
/// saves, and the course's 3 × 2 matrices must stay as cheap as they were.
let naiveProductLimit = 4096

/// `c = a · b` for row-major `a: m × n`, `b: n × p`; `c` (m × p) is zero on entry.
private func singleMatrixProduct(
    m: Int, n: Int, p: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
    splittingAcrossCores: Bool
) {
    if m * n * p < naiveProductLimit {
        naiveMatrixProduct(m: m, n: n, p: p, a: a, b: b, c: c)
    } else if splittingAcrossCores {
        parallelMatrixProduct(
            rows: m, columns: p, depth: n, a: MatrixView(a, rowMajorColumns: n), b: MatrixView(b, rowMajorColumns: p),
            c: c, cRowStride: p)
    } else {
        blockedMatrixProduct(
            rows: m, columns: p, depth: n, a: MatrixView(a, rowMajorColumns: n), b: MatrixView(b, rowMajorColumns: p),
            c: c, cRowStride: p)
    }
}

/// The definition: `c[i, j] += Σₖ a[i, k] · b[k, j]`, summed in order of `k`. The blocked kernel
/// gives the same bits when `n` ≤ `MatrixBlocking.depthBlock`; tests compare the two.
func naiveMatrixProduct(
    m: Int, n: Int, p: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
) {
    // i-k-j order: the innermost loop walks a row of b and a row of c contiguously.
    for i in 0..<m {
        for k in 0..<n {
            let aik = a[i * n + k]
            let bRow = b + k * p
            let cRow = c + i * p
            for j in 0..<p {
                cRow[j] += aik * bRow[j]
            }
        }
    }
}
