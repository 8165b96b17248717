/// Trainable layers, named after PyTorch's `torch.nn` classes: `NN.Linear` is `nn.Linear`,
/// `NN.Embedding` is `nn.Embedding`, and so on. Their parameters are ``Variable``s that
/// require gradients, created from a ``Generator`` in PyTorch's order so that the same seed gives
/// PyTorch's initial weights.
///
/// (The library's `Linear`, `PyTorchMultiheadAttention`, … are their inference-only
/// counterparts on plain `Tensor`s.)
public enum NN {
    /// A layer or model with parameters, like `nn.Module`.
    ///
    /// Conforming classes need no code of their own: ``namedParameters`` finds every parameter
    /// in their stored properties (variables that require a gradient, nested modules, arrays
    /// of either) in declaration order. Declare them in the order PyTorch registers them and
    /// `parameters` is PyTorch's `model.parameters()` order, the order optimizers see.
    public protocol Module: AnyObject {}
}

extension NN.Module {
    /// Every parameter with its path of property names (`"block.attention.inProjWeight"`),
    /// like `named_parameters()`. A parameter shared by two properties is listed once.
    public var namedParameters: [(name: String, parameter: Variable)] {
        var found = [(name: String, parameter: Variable)]()
        var seen = Set<ObjectIdentifier>()
        collectParameters(in: self, path: "", into: &found, seen: &seen)
        return found
    }

    /// Every parameter, in ``namedParameters`` order, like `model.parameters()`.
    public var parameters: [Variable] { namedParameters.map(\.parameter) }

    /// Replaces parameter values, e.g. with trained or reference weights, like
    /// `load_state_dict` (names as in ``namedParameters``).
    ///
    /// - Precondition: every name is a parameter of this module and every tensor has its shape.
    public func load(_ values: [String: Tensor]) {
        let byName = Dictionary(
            namedParameters.map { ($0.name, $0.parameter) }, uniquingKeysWith: { first, _ in first })
        for (name, tensor) in values {
            guard let parameter = byName[name] else {
                fatalError("load: no parameter named \"\(name)\" (parameters: \(byName.keys.sorted()))")
            }
            check(
                tensor.shape == parameter.shape,
                "load: \"\(name)\" has shape \(parameter.shape), cannot load a tensor of shape \(tensor.shape)")
            parameter.value = tensor
        }
    }
}

/// Walks stored properties depth first, in declaration order.
private func collectParameters(
    in value: Any, path: String, into found: inout [(name: String, parameter: Variable)],
    seen: inout Set<ObjectIdentifier>
) {
    func child(_ label: String) -> String { path.isEmpty ? label : path + "." + label }
    if let variable = value as? Variable {
        if variable.requiresGrad && seen.insert(ObjectIdentifier(variable)).inserted {
            found.append((path, variable))
        }
    } else if let module = value as? any NN.Module {
        for property in Mirror(reflecting: module).children {
            collectParameters(in: property.value, path: child(property.label ?? "_"), into: &found, seen: &seen)
        }
    } else if let elements = value as? [Any] {
        for (index, element) in elements.enumerated() {
            collectParameters(in: element, path: child(String(index)), into: &found, seen: &seen)
        }
    }
}
