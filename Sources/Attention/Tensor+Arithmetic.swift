import Foundation

// Elementwise arithmetic. Two tensors broadcast like PyTorch (align shapes from the right;
// sizes must match or be 1), so `scores + bias` works for `[2, 3, 4] + [3, 4]` or `[3, 1]`.

extension Tensor {
    /// A tensor of the same shape with `transform` applied to every element.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(transform))
    }

    /// Combines two tensors element by element after broadcasting them to a common shape.
    ///
    /// - Precondition: the shapes broadcast; the message names `operation` and both shapes.
    func combined(with other: Tensor, _ operation: String, _ combine: (Float, Float) -> Float) -> Tensor {
        if shape == other.shape {
            return Tensor(shape: shape, scalars: zip(scalars, other.scalars).map(combine))
        }
        let pairing = broadcastPairing(shape, other.shape, operation)
        return Tensor(
            shape: pairing.shape,
            scalars: zip(pairing.left, pairing.right).map { combine(scalars[$0], other.scalars[$1]) })
    }

    /// eˣ of every element.
    public func exp() -> Tensor { map { Foundation.exp($0) } }
    /// The natural logarithm of every element (`-inf` for 0, `nan` for negatives).
    public func log() -> Tensor { map { Foundation.log($0) } }
    /// The square root of every element (`nan` for negatives).
    public func sqrt() -> Tensor { map { $0.squareRoot() } }
    /// The absolute value of every element.
    public func abs() -> Tensor { map { Swift.abs($0) } }

    public static prefix func - (tensor: Tensor) -> Tensor { tensor.map { -$0 } }

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combined(with: rhs, "+", +) }
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combined(with: rhs, "-", -) }
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combined(with: rhs, "*", *) }
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.combined(with: rhs, "/", /) }

    public static func + (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 + rhs } }
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 - rhs } }
    public static func * (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 * rhs } }
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 / rhs } }

    public static func + (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs + $0 } }
    public static func - (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs - $0 } }
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
    public static func / (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs / $0 } }

    // In-place forms keep the left operand's shape, as PyTorch's `x += y` does.
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs.assigning(lhs + rhs, "+=") }
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs.assigning(lhs - rhs, "-=") }
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs.assigning(lhs * rhs, "*=") }
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs.assigning(lhs / rhs, "/=") }

    public static func += (lhs: inout Tensor, rhs: Float) { lhs = lhs + rhs }
    public static func -= (lhs: inout Tensor, rhs: Float) { lhs = lhs - rhs }
    public static func *= (lhs: inout Tensor, rhs: Float) { lhs = lhs * rhs }
    public static func /= (lhs: inout Tensor, rhs: Float) { lhs = lhs / rhs }

    /// `result`, checked to have this tensor's shape (an in-place operation cannot grow its target).
    private func assigning(_ result: Tensor, _ operation: String) -> Tensor {
        check(
            result.shape == shape,
            "\(operation): the result of shape \(result.shape) does not fit the left operand's shape \(shape)")
        return result
    }
}
