import Testing

@testable import Attention

@Suite("PyTorch-compatible initialisation")
struct InitializationTests {
    /// `nn.Linear(in, out)`'s default init: weight by Kaiming uniform with a = √5, then the
    /// bias from U(±1/√in). (The `Linear` layer itself lives elsewhere; this is its draw order.)
    private func linearParameters(
        inFeatures: Int, outFeatures: Int, bias: Bool, using generator: inout Generator
    ) -> (weight: Tensor, bias: Tensor?) {
        let weight = Tensor.kaimingUniform([outFeatures, inFeatures], a: 5.0.squareRoot(), using: &generator)
        guard bias else { return (weight, nil) }
        let bound = 1 / Double(inFeatures).squareRoot()
        return (weight, Tensor.uniform([outFeatures], from: -bound, to: bound, using: &generator))
    }

    @Test("Linear layers built in sequence match nn.Linear bit for bit")
    func linearInitMatchesTorch() {
        for reference in TorchRandomReference.shared.linearInit {
            var generator = Generator(seed: reference.seed)
            for layer in reference.layers {
                let label = "seed \(reference.seed), Linear(\(layer.inFeatures), \(layer.outFeatures))"
                let (weight, bias) = linearParameters(
                    inFeatures: layer.inFeatures, outFeatures: layer.outFeatures,
                    bias: layer.biasValues != nil, using: &generator)
                #expect(weight.shape == [layer.outFeatures, layer.inFeatures], "\(label)")
                #expect(floatBits(weight.scalars) == floatBits(layer.weight.flatMap { $0 }), "\(label)")
                #expect(floatBits(bias?.scalars ?? []) == floatBits(layer.biasValues ?? []), "\(label)")
            }
        }
    }

    @Test("torch.manual_seed(0); nn.Linear(4, 3) has the golden bits of pytorch-semantics.md §2.3")
    func goldenLinear4x3() throws {
        var generator = Generator(seed: 0)
        let (weight, bias) = linearParameters(inFeatures: 4, outFeatures: 3, bias: true, using: &generator)
        let weightBits: [UInt32] = [
            0xbb75_5400, 0x3e89_545e, 0xbed2_b316, 0xbebc_6680,
            0xbe45_32f4, 0x3e09_4bec, 0xbc22_4f40, 0x3eca_face,
            0xbd35_bf70, 0x3e07_7b4c, 0xbe1a_bbac, 0xbdc9_4870,
        ]
        #expect(floatBits(weight.scalars) == weightBits)
        #expect(floatBits(try #require(bias).scalars) == [0xbef4_91b8, 0xbea9_8b52, 0xbe53_0ee8])
    }

