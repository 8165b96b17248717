// Differentiable softmax, log-softmax and masking: the pieces of attention scores.

extension Variable {
    /// Softmax along `dim`, like `F.softmax(x, dim)`. With `y` the result and `g` its gradient,
    /// the input's gradient is `y ⊙ (g − Σⱼ gⱼ·yⱼ)`; entries that were −∞ (weight 0) get 0.
    public func softmax(dim: Int) -> Variable {
        let output = value.softmax(dim: dim)
        return Variable.result(output, of: [self]) { gradient in
            [output * (gradient - (gradient * output).sum(dim: dim, keepingDim: true))]
        }
    }

    /// Log-softmax along `dim`, like `F.log_softmax(x, dim)`. The input's gradient is
    /// `g − softmax(x) · Σⱼ gⱼ`.
    public func logSoftmax(dim: Int) -> Variable {
        let output = value.logSoftmax(dim: dim)
        return Variable.result(output, of: [self]) { gradient in
            [gradient - output.exp() * gradient.sum(dim: dim, keepingDim: true)]
        }
    }

    /// The variable with `value` written where `mask` is true, like `x.masked_fill(mask, value)`
    /// (true = fill; `-.infinity` or the course's −1e9). Filled entries get a gradient of 0.
    ///
    /// - Precondition: the mask broadcasts to the variable's shape.
    public func maskedFill(_ mask: Mask, with fill: Float) -> Variable {
        Variable.result(value.maskedFill(mask, with: fill), of: [self]) { [$0.maskedFill(mask, with: 0)] }
    }
}
