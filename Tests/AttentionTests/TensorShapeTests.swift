import Testing

@testable import Attention

@Suite("Reshaping, transposing, joining")
struct TensorShapeTests {
    let cube = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init))

    @Test func reshapeInfersOneDimension() {
        #expect(cube.reshaped(to: [6, -1]).shape == [6, 4])
        #expect(cube.reshaped(to: [-1]).shape == [24])
        #expect(cube.reshaped(to: [4, 3, 2]).scalars == cube.scalars)
        #expect(cube.reshaped(to: [2, -1, 3]).shape == [2, 4, 3])
    }

    @Test func matrixTranspose() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(x.T == Tensor([[1, 4], [2, 5], [3, 6]]))
        #expect(x.transposed(0, 1) == x.T)
        #expect(x.transposed(-1, -2) == x.T)
        #expect(x.T.T == x)
        #expect(Tensor([1, 2]).T == Tensor([1, 2]))
    }

    @Test func transposeOfThreeDimensions() {
        let swapped = cube.transposed(0, 2)
        #expect(swapped.shape == [4, 3, 2])
        for i in 0..<2 {
            for j in 0..<3 {
                for k in 0..<4 {
                    #expect(swapped[k, j, i] == cube[i, j, k])
                }
            }
        }
        let lastTwo = cube.transposed(-2, -1)
        #expect(lastTwo.shape == [2, 4, 3])
        #expect(lastTwo[1, 3, 2] == cube[1, 2, 3])
        #expect(cube.transposed(1, 1) == cube)
    }

    @Test func unsqueezeAndSqueeze() {
        let x = Tensor([[1, 2], [3, 4]])
        #expect(x.unsqueezed(at: 0).shape == [1, 2, 2])
        #expect(x.unsqueezed(at: 1).shape == [2, 1, 2])
        #expect(x.unsqueezed(at: -1).shape == [2, 2, 1])
        #expect(x.unsqueezed(at: 1).squeezed(at: 1) == x)
    }

    @Test func concatenateAlongEachDimension() {
        let a = Tensor([[1, 2], [3, 4]])
        let b = Tensor([[5, 6], [7, 8]])
        #expect(Tensor.concatenated([a, b], along: 0) == Tensor([[1, 2], [3, 4], [5, 6], [7, 8]]))
        #expect(Tensor.concatenated([a, b], along: 1) == Tensor([[1, 2, 5, 6], [3, 4, 7, 8]]))
        #expect(Tensor.concatenated([a, b, a], along: -1).shape == [2, 6])
        let c = Tensor([[9], [10]])
        #expect(Tensor.concatenated([a, c], along: 1) == Tensor([[1, 2, 9], [3, 4, 10]]))
    }

    @Test func splitUndoesConcatenate() {
        let pieces = cube.split(sizes: [1, 3], along: 2)
        #expect(pieces.map(\.shape) == [[2, 3, 1], [2, 3, 3]])
        #expect(pieces[0].scalars == [0, 4, 8, 12, 16, 20])
        #expect(Tensor.concatenated(pieces, along: 2) == cube)
        let thirds = cube.split(count: 3, along: 1)
        #expect(thirds.map(\.shape) == [[2, 1, 4], [2, 1, 4], [2, 1, 4]])
        #expect(thirds[2].scalars == [8, 9, 10, 11, 20, 21, 22, 23])
        #expect(Tensor.concatenated(thirds, along: 1) == cube)
        let rows = Tensor([1, 2, 3, 4, 5, 6]).split(count: 3, along: 0)
        #expect(rows == [Tensor([1, 2]), Tensor([3, 4]), Tensor([5, 6])])
    }

    @Test func stackAddsADimension() {
        let a = Tensor([1, 2])
        let b = Tensor([3, 4])
        #expect(Tensor.stacked([a, b]) == Tensor([[1, 2], [3, 4]]))
        #expect(Tensor.stacked([a, b], along: 1) == Tensor([[1, 3], [2, 4]]))
        #expect(Tensor.stacked([cube, cube]).shape == [2, 2, 3, 4])
    }
}

@Suite("Reductions")
struct ReductionTests {
    let x = Tensor([[1, 5, 3], [4, 2, 6]])

    @Test func sumMeanMaxMinAlongDimensions() {
        #expect(x.sum(dim: 0) == Tensor([5, 7, 9]))
        #expect(x.sum(dim: 1) == Tensor([9, 12]))
        #expect(x.sum(dim: -1, keepingDim: true) == Tensor([[9], [12]]))
        #expect(x.mean(dim: 1) == Tensor([3, 4]))
        #expect(x.max(dim: 1) == Tensor([5, 6]))
        #expect(x.max(dim: 0, keepingDim: true) == Tensor([[4, 5, 6]]))
        #expect(x.min(dim: 1) == Tensor([1, 2]))
        #expect(x.sum().item == 21)
        #expect(x.mean().item == 3.5)
        #expect(x.max().item == 6)
        #expect(x.min().item == 1)
    }

    @Test func middleDimensionOfThree() {
        let cube = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Float.init))
        #expect(cube.sum(dim: 1) == Tensor([[6, 9], [24, 27]]))
        #expect(cube.max(dim: 1, keepingDim: true).shape == [2, 1, 2])
    }

    @Test func maxPropagatesNaN() {
        #expect(Tensor([1, .nan, 3]).max(dim: 0).item.isNaN)
        #expect(Tensor([-.infinity, -.infinity]).max(dim: 0).item == -.infinity)
    }
}
