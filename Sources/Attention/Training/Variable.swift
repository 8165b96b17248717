/// A tensor that remembers how it was computed, so that gradients can flow back to it: the
/// building block of training, like a PyTorch tensor with `requires_grad`.
///
/// Operations on variables (`+`, `matmul`, `softmax`, `crossEntropy`, the layers in ``NN``) compute
/// their result with the library's `Tensor` operations — the same numbers, the same shape checks
/// and messages — and, when an operand requires a gradient, record a node of a graph: the
/// operands and a closure that turns the gradient of the result into gradients of the operands.
/// `backward()` walks that graph from a scalar loss back to the leaves and **adds** each leaf's
/// gradient to its ``grad``, as PyTorch's `loss.backward()` does.
///
/// ```swift
/// let w = Variable(Tensor([[0.5, -1]]), requiresGrad: true)   // a parameter
/// let x = Variable(Tensor([[2], [3]]))                        // data: no gradient
/// let loss = matmul(w, x).sum()                                // 0.5·2 − 1·3 = −2
/// loss.backward()
/// w.grad                                                       // [[2, 3]]
/// ```
///
/// `Variable` is a class: a layer and the optimizer that updates it share the same parameters.
public final class Variable {
    /// The tensor this variable holds. Optimizers replace it in place; assigning a tensor of
    /// another shape traps.
    public var value: Tensor {
        didSet {
            check(
                value.shape == oldValue.shape,
                "Variable.value: cannot replace a tensor of shape \(oldValue.shape) by one of shape \(value.shape)")
        }
    }

    /// The gradient accumulated by ``backward()``, with the shape of ``value``; `nil` until a
    /// backward pass reaches this variable (and after `zeroGrad()`, PyTorch's `set_to_none=True`).
    /// Only leaves that require a gradient keep one, as in PyTorch.
    public var grad: Tensor?

    /// Whether gradients flow to this variable: true for parameters and for every result
    /// computed from them.
    public let requiresGrad: Bool

    /// The operands this variable was computed from (empty for a leaf).
    private let operands: [Variable]
    /// The gradient of each operand given the gradient of this variable (`nil` for a leaf).
    private let pullback: ((Tensor) -> [Tensor?])?

    /// A leaf variable: data (`requiresGrad: false`) or a parameter (`requiresGrad: true`),
    /// like `torch.tensor(…, requires_grad=…)` or `nn.Parameter`.
    public init(_ value: Tensor, requiresGrad: Bool = false) {
        self.value = value
        self.requiresGrad = requiresGrad
        self.operands = []
        self.pullback = nil
    }

    private init(_ value: Tensor, operands: [Variable], pullback: @escaping (Tensor) -> [Tensor?]) {
        self.value = value
        self.requiresGrad = true
        self.operands = operands
        self.pullback = pullback
    }

    /// The result of an operation on `operands`: a node of the graph if any operand requires a
    /// gradient and recording is on, a plain constant otherwise (so inference builds no graph).
    ///
    /// `pullback` maps the gradient of `value` to one gradient per operand, each of its
    /// operand's shape (`nil` for an operand that needs none). It runs only during `backward()`.
    static func result(
        _ value: Tensor, of operands: [Variable], pullback: @escaping (Tensor) -> [Tensor?]
    ) -> Variable {
        guard isRecording, operands.contains(where: \.requiresGrad) else { return Variable(value) }
        return Variable(value, operands: operands, pullback: pullback)
    }

    /// The shape of ``value``.
    public var shape: [Int] { value.shape }

    /// The value of a one-element variable, like PyTorch's `loss.item()`.
    public var item: Float { value.item }

    /// Computes the gradient of this scalar with respect to every leaf it depends on and adds it
    /// to that leaf's ``grad``, like `loss.backward()`.
    ///
    /// - Precondition: this variable holds exactly one element (use ``backward(gradient:)``
    ///   otherwise) and requires a gradient.
    public func backward() {
        check(
            value.count == 1,
            "backward(): the variable has shape \(value.shape); only a single value has an implied gradient (use backward(gradient:))"
        )
        backward(gradient: Tensor.ones(value.shape))
    }

    /// Backpropagates `gradient`, the gradient of some scalar with respect to this variable,
    /// like `y.backward(gradient)`.
    ///
    /// - Precondition: `gradient` has this variable's shape and the variable requires a gradient.
    public func backward(gradient: Tensor) {
        check(
            requiresGrad,
            "backward: the variable does not require a gradient (no operand was a parameter, or it was computed without recording)"
        )
        check(
            gradient.shape == value.shape,
            "backward: gradient of shape \(gradient.shape) for a variable of shape \(value.shape)")
        var gradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): gradient]
        // Reverse topological order: a node's gradient is complete before it is passed on.
        for node in topologicalOrder().reversed() {
            guard let nodeGradient = gradients.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            guard let pullback = node.pullback else {
                node.grad = node.grad.map { $0 + nodeGradient } ?? nodeGradient
                continue
            }
            for (operand, operandGradient) in zip(node.operands, pullback(nodeGradient)) {
                guard operand.requiresGrad, let operandGradient else { continue }
                let key = ObjectIdentifier(operand)
                gradients[key] = gradients[key].map { $0 + operandGradient } ?? operandGradient
            }
        }
    }

    /// Every node that requires a gradient and this variable depends on, operands before results
    /// (iterative depth-first search: deep graphs do not overflow the stack).
    private func topologicalOrder() -> [Variable] {
        var order = [Variable]()
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: Variable, expanded: Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for operand in node.operands where operand.requiresGrad && !visited.contains(ObjectIdentifier(operand)) {
                stack.append((operand, false))
            }
        }
        return order
    }
}

extension Variable {
    /// Whether operations record the graph; see ``withoutRecording(_:)``.
    @TaskLocal static var isRecording = true

    /// Runs `body` without recording operations, like PyTorch's `with torch.no_grad():` —
    /// for inference and generation, where no gradient is needed.
    public static func withoutRecording<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $isRecording.withValue(false, operation: body)
    }
}

extension Variable: CustomStringConvertible {
    /// The value, marked when the variable requires a gradient.
    public var description: String {
        requiresGrad ? "\(value) (requires grad)" : "\(value)"
    }
}
