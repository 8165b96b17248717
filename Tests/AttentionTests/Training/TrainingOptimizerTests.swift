import Testing

@testable import Attention

/// The reference's `optimizers` section: one parameter, a few fixed gradients, and PyTorch's
/// parameter and state after every step.
@Suite("Training: optimizers against PyTorch")
struct TrainingOptimizerTests {
    /// training-semantics.md §5: rtol 1e-6, atol 1e-6 (SGD has no square root and is bit-exact).
    static let tolerance = Tolerance(atol: 1e-6, rtol: 1e-6)

    @Test func everyStepOfEveryOptimizerMatchesPyTorch() {
        let cases = TrainingReference.section("optimizers")["cases"].array
        #expect(!cases.isEmpty)
        var report = ErrorReport()
        for reference in cases {
            let name = reference["name"].string
            let parameter = Variable(reference["initial_parameter"].tensor, requiresGrad: true)
            let optimizer = Self.optimizer(reference, for: parameter)
            let steps = reference["gradients"].array
            #expect(steps.count == reference["parameter_after_step"].array.count)
            for (step, gradient) in steps.enumerated() {
                parameter.grad = gradient.tensor
                optimizer.step()
                let expected = reference["parameter_after_step"].array[step].tensor
                let state = reference["state_after_step"].array[step]
                let what = "\(name) step \(step + 1)"
                if let sgd = optimizer as? SGD {
                    #expect(parameter.value == expected, "\(what): SGD is bit-exact")
                    report.record(
                        "SGD parameters", expectClose(parameter.value, expected, Self.tolerance, what), Self.tolerance)
                    let buffer = state.optional("momentum_buffer")?.tensor
                    #expect((sgd.momentumBuffers[0] == nil) == (buffer == nil), "\(what): momentum buffer presence")
                    if let buffer, let actual = sgd.momentumBuffers[0] {
                        report.record(
                            "SGD momentum buffers", expectClose(actual, buffer, Self.tolerance, what), Self.tolerance)
                    }
                } else if let adam = optimizer as? Adam, let actual = adam.states[0] {
                    report.record(
                        "Adam/AdamW parameters", expectClose(parameter.value, expected, Self.tolerance, what),
                        Self.tolerance)
                    #expect(actual.step == state["step"].int, "\(what): step count")
                    report.record(
                        "Adam/AdamW exp_avg", expectClose(actual.expAvg, state["exp_avg"].tensor, Self.tolerance, what),
                        Self.tolerance)
                    report.record(
                        "Adam/AdamW exp_avg_sq",
                        expectClose(actual.expAvgSq, state["exp_avg_sq"].tensor, Self.tolerance, what), Self.tolerance)
                } else {
                    Issue.record("\(what): no optimizer state")
                }
            }
        }
        report.print("optimizers")
    }

    /// The optimizer the case names, with its hyperparameters (PyTorch's defaults when absent).
    static func optimizer(_ reference: JSON, for parameter: Variable) -> any Optimizer {
        let settings = reference["hyperparameters"]
        func number(_ key: String, _ otherwise: Double) -> Double { settings.optional(key)?.number ?? otherwise }
        let betas = settings.optional("betas")?.array.map(\.number) ?? [0.9, 0.999]
        switch reference["optimizer"].string {
        case "SGD":
            return SGD(
                [parameter], learningRate: number("lr", 1e-3), momentum: number("momentum", 0),
                dampening: number("dampening", 0), weightDecay: number("weight_decay", 0),
                nesterov: settings.optional("nesterov")?.bool ?? false)
        case "Adam":
            return Adam(
                [parameter], learningRate: number("lr", 1e-3), betas: (betas[0], betas[1]), eps: number("eps", 1e-8),
                weightDecay: number("weight_decay", 0),
                decoupledWeightDecay: settings.optional("decoupled_weight_decay")?.bool ?? false)
        case "AdamW":
            return AdamW(
                [parameter], learningRate: number("lr", 1e-3), betas: (betas[0], betas[1]), eps: number("eps", 1e-8),
                weightDecay: number("weight_decay", 1e-2))
        case let other:
            fatalError("unknown optimizer \(other)")
        }
    }
}
