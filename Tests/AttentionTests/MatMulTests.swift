import Testing

@testable import Attention

@Suite("Matrix product")
struct MatMulTests {
    @Test func twoMatrices() {
        let a = Tensor([[1, 2], [3, 4], [5, 6]])
        let b = Tensor([[1, 0, 2], [0, 1, 3]])
        #expect(matmul(a, b) == Tensor([[1, 2, 8], [3, 4, 18], [5, 6, 28]]))
        #expect(a.matmul(b) == matmul(a, b))
        #expect(matmul(a, a.T) == Tensor([[5, 11, 17], [11, 25, 39], [17, 39, 61]]))
    }

    @Test func vectorsLikeTorchMatmul() {
        let m = Tensor([[1, 2], [3, 4]])
        let v = Tensor([10, 20])
        #expect(matmul(v, v).shape == [])
        #expect(matmul(v, v).item == 500)
        #expect(matmul(m, v) == Tensor([50, 110]))
        #expect(matmul(v, m) == Tensor([70, 100]))
        let batch = Tensor.stacked([m, m * 2])
        #expect(matmul(batch, v) == Tensor([[50, 110], [100, 220]]))
    }

    @Test func batchDimensionsBroadcast() {
        let a = Tensor(shape: [2, 1, 2, 3], scalars: (0..<12).map(Float.init))
        let b = Tensor(shape: [3, 3, 2], scalars: (0..<18).map { Float($0) / 2 })
        let product = matmul(a, b)
        #expect(product.shape == [2, 3, 2, 2])
        // Every batch entry equals the plain product of the matching matrices.
        for i in 0..<2 {
            for j in 0..<3 {
                #expect(product[i][j] == matmul(a[i][0], b[j]))
            }
        }
        // A single matrix broadcasts against a batch.
        let shared = Tensor([[1, 0], [0, 1], [1, 1]])
        #expect(matmul(a, shared).shape == [2, 1, 2, 2])
        #expect(matmul(a, shared)[1][0] == matmul(a[1][0], shared))
    }

    @Test func emptyInnerDimensionGivesZeros() {
        #expect(matmul(Tensor.zeros([2, 0]), Tensor.zeros([0, 3])) == Tensor.zeros([2, 3]))
    }
}
