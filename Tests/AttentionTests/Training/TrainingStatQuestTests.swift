import Testing

@testable import Attention

/// The StatQuest section: initial weights, step-1 gradients and Adam state, every step's loss,
/// final weights, logits and attention, and the answers to both prompts.
@Suite("Training: StatQuest's decoder against PyTorch")
struct TrainingStatQuestTests {
    static let reference = TrainingReference.section("statquest_decoder")
    // training-semantics.md §5, statquest.
    static let stepOne = Tolerance(atol: 1e-6)
    static let losses = Tolerance(atol: 1e-5)
    static let finalParameters = Tolerance(atol: 1e-3, rtol: 1e-3)
    static let logits = Tolerance(atol: 5e-3, rtol: 1e-3)
    static let attention = Tolerance(atol: 1e-3)

    static func makeModel() -> StatQuestDecoder {
        var generator = Generator(seed: reference["seed"].int)
        return StatQuestDecoder(
            numTokens: reference["num_tokens"].int, dModel: reference["d_model"].int,
            maxLength: reference["max_len"].int, using: &generator)
    }

    /// The parameters paired with their PyTorch names (same order: `named_parameters()`).
    static func named(_ model: StatQuestDecoder) -> [(name: String, parameter: Variable)] {
        let names = reference["parameter_order"].array.map(\.string)
        #expect(model.parameters.count == names.count, "parameter count")
        return Array(zip(names, model.parameters)).map { ($0, $1) }
    }

    @Test func initialWeightsAreBitExact() {
        for (name, parameter) in Self.named(Self.makeModel()) {
            #expect(parameter.value == Self.reference["initial_parameters"][name].tensor, "\(name)")
        }
    }

    @Test func positionsAreSinusoidal() {
        // PyTorch's float32 cos(1) is 1 ulp above the correctly rounded value the library computes.
        expectClose(
            Self.makeModel().positions, Self.reference["position_encoding"].tensor, Tolerance(atol: 1e-7),
            "position encoding")
    }

    @Test func untrainedModelAnswersLikePyTorch() {
        let untrained = Self.reference["untrained_generation"]
        let prompt = untrained["prompt"].string.split(separator: " ").map {
            Self.reference["token_to_id"][String($0)].int
        }
        #expect(Self.answer(Self.makeModel(), prompt) == untrained["predicted_ids"].ints)
    }

    @Test func trainsStepForStepLikePyTorch() {
        let model = Self.makeModel()
        let named = Self.named(model)
        let settings = Self.reference["optimizer"]
        let betas = settings["betas"].array.map(\.number)
        let optimizer = Adam(
            model.parameters, learningRate: settings["lr"].number, betas: (betas[0], betas[1]),
            eps: settings["eps"].number, weightDecay: settings["weight_decay"].number)
        let (inputs, labels) = (Self.reference["inputs"].array.map(\.ints), Self.reference["labels"].array.map(\.ints))
        var report = ErrorReport()
        var losses = [Float]()
        for _ in 0..<Self.reference["epochs"].int {
            for (input, label) in zip(inputs, labels) {  // DataLoader: batch size 1, no shuffle
                let loss = crossEntropy(model(input), targets: label)
                optimizer.zeroGrad()
                loss.backward()
                if losses.isEmpty {
                    for (name, parameter) in named {
                        let expected = Self.reference["gradients_step_1"][name].tensor
                        report.record(
                            "gradients_step_1",
                            expectClose(parameter.grad ?? Tensor.zeros(parameter.shape), expected, Self.stepOne, name),
                            Self.stepOne)
                    }
                }
                optimizer.step()
                if losses.isEmpty { Self.checkAfterStepOne(named, optimizer, &report) }
                losses.append(loss.item)
            }
        }
        let expectedLosses = Self.reference["losses"].tensor
        #expect(losses.count == Self.reference["steps"].int)
        report.record("losses", expectClose(Tensor(losses), expectedLosses, Self.losses, "losses"), Self.losses)
        for (name, parameter) in named {
            let expected = Self.reference["final_parameters"][name].tensor
            report.record(
                "final_parameters", expectClose(parameter.value, expected, Self.finalParameters, name),
                Self.finalParameters)
        }
        Self.checkTrainedModel(model, &report)
        report.print("statquest")
    }

    static func checkAfterStepOne(
        _ named: [(name: String, parameter: Variable)], _ optimizer: Adam, _ report: inout ErrorReport
    ) {
        for (index, (name, parameter)) in named.enumerated() {
            let state = reference["adam_state_after_step_1"][name]
            report.record(
                "parameters_after_step_1",
                expectClose(parameter.value, reference["parameters_after_step_1"][name].tensor, stepOne, name), stepOne)
            guard let actual = optimizer.states[index] else {
                Issue.record("\(name): no Adam state after step 1")
                continue
            }
            #expect(actual.step == state["step"].int)
            report.record(
                "adam_state_after_step_1", expectClose(actual.expAvg, state["exp_avg"].tensor, stepOne, name), stepOne)
            report.record(
                "adam_state_after_step_1", expectClose(actual.expAvgSq, state["exp_avg_sq"].tensor, stepOne, name),
                stepOne)
        }
    }

    /// Final logits and attention on the training inputs; both prompts answered as PyTorch does,
    /// with and without the KV cache.
    static func checkTrainedModel(_ model: StatQuestDecoder, _ report: inout ErrorReport) {
        for (index, input) in reference["inputs"].array.map(\.ints).enumerated() {
            report.record(
                "final_logits",
                expectClose(
                    model(input).value, reference["final_logits"].array[index].tensor, logits, "final logits \(index)"),
                logits)
            report.record(
                "final_attention_percents",
                expectClose(
                    model.selfAttention.weights(model.encodings(input)),
                    reference["final_attention_percents"].array[index].tensor, attention, "attention \(index)"),
                attention)
        }
        for generation in reference["generation"].array {
            let prompt = generation["prompt_ids"].ints
            let answer = answer(model, prompt)
            #expect(answer == generation["predicted_ids"].ints, "answer to \(generation["prompt"].string)")
            #expect(answer == answerRecomputingEverything(model, prompt), "the KV cache changes nothing")
            // The logits behind every choice, rerunning the whole sequence as the notebook does.
            var sequence = prompt
            for (step, expected) in generation["last_row_logits_per_step"].array.enumerated() {
                let rows = model(sequence).value
                report.record(
                    "generation logits", expectClose(rows[rows.shape[0] - 1], expected.tensor, logits, "step \(step)"),
                    logits)
                if step < answer.count { sequence.append(answer[step]) }
            }
        }
    }

    /// The notebook's inference cell: predict after the prompt, then keep appending the
    /// prediction while the sequence is shorter than `max_len` and the prediction is not <EOS>.
    static func answer(_ model: StatQuestDecoder, _ prompt: [Int]) -> [Int] {
        generate(
            model, prompt: prompt, maxNewTokens: reference["max_len"].int - prompt.count + 1,
            stopToken: reference["token_to_id"]["<EOS>"].int)
    }

    /// The same loop with the whole sequence rerun for every token (no cache).
    static func answerRecomputingEverything(_ model: StatQuestDecoder, _ prompt: [Int]) -> [Int] {
        let end = reference["token_to_id"]["<EOS>"].int
        var sequence = prompt
        var answer = [Int]()
        while answer.count < reference["max_len"].int - prompt.count + 1 {
            let rows = model(sequence).value
            let token = firstArgmax(rows[rows.shape[0] - 1])
            answer.append(token)
            sequence.append(token)
            if token == end { break }
        }
        return answer
    }
}
