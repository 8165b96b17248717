import Testing

@testable import Attention

/// The reference's `tiny_gpt_training` section: a one-block character-level GPT trained with AdamW
/// on batches drawn by `torch.randint` from the generator that initialised it.
@Suite("Training: tiny GPT against PyTorch")
struct TrainingTinyGPTTests {
    static let reference = TrainingReference.section("tiny_gpt_training")
    // training-semantics.md §5, tiny_gpt.
    static let initialLogits = Tolerance(atol: 1e-5)
    static let stepOneGradients = Tolerance(atol: 1e-6)
    static let stepOneParameters = Tolerance(atol: 1e-5)
    static let losses = Tolerance(atol: 1e-4)
    static let finalParameters = Tolerance(atol: 2e-4, rtol: 1e-3)

    /// The model and the generator after its initialisation (the batches come from it next).
    static func makeModel() -> (NN.DecoderOnlyTransformer, Generator) {
        var generator = Generator(seed: reference["seed"].int)
        let model = NN.DecoderOnlyTransformer(
            vocabularySize: reference["vocab_size"].int, dModel: reference["d_model"].int,
            numHeads: reference["heads"].int, contextLength: reference["context"].int, dFF: reference["d_ff"].int,
            using: &generator)
        return (model, generator)
    }

    static func named(_ model: NN.DecoderOnlyTransformer) -> [(name: String, parameter: Variable)] {
        let names = reference["parameter_order"].array.map(\.string)
        #expect(model.parameters.count == names.count, "parameter count")
        return Array(zip(names, model.parameters)).map { ($0, $1) }
    }

    /// The value to compare after an update: the key third of in_proj_bias is rounding noise.
    static func comparable(_ name: String, _ value: Tensor) -> Tensor {
        isPackedInProjectionBias(name) ? withoutKeyThird(value) : value
    }

    /// Input and target windows starting at `starts`: `data[i..<i+context]` and one further.
    static func batch(_ starts: [Int]) -> (inputs: [[Int]], targets: [Int]) {
        let (data, context) = (reference["data_ids"].ints, reference["context"].int)
        return (starts.map { Array(data[$0..<($0 + context)]) }, starts.flatMap { data[($0 + 1)...($0 + context)] })
    }

    static func loss(_ model: NN.DecoderOnlyTransformer, _ starts: [Int]) -> Variable {
        let (inputs, targets) = batch(starts)
        let logits = model(inputs)
        return crossEntropy(logits.reshaped(to: [-1, logits.shape[2]]), targets: targets)
    }

    @Test func initialWeightsMatchPyTorch() {
        for (name, parameter) in Self.named(Self.makeModel().0) {
            #expect(parameter.value == Self.reference["initial_parameters"][name].tensor, "\(name)")
        }
    }

    @Test func trainsLikePyTorch() {
        var (model, generator) = Self.makeModel()
        let named = Self.named(model)
        // Training starts from PyTorch's stored weights (initialWeightsMatchPyTorch checks the draws).
        for (name, parameter) in named { parameter.value = Self.reference["initial_parameters"][name].tensor }
        let settings = Self.reference["optimizer"]
        let betas = settings["betas"].array.map(\.number)
        let optimizer = AdamW(
            model.parameters, learningRate: settings["lr"].number, betas: (betas[0], betas[1]),
            eps: settings["eps"].number, weightDecay: settings["weight_decay"].number)
        let windows = Self.reference["data_ids"].array.count - Self.reference["context"].int
        var report = ErrorReport()
        var losses = [Float]()
        for step in 0..<Self.reference["steps"].int {
            // torch.randint(n, (batch,)): one 32-bit draw per index, modulo n.
            let starts = (0..<Self.reference["batch_size"].int).map { _ in Int(generator.nextUInt32() % UInt32(windows))
            }
            #expect(starts == Self.reference["batch_start_indices"].array[step].ints, "batch \(step)")
            if step == 0 {
                report.record(
                    "initial_logits_first_batch",
                    expectClose(
                        model(Self.batch(starts).inputs).value, Self.reference["initial_logits_first_batch"].tensor,
                        Self.initialLogits, "initial logits"), Self.initialLogits)
            }
            let loss = Self.loss(model, starts)
            optimizer.zeroGrad()
            loss.backward()
            if step == 0 {
                for (name, parameter) in named {
                    report.record(
                        "gradients_step_1",
                        expectClose(
                            parameter.grad ?? Tensor.zeros(parameter.shape),
                            Self.reference["gradients_step_1"][name].tensor, Self.stepOneGradients, name),
                        Self.stepOneGradients)
                }
            }
            optimizer.step()
            if step == 0 {
                for (name, parameter) in named {
                    let expected = Self.reference["parameters_after_step_1"][name].tensor
                    report.record(
                        "parameters_after_step_1",
                        expectClose(
                            Self.comparable(name, parameter.value), Self.comparable(name, expected),
                            Self.stepOneParameters, name), Self.stepOneParameters)
                }
            }
            losses.append(loss.item)
        }
        report.record(
            "losses", expectClose(Tensor(losses), Self.reference["losses"].tensor, Self.losses, "losses"), Self.losses)
        for (name, parameter) in named {
            let expected = Self.reference["final_parameters"][name].tensor
            report.record(
                "final_parameters",
                expectClose(
                    Self.comparable(name, parameter.value), Self.comparable(name, expected), Self.finalParameters, name),
                Self.finalParameters)
        }
        Self.checkTrainedModel(model, &report)
        report.print("tiny_gpt")
    }

    static func checkTrainedModel(_ model: NN.DecoderOnlyTransformer, _ report: inout ErrorReport) {
        let windows = reference["data_ids"].array.count - reference["context"].int
        let lastBatch = reference["batch_start_indices"].array.last?.ints ?? []
        let finalLosses = Variable.withoutRecording {
            (loss(model, Array(0..<windows)).item, loss(model, lastBatch).item)
        }
        report.record(
            "final_loss_all_windows",
            expectClose(Tensor(finalLosses.0), reference["final_loss_all_windows"].tensor, losses, "all windows"),
            losses)
        report.record(
            "final_loss_last_batch",
            expectClose(
                Tensor(finalLosses.1), reference["final_loss_last_batch_after_update"].tensor, losses, "last batch"),
            losses)

        let generation = reference["generation"]
        let vocabulary = Array(reference["vocab"].string)
        let prompt = generation["prompt"].string.map { character in vocabulary.firstIndex(of: character)! }
        let generated = generate(model, prompt: prompt, maxNewTokens: generation["new_tokens"].int)
        #expect(generated == generation["generated_ids"].ints)
        #expect(String(generated.map { vocabulary[$0] }) == generation["generated_text"].string)
        #expect(generated == generateRecomputingEverything(model, prompt, generation["new_tokens"].int))
    }

    /// Greedy decoding that reruns the last `context` tokens for every new token (no cache).
    static func generateRecomputingEverything(_ model: NN.DecoderOnlyTransformer, _ prompt: [Int], _ count: Int)
        -> [Int]
    {
        var sequence = prompt
        for _ in 0..<count {
            let rows = model(Array(sequence.suffix(model.contextLength))).value
            sequence.append(firstArgmax(rows[rows.shape[0] - 1]))
        }
        return Array(sequence.dropFirst(prompt.count))
    }
}
