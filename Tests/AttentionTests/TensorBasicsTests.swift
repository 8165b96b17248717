import Testing

@testable import Attention

@Suite("Tensor creation and indexing")
struct TensorBasicsTests {
    @Test func initialisersGiveShapes() {
        #expect(Tensor(2.5).shape == [])
        #expect(Tensor([1, 2, 3]).shape == [3])
        #expect(Tensor([[1, 2, 3], [4, 5, 6]]).shape == [2, 3])
        let batch = Tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 10], [11, 12]]])
        #expect(batch.shape == [3, 2, 2])
        #expect(batch.scalars == (1...12).map(Float.init))
        #expect(Tensor.zeros([2, 3]).scalars == [Float](repeating: 0, count: 6))
        #expect(Tensor.ones([4]).scalars == [1, 1, 1, 1])
        #expect(Tensor.full([2, 2], -1e9).scalars.allSatisfy { $0 == -1e9 })
        #expect(Tensor(Mask([[true, false]])) == Tensor([[1, 0]]))
    }

    @Test func elementSubscriptReadsAndWritesRowMajor() {
        var x = Tensor([[1.16, 0.23], [0.57, 1.36], [4.41, -2.16]])
        #expect(x[1, 0] == 0.57)
        #expect(x[-1, -1] == -2.16)
        x[2, 1] = 7
        #expect(x.scalars[5] == 7)
        let cube = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init))
        #expect(cube[1, 2, 3] == 23)
        #expect(cube[0, 1, 2] == 6)
    }

    @Test func sliceSubscriptTakesAlongFirstDimension() {
        var cube = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init))
        #expect(cube[1].shape == [3, 4])
        #expect(cube[1][0].scalars == [12, 13, 14, 15])
        #expect(cube[-1] == cube[1])
        #expect(Tensor([5, 6, 7])[1].shape == [])
        #expect(Tensor([5, 6, 7])[1].item == 6)
        cube[0] = Tensor.zeros([3, 4])
        #expect(cube.scalars.prefix(12).allSatisfy { $0 == 0 })
        #expect(cube.scalars[12] == 12)
    }

    @Test func elementwiseFunctions() {
        let x = Tensor([0, 1, 4])
        expectClose(x.exp(), Tensor([1, 2.7182817, 54.59815]))
        #expect(x.log().scalars[0] == -.infinity)
        #expect(x.sqrt() == Tensor([0, 1, 2]))
        #expect(-x == Tensor([0, -1, -4]))
        #expect(Tensor([-2, 3]).abs() == Tensor([2, 3]))
        #expect(x.map { $0 * 10 } == Tensor([0, 10, 40]))
    }
}

@Suite("Broadcasting arithmetic")
struct BroadcastingTests {
    @Test func sameShapeAndScalars() {
        let a = Tensor([[1, 2], [3, 4]])
        let b = Tensor([[10, 20], [30, 40]])
        #expect(a + b == Tensor([[11, 22], [33, 44]]))
        #expect(b - a == Tensor([[9, 18], [27, 36]]))
        #expect(a * b == Tensor([[10, 40], [90, 160]]))
        #expect(b / a == Tensor([[10, 10], [10, 10]]))
        #expect(a * 2 == Tensor([[2, 4], [6, 8]]))
        #expect(1 - a == Tensor([[0, -1], [-2, -3]]))
        #expect(12 / a == Tensor([[12, 6], [4, 3]]))
        #expect(a / Float(2.0).squareRoot() == a.map { $0 / Float(2.0).squareRoot() })
    }

    @Test func rowAndColumnVectorsBroadcast() {
        let matrix = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(matrix + Tensor([10, 20, 30]) == Tensor([[11, 22, 33], [14, 25, 36]]))
        #expect(matrix + Tensor([[100], [200]]) == Tensor([[101, 102, 103], [204, 205, 206]]))
        // [3, 1] + [4] → [3, 4], an outer sum.
        let outer = Tensor([[0], [10], [20]]) + Tensor([1, 2, 3, 4])
        #expect(outer.shape == [3, 4])
        #expect(outer[2, 3] == 24)
    }

    @Test func leadingDimensionsBroadcast() {
        let batch = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Float.init))
        let bias = Tensor([[100, 200], [300, 400], [500, 600]])
        let sum = batch + bias
        #expect(sum.shape == [2, 3, 2])
        #expect(sum[1, 2, 1] == 11 + 600)
        #expect(sum[0, 0, 0] == 100)
        // [2, 1, 2] against [1, 3, 1] → [2, 3, 2].
        let mixed =
            Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4]) * Tensor(shape: [1, 3, 1], scalars: [1, 10, 100])
        #expect(mixed.shape == [2, 3, 2])
        #expect(mixed.scalars == [1, 2, 10, 20, 100, 200, 3, 4, 30, 40, 300, 400])
    }

    @Test func compoundAssignmentKeepsShape() {
        var x = Tensor([[1, 2], [3, 4]])
        x += Tensor([1, 1])
        x *= 2
        #expect(x == Tensor([[4, 6], [8, 10]]))
    }

    @Test func broadcastToExplicitShape() {
        let row = Tensor([1, 2, 3])
        let grid = row.broadcast(to: [2, 3])
        #expect(grid == Tensor([[1, 2, 3], [1, 2, 3]]))
        #expect(broadcastShape([5, 1, 4], [3, 1], "test") == [5, 3, 4])
    }
}
