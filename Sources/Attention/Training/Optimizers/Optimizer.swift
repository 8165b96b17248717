/// Something that updates parameters from their gradients, like a `torch.optim.Optimizer` with
/// one parameter group.
///
/// A training step is PyTorch's, word for word:
///
/// ```swift
/// let optimizer = Adam(model.parameters, learningRate: 0.1)
/// for (input, target) in batches {
///     let loss = crossEntropy(model(input), targets: target)
///     optimizer.zeroGrad()
///     loss.backward()
///     optimizer.step()
/// }
/// ```
public protocol Optimizer: AnyObject {
    /// The parameters this optimizer updates, in the order given to it (PyTorch's
    /// `param_groups[0]["params"]`).
    var parameters: [Variable] { get }

    /// Updates every parameter that has a gradient; parameters whose `grad` is `nil` are
    /// skipped (their state does not advance), as in PyTorch.
    func step()
}

extension Optimizer {
    /// Forgets every parameter's gradient, like `optimizer.zero_grad()` (which sets them to
    /// `None` by default): the next `backward()` starts from nothing instead of adding up.
    public func zeroGrad() {
        for parameter in parameters { parameter.grad = nil }
    }
}

/// The parameter's gradient and value as flat arrays, for an optimizer's elementwise update;
/// `nil` if the parameter has no gradient.
///
/// - Precondition: the gradient has the parameter's shape.
func gradientAndValue(of parameter: Variable, _ optimizer: String) -> (gradient: [Float], value: [Float])? {
    guard let gradient = parameter.grad else { return nil }
    check(
        gradient.shape == parameter.shape,
        "\(optimizer): gradient of shape \(gradient.shape) for a parameter of shape \(parameter.shape)")
    return (gradient.scalars, parameter.value.scalars)
}
