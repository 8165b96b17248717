import Foundation
import Testing

@testable import Attention

/// The softmax, now split across cores for large tensors, against its definition written out.
@Suite("Softmax across cores")
struct FastSoftmaxTests {
    @Test func largeTensorsGiveTheDefinitionsBits() {
        var generator = Generator(seed: 3)
        let scores = Tensor.rand([3, 70, 129], using: &generator) * 20 - 10
        let masked = scores.maskedFill(Mask(shape: [129], values: (0..<129).map { $0 % 3 == 0 }), with: -.infinity)
        for (tensor, dim) in [(scores, -1), (scores, 1), (masked, -1), (scores, 0)] {
            let softmax = tensor.softmax(dim: dim)
            // Every line: exp(x − max) in order, summed in order, divided.
            let moved = tensor.transposed(dim, -1)
            let lines = moved.reshaped(to: [-1, moved.shape.last!])
            var expected = [Float]()
            for line in 0..<lines.shape[0] {
                let values = lines[line].scalars
                let largest = values.max()!
                let exps = values.map { Foundation.exp($0 - largest) }
                let total = exps.reduce(0, +)
                expected += exps.map { $0 / total }
            }
            let expectedTensor = Tensor(shape: moved.shape, scalars: expected).transposed(dim, -1)
            #expect(softmax == expectedTensor, "dim \(dim)")
        }
        // A fully −∞ line: NaN from softmax, zeros from the safe variant.
        let blocked = Tensor.full([2, 300], -.infinity)
        #expect(blocked.softmax(dim: -1).scalars.allSatisfy { $0.isNaN })
        #expect(blocked.safeSoftmax(dim: -1) == Tensor.zeros([2, 300]))
        #expect(Tensor.zeros([0, 4]).softmax(dim: -1).shape == [0, 4])
    }
}
