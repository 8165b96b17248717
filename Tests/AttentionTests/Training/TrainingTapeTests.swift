import Foundation
import Testing

@testable import Attention

/// How the tape behaves beyond single gradients: accumulation, zeroing, graphs that reuse a
/// value, inference without recording, parameter discovery, and shape errors.
@Suite("Training: the gradient tape")
struct TrainingTapeTests {
    @Test func gradientsAccumulateUntilZeroed() {
        let w = Variable(Tensor([[0.5, -1]]), requiresGrad: true)
        let x = Variable(Tensor([[2], [3]]))
        let optimizer = SGD([w], learningRate: 0)
        matmul(w, x).sum().backward()
        #expect(w.grad == Tensor([[2, 3]]))
        matmul(w, x).sum().backward()
        #expect(w.grad == Tensor([[4, 6]]), "a second backward adds, as in PyTorch")
        optimizer.zeroGrad()
        #expect(w.grad == nil)
        #expect(x.grad == nil, "data gets no gradient")
    }

    @Test func aValueUsedTwiceCollectsBothGradients() {
        let x = Variable(Tensor([3]), requiresGrad: true)
        let y = x * x + x  // dy/dx = 2x + 1
        y.sum().backward()
        #expect(x.grad == Tensor([7]))
    }

    @Test func inferenceWithoutRecordingBuildsNoGraph() {
        let layer = NN.Linear(weight: Tensor([[1, 2]]), bias: Tensor([0.5]))
        let input = Variable(Tensor([[1, 1]]))
        let recorded = layer(input)
        let unrecorded = Variable.withoutRecording { layer(input) }
        #expect(recorded.requiresGrad)
        #expect(!unrecorded.requiresGrad)
        #expect(recorded.value == unrecorded.value)
    }

    @Test func parametersFollowDeclarationOrderThroughNestedModules() {
        var generator = Generator(seed: 0)
        let model = NN.DecoderOnlyTransformer(
            vocabularySize: 7, dModel: 4, numHeads: 2, contextLength: 3, dFF: 8, layers: 2, using: &generator)
        let names = model.namedParameters.map(\.name)
        #expect(names.first == "tokenEmbedding.weight")
        #expect(names.contains("blocks.1.attention.inProjBias"))
        #expect(names.last == "head.bias")
        #expect(names.count == 2 + 2 * 12 + 2 + 2)
        #expect(Set(model.parameters.map(ObjectIdentifier.init)).count == names.count)
    }

    @Test func feedForwardAppliesItsActivationBetweenTheLayers() {
        var generator = Generator(seed: 3)
        let block = NN.FeedForward(dModel: 4, dFF: 6, activation: .relu, using: &generator)
        let x = Variable(Tensor.randn([2, 4], using: &generator), requiresGrad: true)
        let (fc1, fc2) = (block.fc1, block.fc2)
        let hidden = matmul(x.value, fc1.weight.value.T) + fc1.bias!.value
        let expected = matmul(hidden.relu(), fc2.weight.value.T) + fc2.bias!.value
        let output = block(x)
        #expect(output.value == expected)
        output.sum().backward()
        // d(sum)/d(fc1.bias)[j] = Σ_rows [hidden > 0] · Σ_k fc2.weight[k, j]: ReLU passes or stops it.
        let columnSums = fc2.weight.value.sum(dim: 0)
        let passed = Tensor(hidden .> 0).sum(dim: 0)
        expectClose(
            fc1.bias?.grad ?? Tensor.zeros([6]), passed * columnSums, Tolerance(atol: 1e-6), "fc1.bias gradient")
    }

    @Test func loadReplacesParametersByName() {
        let norm = NN.LayerNorm(3)
        norm.load(["weight": Tensor([1, 2, 3])])
        #expect(norm.weight.value == Tensor([1, 2, 3]))
        #expect(norm.bias.value == Tensor.zeros([3]))
    }

    @Test func aWrongShapeTrapsWithTheShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Variable(Tensor.zeros([3, 2]), requiresGrad: true), Variable(Tensor.zeros([3, 2])))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("matmul: [3, 2] × [3, 2]: inner dimensions 2 and 3 differ"))
    }

    @Test func aLayerNamesTheShapesItExpected() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Generator(seed: 0)
            _ = NN.Linear(inFeatures: 4, outFeatures: 2, using: &generator)(Variable(Tensor.zeros([3, 5])))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Linear: input of shape [3, 5] does not end in inFeatures = 4"))
    }

    @Test func crossEntropyRejectsATargetOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropy(Variable(Tensor.zeros([2, 3])), targets: [0, 3])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("crossEntropy: target 3 is out of range for 3 classes"))
    }
}

/// Generation beyond the reference's greedy cases: sampling, and the sliding context window.
@Suite("Training: generation")
struct TrainingGenerationTests {
    static func model() -> NN.DecoderOnlyTransformer {
        var generator = Generator(seed: 5)
        return NN.DecoderOnlyTransformer(
            vocabularySize: 11, dModel: 8, numHeads: 2, contextLength: 4, dFF: 16, using: &generator)
    }

    @Test func cachedGreedyDecodingEqualsRerunningTheWindow() {
        let model = Self.model()
        let generated = generate(model, prompt: [1, 2], maxNewTokens: 9)
        var sequence = [1, 2]
        for _ in 0..<9 {
            let rows = model(Array(sequence.suffix(model.contextLength))).value
            sequence.append(firstArgmax(rows[rows.shape[0] - 1]))
        }
        #expect(generated == Array(sequence.dropFirst(2)))
    }

    @Test func cachedLogitsEqualTheFullSequence() {
        let model = Self.model()
        var caches = [KVCache]()
        let prefix = model.logits([3, 1], caches: &caches)
        let next = model.logits([4], caches: &caches)
        let full = model([3, 1, 4]).value
        expectClose(Tensor.concatenated([prefix, next], along: 0), full, Tolerance(atol: 1e-6), "cached logits")
        #expect(caches.count == 1 && caches[0].count == 3)
    }

    @Test func samplingIsReproducibleForASeed() {
        let model = Self.model()
        var first = Generator(seed: 9)
        var second = Generator(seed: 9)
        let a = generate(model, prompt: [0], maxNewTokens: 12, temperature: 1.5, using: &first)
        let b = generate(model, prompt: [0], maxNewTokens: 12, temperature: 1.5, using: &second)
        #expect(a == b)
        #expect(a.count == 12 && a.allSatisfy { (0..<11).contains($0) })
    }

    @Test func topOneSamplingIsGreedy() {
        let model = Self.model()
        var generator = Generator(seed: 1)
        let sampled = generate(model, prompt: [2, 7], maxNewTokens: 6, temperature: 0.7, topK: 1, using: &generator)
        #expect(sampled == generate(model, prompt: [2, 7], maxNewTokens: 6))
    }

    @Test func topKKeepsOnlyTheLikeliestTokens() {
        let model = Self.model()
        let allowed = Variable.withoutRecording { () -> Set<Int> in
            let last = model([6]).value[0].scalars
            return Set(last.indices.sorted { last[$0] > last[$1] }.prefix(3))
        }
        for seed in 0..<20 {
            var generator = Generator(seed: seed)
            let token = generate(model, prompt: [6], maxNewTokens: 1, temperature: 5, topK: 3, using: &generator)
            #expect(allowed.contains(token[0]))
        }
    }

    @Test func generationStopsAtTheStopToken() {
        let model = Self.model()
        let greedy = generate(model, prompt: [1], maxNewTokens: 8)
        let stop = greedy[2]
        let stopped = generate(model, prompt: [1], maxNewTokens: 8, stopToken: stop)
        #expect(stopped == Array(greedy.prefix(through: greedy.firstIndex(of: stop)!)))
    }
}
