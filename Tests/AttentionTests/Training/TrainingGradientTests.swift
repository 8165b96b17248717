import Testing

@testable import Attention

/// Every case of the reference's `gradients` section: the forward output and the gradient of
/// every input, from `torch.autograd.grad(outputs, inputs, grad_outputs)`.
@Suite("Training: gradients against PyTorch")
struct TrainingGradientTests {
    static let cases = TrainingReference.section("gradients")["cases"].array
    /// training-semantics.md §5: gradients rtol 1e-5 with atol 1e-5; the pre-norm block atol 3e-5.
    static let singleOp = Tolerance(atol: 1e-5, rtol: 1e-5)
    static let block = Tolerance(atol: 3e-5, rtol: 1e-5)

    @Test func everyCaseMatchesPyTorch() {
        #expect(!Self.cases.isEmpty)
        var report = ErrorReport()
        for reference in Self.cases {
            let name = reference["name"].string
            let tolerance = name == "prenorm_block" ? Self.block : Self.singleOp
            guard let (inputs, outputs) = Self.run(reference) else {
                Issue.record("unknown gradient case \(name)")
                continue
            }
            let expectedOutputs = reference.optional("outputs")?.array ?? [reference["output"]]
            let upstream = reference.optional("grad_outputs")?.array ?? [reference["grad_output"]]
            #expect(outputs.count == expectedOutputs.count, "\(name): number of outputs")
            for (index, (output, expected)) in zip(outputs, expectedOutputs).enumerated() {
                report.record(
                    "outputs", expectClose(output.value, expected.tensor, tolerance, "\(name) output \(index)"),
                    tolerance)
            }
            for (output, gradient) in zip(outputs, upstream) {
                output.backward(gradient: gradient.tensor)
            }
            for key in reference["grads"].keys {
                guard let input = inputs[key] else {
                    Issue.record("\(name): no input \(key)")
                    continue
                }
                let expected = reference["grads"][key].tensor
                let actual = input.grad ?? Tensor.zeros(input.shape)
                report.record(
                    name == "prenorm_block" ? "prenorm_block gradients" : "single-op gradients",
                    expectClose(actual, expected, tolerance, "\(name): gradient of \(key)"), tolerance)
            }
        }
        report.print("gradients")
    }

    /// The case's differentiable inputs (by reference name) and its outputs, computed with the
    /// library; `nil` for a case this test does not know.
    static func run(_ reference: JSON) -> (inputs: [String: Variable], outputs: [Variable])? {
        let json = reference["inputs"]
        let differentiable = Set(reference["grads"].keys)
        var inputs = [String: Variable]()
        for key in json.keys where differentiable.contains(key) {
            inputs[key] = Variable(json[key].tensor, requiresGrad: true)
        }
        func x(_ key: String) -> Variable { inputs[key]! }
        let one: Variable
        switch reference["name"].string {
        case "matmul_2d", "matmul_batched", "matmul_broadcast_2d_rhs": one = matmul(x("a"), x("b"))
        case "add_broadcast_trailing", "add_broadcast_both": one = x("a") + x("b")
        case "mul_broadcast": one = x("a") * x("b")
        case "div_broadcast": one = x("a") / x("b")
        case "transpose": one = x("x").transposed(-2, -1)
        case "softmax": one = x("x").softmax(dim: -1)
        case "log_softmax": one = x("x").logSoftmax(dim: -1)
        case "masked_fill_neg_inf_softmax":
            one = x("x").maskedFill(json["mask"].mask, with: -.infinity).softmax(dim: -1)
        case "sdpa_causal":
            one = scaledDotProductAttention(query: x("q"), key: x("k"), value: x("v"), isCausal: true)
        case "sdpa_bool_mask":
            one = scaledDotProductAttention(
                query: x("q"), key: x("k"), value: x("v"), mask: .allowed(json["mask"].mask))
        case "linear":
            // The layer's own parameters stand for the case's weight and bias inputs.
            let layer = NN.Linear(weight: json["weight"].tensor, bias: json["bias"].tensor)
            inputs["weight"] = layer.weight
            inputs["bias"] = layer.bias
            one = layer(x("x"))
        case "embedding": one = embedding(json["ids"].ints, shape: json["ids"].tensor.shape, weight: x("weight"))
        case "layer_norm":
            one = layerNorm(x("x"), weight: x("weight"), bias: x("bias"), eps: Float(reference["eps"].number))
        case "relu": one = x("x").relu()
        case "gelu_exact": one = x("x").gelu()
        case "gelu_tanh": one = x("x").gelu(approximate: .tanh)
        case "cross_entropy_mean", "cross_entropy_ignore_index_default", "cross_entropy_ignore_index_0":
            let ignoreIndex = reference.optional("ignore_index")?.int ?? -100
            one = crossEntropy(x("logits"), targets: json["target"].ints, ignoreIndex: ignoreIndex)
        case "sum_all": one = x("x").sum()
        case "sum_dim": one = x("x").sum(dim: -1)
        case "mean_all": one = x("x").mean()
        case "mean_dim_keepdim": one = x("x").mean(dim: 1, keepingDim: true)
        case "split_heads":
            let (shape, heads) = (x("x").shape, reference["heads"].int)
            one = x("x").reshaped(to: [shape[0], shape[1], heads, shape[2] / heads]).transposed(1, 2)
        case "merge_heads":
            let shape = x("y").shape
            one = x("y").transposed(1, 2).reshaped(to: [shape[0], shape[2], shape[1] * shape[3]])
        case "cat_last_dim": one = Variable.concatenated([x("a"), x("b")], along: -1)
        case "split_qkv": return (inputs, x("x").split(count: 3, along: -1))
        case "prenorm_block": return runBlock(reference, input: x("x"), inputs: &inputs)
        default: return nil
        }
        return (inputs, [one])
    }

    /// The pre-norm block with the case's parameters, which are also inputs (by PyTorch name).
    static func runBlock(_ reference: JSON, input: Variable, inputs: inout [String: Variable]) -> (
        inputs: [String: Variable], outputs: [Variable]
    ) {
        let config = reference["config"]
        var unused = Generator(seed: 0)
        let block = NN.TransformerBlock(
            dModel: config["d_model"].int, numHeads: config["heads"].int, dFF: config["d_ff"].int, using: &unused)
        let names = reference["parameter_order"].array.map(\.string)
        #expect(block.parameters.count == names.count, "prenorm_block: parameter count")
        for (parameter, name) in zip(block.parameters, names) {
            let value = reference["parameters"][name].tensor
            #expect(parameter.shape == value.shape, "prenorm_block: \(name) shape")
            parameter.value = value
            inputs[name] = parameter
        }
        return (inputs, [block(input)])
    }
}
