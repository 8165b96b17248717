import Testing

@testable import Attention

@Suite("Linear")
struct LinearTests {
    let layer = Linear(weight: Tensor([[1, 2], [3, 4], [5, 6]]), bias: Tensor([0.5, -0.5, 1]))

    @Test func storesWeightAsOutByIn() {
        #expect(layer.inFeatures == 2)
        #expect(layer.outFeatures == 3)
    }

    @Test func computesXTimesWTransposedPlusBias() {
        let x = Tensor([[1, 1], [2, -1]])
        #expect(layer(x) == Tensor([[3.5, 6.5, 12], [0.5, 1.5, 5]]))
        #expect(layer(Tensor([1, 1])) == Tensor([3.5, 6.5, 12]))
        let withoutBias = Linear(weight: layer.weight)
        #expect(withoutBias(x) == matmul(x, layer.weight.T))
    }

    @Test func appliesToEveryVectorOfABatch() {
        let batch = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Float.init))
        let output = layer(batch)
        #expect(output.shape == [2, 3, 3])
        #expect(output[1][2] == layer(batch[1][2]))
    }
}

@Suite("Linear initialisation")
struct LinearInitializationTests {
    /// Layers created one after another from one seed, as `nn.Linear` after `torch.manual_seed`.
    @Test func layersBuiltInSequenceMatchTorchBitForBit() {
        for reference in Reference.cases("linear_init") {
            var generator = Generator(seed: reference["seed"].int)
            for layer in reference["layers"].array {
                let linear = Linear(
                    inFeatures: layer["in"].int, outFeatures: layer["out"].int,
                    bias: layer["bias"] == .bool(true), using: &generator)
                #expect(linear.weight == layer["weight"].tensor)
                #expect(linear.bias == layer.optional("bias_values")?.tensor)
            }
        }
    }
}
