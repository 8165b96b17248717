// Differentiable rearrangements: the gradient of a rearrangement is the inverse rearrangement of
// the gradient (transpose back, reshape back, cut apart what was joined, join what was cut).

extension Variable {
    /// `value.reshaped(to:)`, like `x.view(shape)`; the gradient is reshaped back.
    public func reshaped(to newShape: [Int]) -> Variable {
        let original = shape
        return Variable.result(value.reshaped(to: newShape), of: [self]) { [$0.reshaped(to: original)] }
    }

    /// `value.transposed(first, second)`, like `x.transpose(d0, d1)`.
    public func transposed(_ first: Int, _ second: Int) -> Variable {
        Variable.result(value.transposed(first, second), of: [self]) { [$0.transposed(first, second)] }
    }

    /// The transpose of a matrix, like PyTorch's `.T`.
    public var T: Variable {
        Variable.result(value.T, of: [self]) { [$0.T] }
    }

    /// Pieces of the given sizes along `dimension`, like `torch.split(x, sizes, dim)`. Each
    /// piece's gradient lands in its own slice of the input's gradient (zeros elsewhere).
    ///
    /// - Precondition: the sizes are ≥ 0 and add up to the size of `dimension`.
    public func split(sizes: [Int], along dimension: Int) -> [Variable] {
        variables(for: value.split(sizes: sizes, along: dimension), along: dimension)
    }

    /// `count` equal pieces along `dimension`: `qkv.split(count: 3, along: -1)` gives q, k, v.
    ///
    /// - Precondition: `count > 0` divides the size of `dimension`.
    public func split(count: Int, along dimension: Int) -> [Variable] {
        variables(for: value.split(count: count, along: dimension), along: dimension)
    }

    /// The pieces of this variable's value cut along `dimension`, as variables whose gradients
    /// land in their own slices of this variable's gradient (zeros elsewhere).
    private func variables(for pieces: [Tensor], along dimension: Int) -> [Variable] {
        let axis = normalizedDimension(dimension, shape: shape, "split")
        var start = 0
        return pieces.map { piece in
            let (before, after) = (start, shape[axis] - start - piece.shape[axis])
            start += piece.shape[axis]
            return Variable.result(piece, of: [self]) { gradient in
                var zerosBefore = gradient.shape
                zerosBefore[axis] = before
                var zerosAfter = gradient.shape
                zerosAfter[axis] = after
                return [
                    Tensor.concatenated(
                        [Tensor.zeros(zerosBefore), gradient, Tensor.zeros(zerosAfter)], along: axis)
                ]
            }
        }
    }

    /// The variables joined along `dimension`, like `torch.cat(xs, dim)`.
    ///
    /// - Precondition: as `Tensor.concatenated(_:along:)`.
    public static func concatenated(_ variables: [Variable], along dimension: Int) -> Variable {
        let joined = Tensor.concatenated(variables.map(\.value), along: dimension)
        let axis = normalizedDimension(dimension, shape: joined.shape, "concatenated")
        let sizes = variables.map { $0.shape[axis] }
        return result(joined, of: variables) { $0.split(sizes: sizes, along: axis) }
    }
}

/// The matrix product of variables with `torch.matmul`'s broadcasting rules, differentiable:
/// `∂/∂a = g·bᵀ` and `∂/∂b = aᵀ·g`, each summed over the batch dimensions its operand was
/// broadcast along.
///
/// - Precondition: both operands have at least 2 dimensions (a vector can be reshaped to a
///   `[1, n]` or `[n, 1]` matrix), plus `matmul`'s own rules.
public func matmul(_ lhs: Variable, _ rhs: Variable) -> Variable {
    check(
        lhs.value.rank >= 2 && rhs.value.rank >= 2,
        "matmul (Variable): \(lhs.shape) × \(rhs.shape): both operands need at least 2 dimensions")
    return Variable.result(matmul(lhs.value, rhs.value), of: [lhs, rhs]) { gradient in
        [
            lhs.requiresGrad
                ? matmul(gradient, rhs.value.transposed(-2, -1)).summed(toShape: lhs.shape) : nil,
            rhs.requiresGrad
                ? matmul(lhs.value.transposed(-2, -1), gradient).summed(toShape: rhs.shape) : nil,
        ]
    }
}
