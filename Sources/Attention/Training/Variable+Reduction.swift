// Differentiable sums and means: every element contributed once (or 1/n times), so the gradient
// is the result's gradient spread back over the elements that were reduced.

extension Variable {
    /// The sum of all elements, a 0-D variable, like `x.sum()`.
    public func sum() -> Variable {
        let original = shape
        return Variable.result(value.sum(), of: [self]) { [Tensor.full(original, $0.item)] }
    }

    /// The mean of all elements, a 0-D variable, like `x.mean()`.
    public func mean() -> Variable {
        let original = shape
        let count = Float(value.count)
        return Variable.result(value.mean(), of: [self]) { [Tensor.full(original, $0.item / count)] }
    }

    /// The sum along `dimension`, like `x.sum(dim, keepdim)`.
    public func sum(dim dimension: Int, keepingDim: Bool = false) -> Variable {
        let original = shape
        let axis = normalizedDimension(dimension, shape: original, "sum")
        return Variable.result(value.sum(dim: dimension, keepingDim: keepingDim), of: [self]) { gradient in
            [(keepingDim ? gradient : gradient.unsqueezed(at: axis)).broadcast(to: original)]
        }
    }

    /// The mean along `dimension`, like `x.mean(dim, keepdim)`.
    public func mean(dim dimension: Int, keepingDim: Bool = false) -> Variable {
        let original = shape
        let axis = normalizedDimension(dimension, shape: original, "mean")
        let size = Float(original[axis])
        return Variable.result(value.mean(dim: dimension, keepingDim: keepingDim), of: [self]) { gradient in
            [(keepingDim ? gradient : gradient.unsqueezed(at: axis)).broadcast(to: original) / size]
        }
    }
}
