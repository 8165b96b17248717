import Testing

@testable import Attention

/// Expected texts are PyTorch 2.x's `print(t)` with default print options.
@Suite("Printing like PyTorch")
struct DescriptionTests {
    @Test func matrixWithFourDecimals() {
        let output = Tensor([[1.010040521621704, 1.0640735626220703], [0.20402206, 0.70573], [3.4989178, 2.2427182]])
        #expect(
            output.description == """
                tensor([[1.0100, 1.0641],
                        [0.2040, 0.7057],
                        [3.4989, 2.2427]])
                """)
    }

    @Test func negativeValuesPadPositives() {
        let q = Tensor([[0.7621, -0.0428], [1.1063, 0.7890]])
        #expect(q.description == "tensor([[ 0.7621, -0.0428],\n        [ 1.1063,  0.7890]])")
    }

    @Test func integersPrintWithATrailingPoint() {
        #expect(Tensor([1, 2, 3]).description == "tensor([1., 2., 3.])")
        #expect(Tensor([-10, 2]).description == "tensor([-10.,   2.])")
        #expect(
            Tensor(shape: [2, 2, 2], scalars: (0..<8).map(Float.init)).description == """
                tensor([[[0., 1.],
                         [2., 3.]],

                        [[4., 5.],
                         [6., 7.]]])
                """)
    }

    @Test func wideRangeSwitchesToScientific() {
        let masked = Tensor([[-0.0700, -1e9], [-0.2844, 0.2883]])
        #expect(
            masked.description
                == "tensor([[-7.0000e-02, -1.0000e+09],\n        [-2.8440e-01,  2.8830e-01]])")
        #expect(Tensor([0.00001, 1]).description == "tensor([1.0000e-05, 1.0000e+00])")
    }

    @Test func nonFiniteValues() {
        let causal = Tensor.full([3, 3], -.infinity).triu(diagonal: 1)
        #expect(
            causal.description == """
                tensor([[0., -inf, -inf],
                        [0., 0., -inf],
                        [0., 0., 0.]])
                """)
        #expect(Tensor([-.infinity, -.infinity]).softmax(dim: 0).description == "tensor([nan, nan])")
        #expect(Tensor([0.5, .nan, -.infinity]).description == "tensor([0.5000,    nan,   -inf])")
    }

    @Test func scalarsAndEmptyTensors() {
        #expect(Tensor(2.5).description == "tensor(2.5000)")
        #expect(Tensor(3).description == "tensor(3.)")
        #expect(Tensor.zeros([0]).description == "tensor([])")
        #expect(Tensor.zeros([2, 0]).description == "tensor([], size=(2, 0))")
    }

    @Test func longVectorsWrapAtEightyColumns() {
        let x = Tensor((0..<20).map { Float($0) + 0.5 })
        // Elements are 7 wide; (80 − 7) / (7 + 2) = 8 per line.
        #expect(
            x.description == """
                tensor([ 0.5000,  1.5000,  2.5000,  3.5000,  4.5000,  5.5000,  6.5000,  7.5000,
                         8.5000,  9.5000, 10.5000, 11.5000, 12.5000, 13.5000, 14.5000, 15.5000,
                        16.5000, 17.5000, 18.5000, 19.5000])
                """)
    }

    @Test func largeTensorsAreSummarised() {
        #expect(Tensor.zeros([2000]).description == "tensor([0., 0., 0.,  ..., 0., 0., 0.])")
        #expect(
            Tensor.zeros([100, 100]).description == """
                tensor([[0., 0., 0.,  ..., 0., 0., 0.],
                        [0., 0., 0.,  ..., 0., 0., 0.],
                        [0., 0., 0.,  ..., 0., 0., 0.],
                        ...,
                        [0., 0., 0.,  ..., 0., 0., 0.],
                        [0., 0., 0.,  ..., 0., 0., 0.],
                        [0., 0., 0.,  ..., 0., 0., 0.]])
                """)
    }

    @Test func masksPrintLikeBoolTensors() {
        #expect(!Mask.causal(3) == Mask([[false, true, true], [false, false, true], [false, false, false]]))
        #expect((!Mask.causal(2)).description == "tensor([[False,  True],\n        [False, False]])")
        #expect(Mask([true, true]).description == "tensor([True, True])")
    }
}
