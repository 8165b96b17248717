import Testing

@testable import Attention

@Suite("Softmax")
struct SoftmaxTests {
    @Test("PyTorch's softmax edge cases", arguments: Reference.cases("softmax").indices)
    func matchesTorch(index: Int) {
        let reference = Reference.cases("softmax")[index]
        let input = reference["input"].tensor
        expectClose(input.softmax(dim: -1), reference["output"].tensor, tolerance: 1e-6, "softmax(\(input.scalars))")
    }

    @Test func rowsAddUpToOneAlongTheChosenDimension() {
        let x = Tensor([[1, 2, 3], [-1, 0, 10]])
        expectClose(x.softmax(dim: 1).sum(dim: 1), Tensor([1, 1]))
        expectClose(x.softmax(dim: 0).sum(dim: 0), Tensor([1, 1, 1]))
        // Column 2 holds 3 and 10: softmax gives e^10 / (e^3 + e^10) = 1 / (1 + e^-7) to the 10.
        let columns = x.softmax(dim: 0)
        expectClose(Tensor(columns[1, 2]), Tensor(1 / (1 + Tensor(-7).exp().item)))
    }

    @Test func allNegativeInfinityRowIsNaNButSafeSoftmaxGivesZero() {
        let x = Tensor([[-.infinity, -.infinity], [0, -.infinity]])
        let plain = x.softmax(dim: -1)
        #expect(plain[0, 0].isNaN && plain[0, 1].isNaN)
        #expect(plain[1] == Tensor([1, 0]))
        let safe = x.safeSoftmax(dim: -1)
        #expect(safe[0] == Tensor([0, 0]))
        #expect(safe[1] == Tensor([1, 0]))
    }
}

@Suite("Masks and triangles")
struct MaskTests {
    @Test func causalMaskIsTrueOnAndBelowTheDiagonal() {
        #expect(Mask.causal(3) == Mask([[true, false, false], [true, true, false], [true, true, true]]))
        #expect(!Mask.causal(2) == Mask([[false, true], [false, false]]))
        #expect(Mask.causal(3) == (Tensor.ones([3, 3]).tril() .== 1))
    }

    @Test func rectangularCausalAlignments() {
        // 3 queries, 5 keys: upper-left lets query i see keys 0...i (PyTorch is_causal);
        // lower-right lets it see keys 0...i+2, so the last query sees everything (KV cache).
        #expect(
            Mask.causal(queries: 3, keys: 5)
                == Mask([
                    [true, false, false, false, false],
                    [true, true, false, false, false],
                    [true, true, true, false, false],
                ]))
        #expect(
            Mask.causal(queries: 3, keys: 5, alignment: .lowerRight)
                == Mask([
                    [true, true, true, false, false],
                    [true, true, true, true, false],
                    [true, true, true, true, true],
                ]))
        #expect(Mask.causal(queries: 4, keys: 2, alignment: .lowerRight)[0, 0] == false)
        #expect(Mask.causal(queries: 4, keys: 2, alignment: .lowerRight)[2, 0] == true)
    }

    @Test func logicBroadcasts() {
        let rows = Mask(shape: [2, 1], values: [true, false])
        let columns = Mask([true, false, true])
        #expect((rows && columns) == Mask([[true, false, true], [false, false, false]]))
        #expect((rows || columns) == Mask([[true, true, true], [true, false, true]]))
        var m = Mask.full([2, 2], false)
        m[1, 0] = true
        #expect(m.values == [false, false, true, false])
        #expect(m.transposed(0, 1).values == [false, true, false, false])
    }

    @Test func comparisonsGiveMasks() {
        let x = Tensor([[1, 2], [3, 4]])
        #expect((x .> 2) == Mask([[false, false], [true, true]]))
        #expect((x .<= Tensor([1, 4])) == Mask([[true, true], [false, true]]))
        #expect((x .== 4).values == [false, false, false, true])
        #expect((x .!= 4).values == [true, true, true, false])
    }

    @Test("tril and triu keep the documented diagonals", arguments: [-1, 0, 1, 2])
    func triangles(diagonal: Int) {
        let x = Tensor(shape: [3, 4], scalars: (1...12).map(Float.init))
        let lower = x.tril(diagonal: diagonal)
        let upper = x.triu(diagonal: diagonal)
        for i in 0..<3 {
            for j in 0..<4 {
                #expect(lower[i, j] == (j - i <= diagonal ? x[i, j] : 0))
                #expect(upper[i, j] == (j - i >= diagonal ? x[i, j] : 0))
            }
        }
    }

    @Test func triangleAppliesToEveryMatrixOfABatch() {
        let batch = Tensor.ones([2, 3, 3]).tril()
        #expect(batch[0] == Tensor.ones([3, 3]).tril())
        #expect(batch[1] == batch[0])
        #expect(batch.sum().item == 12)
    }

    @Test func squareSubsequentMaskFromTriu() {
        let mask = Tensor.full([3, 3], -.infinity).triu(diagonal: 1)
        #expect(mask == Tensor([[0, -.infinity, -.infinity], [0, 0, -.infinity], [0, 0, 0]]))
    }

    @Test func maskedFillBroadcastsTheMask() {
        let scores = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(
            scores.maskedFill(Mask([[false, true, false], [true, false, false]]), with: -1)
                == Tensor([[1, -1, 3], [-1, 5, 6]]))
        // One row of the mask applies to every row.
        #expect(scores.maskedFill(Mask([false, false, true]), with: 0) == Tensor([[1, 2, 0], [4, 5, 0]]))
        // The course's mask, true = masked.
        let blocked = Tensor.ones([2, 3]).tril() .== 0
        #expect(scores.maskedFill(blocked, with: -1e9) == Tensor([[1, -1e9, -1e9], [4, 5, -1e9]]))
    }

    @Test func isCloseAndAllClose() {
        let a = Tensor([1, 2, .infinity, .nan])
        let b = Tensor([1.000001, 2.1, .infinity, .nan])
        #expect(a.isClose(b).values == [true, false, true, false])
        #expect(a.isClose(b, equalNaN: true).values == [true, false, true, true])
        #expect(Tensor([1, 2]).allClose(Tensor([1.000001, 2])))
        #expect(!Tensor([1, 2]).allClose(Tensor([1.01, 2])))
        #expect(Tensor([1, 2]).allClose(Tensor([1.01, 2]), atol: 0.02))
    }
}
