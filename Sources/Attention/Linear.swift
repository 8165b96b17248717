import Foundation

/// A fully connected layer, `y = x·Wᵀ + b`, like PyTorch's `nn.Linear`.
///
/// The weight is stored as PyTorch stores it, **[out, in]**, which is why the course prints
/// `W_q.weight.T` to show the matrix that multiplies the encodings.
///
/// ```swift
/// var g = Generator(seed: 42)
/// let wQ = Linear(inFeatures: 2, outFeatures: 2, bias: false, using: &g)
/// let q = wQ(encodings)        // [3, 2] · [2, 2]ᵀ → [3, 2]
/// ```
public struct Linear: Sendable, Hashable {
    /// The weight matrix, `[outFeatures, inFeatures]`.
    public var weight: Tensor
    /// The bias, `[outFeatures]`, or `nil` for a layer without one.
    public var bias: Tensor?

    /// The size of each input vector (the weight's second dimension).
    public var inFeatures: Int { weight.shape[1] }
    /// The size of each output vector (the weight's first dimension).
    public var outFeatures: Int { weight.shape[0] }

    /// A layer initialised exactly like `nn.Linear(inFeatures, outFeatures, bias=bias)` after
    /// `torch.manual_seed`: the weight from `kaiming_uniform_(a=√5)` (uniform on ±1/√inFeatures),
    /// then, if there is a bias, the bias uniform on ±1/√inFeatures. Weight draws come first,
    /// so the order layers are created in matters, as it does in PyTorch.
    ///
    /// - Precondition: `inFeatures >= 0`, `outFeatures >= 0`.
    public init(inFeatures: Int, outFeatures: Int, bias: Bool = true, using generator: inout Generator) {
        check(
            inFeatures >= 0 && outFeatures >= 0,
            "Linear: negative size (inFeatures \(inFeatures), outFeatures \(outFeatures))")
        weight = Tensor.kaimingUniform([outFeatures, inFeatures], a: Foundation.sqrt(5.0), using: &generator)
        if bias {
            // nn.Linear.reset_parameters: bound = 1/sqrt(fan_in) if fan_in > 0 else 0.
            let bound = inFeatures > 0 ? 1 / Foundation.sqrt(Double(inFeatures)) : 0
            self.bias = Tensor.uniform([outFeatures], from: -bound, to: bound, using: &generator)
        } else {
            self.bias = nil
        }
    }

    /// A layer with the given weight `[out, in]` and optional bias `[out]` — for loading
    /// trained or reference weights.
    ///
    /// - Precondition: `weight` is 2-D and `bias`, if any, has shape `[weight.shape[0]]`.
    public init(weight: Tensor, bias: Tensor? = nil) {
        check(weight.rank == 2, "Linear: weight must be [out, in], got shape \(weight.shape)")
        if let bias {
            check(
                bias.shape == [weight.shape[0]],
                "Linear: bias of shape \(bias.shape) does not match weight \(weight.shape) (expected [\(weight.shape[0])])"
            )
        }
        self.weight = weight
        self.bias = bias
    }

    /// `x·Wᵀ + b` for input `[..., inFeatures]`, giving `[..., outFeatures]`.
    ///
    /// - Precondition: the input's last dimension is `inFeatures`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        check(
            input.shape.last == inFeatures,
            "Linear: input of shape \(input.shape) does not end in inFeatures = \(inFeatures) (weight \(weight.shape))")
        let product = matmul(input, weight.T)
        guard let bias else { return product }
        return product + bias
    }
}
