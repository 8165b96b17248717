// Differentiable elementwise arithmetic. Operands broadcast like `Tensor`'s (and trap with the
// same message when they cannot); an operand that was broadcast gets its gradient summed back
// to its own shape.

extension Variable {
    public static func + (lhs: Variable, rhs: Variable) -> Variable {
        result(lhs.value + rhs.value, of: [lhs, rhs]) { gradient in
            [gradient.summed(toShape: lhs.shape), gradient.summed(toShape: rhs.shape)]
        }
    }

    public static func - (lhs: Variable, rhs: Variable) -> Variable {
        result(lhs.value - rhs.value, of: [lhs, rhs]) { gradient in
            [gradient.summed(toShape: lhs.shape), (-gradient).summed(toShape: rhs.shape)]
        }
    }

    public static func * (lhs: Variable, rhs: Variable) -> Variable {
        result(lhs.value * rhs.value, of: [lhs, rhs]) { gradient in
            [
                lhs.requiresGrad ? (gradient * rhs.value).summed(toShape: lhs.shape) : nil,
                rhs.requiresGrad ? (gradient * lhs.value).summed(toShape: rhs.shape) : nil,
            ]
        }
    }

    /// `lhs / rhs`; the gradients are `g / rhs` and `−g · lhs / rhs²` (PyTorch's formula,
    /// `−g · (lhs / rhs) / rhs`).
    public static func / (lhs: Variable, rhs: Variable) -> Variable {
        result(lhs.value / rhs.value, of: [lhs, rhs]) { gradient in
            [
                lhs.requiresGrad ? (gradient / rhs.value).summed(toShape: lhs.shape) : nil,
                rhs.requiresGrad ? (-gradient * (lhs.value / rhs.value) / rhs.value).summed(toShape: rhs.shape) : nil,
            ]
        }
    }

    public static prefix func - (operand: Variable) -> Variable {
        result(-operand.value, of: [operand]) { [-$0] }
    }

    // A tensor operand is a constant: `x + bias` with a fixed `Tensor` needs no gradient for it.
    public static func + (lhs: Variable, rhs: Tensor) -> Variable { lhs + Variable(rhs) }
    public static func - (lhs: Variable, rhs: Tensor) -> Variable { lhs - Variable(rhs) }
    public static func * (lhs: Variable, rhs: Tensor) -> Variable { lhs * Variable(rhs) }
    public static func / (lhs: Variable, rhs: Tensor) -> Variable { lhs / Variable(rhs) }
    public static func + (lhs: Tensor, rhs: Variable) -> Variable { Variable(lhs) + rhs }
    public static func - (lhs: Tensor, rhs: Variable) -> Variable { Variable(lhs) - rhs }
    public static func * (lhs: Tensor, rhs: Variable) -> Variable { Variable(lhs) * rhs }
    public static func / (lhs: Tensor, rhs: Variable) -> Variable { Variable(lhs) / rhs }

    public static func + (lhs: Variable, rhs: Float) -> Variable {
        result(lhs.value + rhs, of: [lhs]) { [$0] }
    }
    public static func - (lhs: Variable, rhs: Float) -> Variable {
        result(lhs.value - rhs, of: [lhs]) { [$0] }
    }
    public static func * (lhs: Variable, rhs: Float) -> Variable {
        result(lhs.value * rhs, of: [lhs]) { [$0 * rhs] }
    }
    /// Division by a number, like `scores / math.sqrt(d_k)` (a true division, not a multiplication
    /// by the reciprocal, so the results are PyTorch's bit for bit).
    public static func / (lhs: Variable, rhs: Float) -> Variable {
        result(lhs.value / rhs, of: [lhs]) { [$0 / rhs] }
    }
}