    @Test("MultiheadAttention's draws (Linear, then Xavier uniform) and randn inputs match PyTorch")
    func multiheadAttentionDrawsMatchTorch() {
        // Order from pytorch-semantics.md §1.2: out_proj = Linear(E, E) is built first (weight,
        // then bias if any), then xavier_uniform_ on in_proj_weight [3E, E]. The biases are
        // zeroed afterwards, so only the weights can be compared.
        var generator = Generator(seed: 99)
        for (index, reference) in TorchRandomReference.shared.multiheadAttention.enumerated() {
            let e = reference.embedDim
            let outProjection = linearParameters(
                inFeatures: e, outFeatures: e, bias: reference.bias, using: &generator)
            let inProjection = Tensor.xavierUniform([3 * e, e], using: &generator)
            let query = Tensor.randn(shapeOf(reference.query), using: &generator)
            let keyValue = Tensor.randn(shapeOf(reference.keyValue), using: &generator)
            let label = "case \(index), E = \(e)"
            #expect(
                floatBits(outProjection.weight.scalars) == floatBits(reference.outProjWeight.flatMap { $0 }), "\(label)"
            )
            #expect(floatBits(inProjection.scalars) == floatBits(reference.inProjWeight.flatMap { $0 }), "\(label)")
            #expect(floatBits(query.scalars) == floatBits(reference.query.flatMap { $0.flatMap { $0 } }), "\(label)")
            #expect(
                floatBits(keyValue.scalars) == floatBits(reference.keyValue.flatMap { $0.flatMap { $0 } }), "\(label)")
        }
    }

    private func shapeOf(_ nested: [[[Double]]]) -> [Int] {
        [nested.count, nested.first?.count ?? 0, nested.first?.first?.count ?? 0]
    }

    @Test("fans follows _calculate_fan_in_and_fan_out")
    func fans() {
        #expect(Tensor.fans(of: [3, 4]) == (fanIn: 4, fanOut: 3))  // Linear(4, 3).weight
        #expect(Tensor.fans(of: [24, 8]) == (fanIn: 8, fanOut: 24))  // MHA in_proj_weight, E = 8
        #expect(Tensor.fans(of: [1, 1, 8]) == (fanIn: 8, fanOut: 8))  // MHA bias_k
        #expect(Tensor.fans(of: [16, 3, 5, 5]) == (fanIn: 75, fanOut: 400))  // Conv2d(3, 16, 5)
    }

    @Test(
        "Kaiming uniform with a = √5 equals U(±1/√fan_in) after the Float cast", arguments: [1, 3, 5, 6, 37, 100, 4099])
    func kaimingMatchesLinearBound(fanIn: Int) {
        var kaiming = Generator(seed: 7)
        var direct = Generator(seed: 7)
        let weight = Tensor.kaimingUniform([4, fanIn], a: 5.0.squareRoot(), using: &kaiming)
        let bound = 1 / Double(fanIn).squareRoot()
        let expected = Tensor.uniform([4, fanIn], from: -bound, to: bound, using: &direct)
        #expect(floatBits(weight.scalars) == floatBits(expected.scalars))
    }

    @Test("Kaiming uniform with a = 0 is U(±√(6/fan_in)) (He et al., ReLU gain √2)")
    func kaimingReLUBound() {
        var generator = Generator(seed: 1)
        let weight = Tensor.kaimingUniform([50, 30, 2], using: &generator)  // fan_in 60
        let bound = Float((6.0 / 60.0).squareRoot())
        #expect(weight.shape == [50, 30, 2])
        #expect(weight.scalars.allSatisfy { $0 >= -bound && $0 < bound })
        #expect(weight.scalars.max()! > 0.99 * bound)
        #expect(weight.scalars.min()! < -0.99 * bound)
    }

    @Test("Xavier uniform draws U(±gain·√(6/(fan_in+fan_out)))")
    func xavierUniformBound() {
        var xavier = Generator(seed: 2)
        var direct = Generator(seed: 2)
        let weight = Tensor.xavierUniform([24, 8], gain: 5.0 / 3.0, using: &xavier)
        // PyTorch's order: √3 · (gain · √(2/(fan_in + fan_out))).
        let bound = 3.0.squareRoot() * (5.0 / 3.0 * (2.0 / 32.0).squareRoot())
        let expected = Tensor.uniform([24, 8], from: -bound, to: bound, using: &direct)
        #expect(floatBits(weight.scalars) == floatBits(expected.scalars))
        #expect(weight.scalars.allSatisfy { $0.magnitude <= Float(bound) })
    }

    @Test("Xavier normal takes the block path from 16 elements: exactly randn · std")
    func xavierNormalBlockPath() {
        var xavier = Generator(seed: 4)
        var standard = Generator(seed: 4)
        let biasK = Tensor.xavierNormal([1, 1, 16], using: &xavier)  // std √(2/32) = 1/4
        let z = Tensor.randn([1, 1, 16], using: &standard)
        #expect(floatBits(biasK.scalars) == floatBits(z.scalars.map { $0 * 0.25 }))
    }

    @Test("Xavier normal takes the small path below 16 elements, scaling in Double")
    func xavierNormalSmallPath() {
        var xavier = Generator(seed: 4)
        var standard = Generator(seed: 4)
        let biasK = Tensor.xavierNormal([1, 1, 8], using: &xavier)  // std √(2/16)
        let std = (2.0 / 16.0).squareRoot()
        let expected = (0..<8).map { _ in Float(standard.nextStandardNormalDouble() * std) }
        #expect(floatBits(biasK.scalars) == floatBits(expected))
        #expect(xavier.cachedNormalSample == standard.cachedNormalSample)
    }
}
