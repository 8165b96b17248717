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
        let result = broadcastCombine(scalars, shape: shape, other.scalars, shape: other.shape, operation, combine)
        return Tensor(shape: result.shape, scalars: result.elements)
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
        precondition(
            result.shape == shape,
            "\(operation): the result of shape \(result.shape) does not fit the left operand's shape \(shape)")
        return result
    }
}
