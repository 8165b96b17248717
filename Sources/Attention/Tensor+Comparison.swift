// Elementwise comparisons give a `Mask`, as PyTorch's `t == 0` gives a bool tensor. Swift's
// `==` already means "the whole tensors are equal" (`Tensor` is `Hashable`), so the elementwise
// forms are the dotted operators the standard library uses for SIMD vectors: `.==`, `.<`, ….
//
//     let blocked = Tensor.ones([3, 3]).tril() .== 0   // the course's mask, true = masked

extension Tensor {
    /// Compares element by element after broadcasting.
    private func compared(with other: Tensor, _ operation: String, _ test: (Float, Float) -> Bool) -> Mask {
        let pairing = broadcastPairing(shape, other.shape, operation)
        return Mask(
            shape: pairing.shape, values: zip(pairing.left, pairing.right).map { test(scalars[$0], other.scalars[$1]) })
    }

    public static func .== (lhs: Tensor, rhs: Tensor) -> Mask { lhs.compared(with: rhs, ".==", ==) }
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Mask { lhs.compared(with: rhs, ".!=", !=) }
    public static func .< (lhs: Tensor, rhs: Tensor) -> Mask { lhs.compared(with: rhs, ".<", <) }
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Mask { lhs.compared(with: rhs, ".<=", <=) }
    public static func .> (lhs: Tensor, rhs: Tensor) -> Mask { lhs.compared(with: rhs, ".>", >) }
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Mask { lhs.compared(with: rhs, ".>=", >=) }

    public static func .== (lhs: Tensor, rhs: Float) -> Mask { lhs .== Tensor(rhs) }
    public static func .!= (lhs: Tensor, rhs: Float) -> Mask { lhs .!= Tensor(rhs) }
    public static func .< (lhs: Tensor, rhs: Float) -> Mask { lhs .< Tensor(rhs) }
    public static func .<= (lhs: Tensor, rhs: Float) -> Mask { lhs .<= Tensor(rhs) }
    public static func .> (lhs: Tensor, rhs: Float) -> Mask { lhs .> Tensor(rhs) }
    public static func .>= (lhs: Tensor, rhs: Float) -> Mask { lhs .>= Tensor(rhs) }

    /// Where this tensor and `other` are close, like `torch.isclose`:
    /// `|a − b| ≤ atol + rtol·|b|`. Equal infinities are close; NaN is close to NaN only if
    /// `equalNaN`.
    ///
    /// - Precondition: the shapes broadcast.
    public func isClose(
        _ other: Tensor, rtol: Float = 1e-5, atol: Float = 1e-8, equalNaN: Bool = false
    ) -> Mask {
        compared(with: other, "isClose") { a, b in
            if a.isNaN || b.isNaN { return equalNaN && a.isNaN && b.isNaN }
            if a == b { return true }  // also covers equal infinities
            return Swift.abs(a - b) <= atol + rtol * Swift.abs(b)
        }
    }

    /// Whether every element is close to `other`'s (see `isClose`), like `torch.allclose`.
    public func allClose(
        _ other: Tensor, rtol: Float = 1e-5, atol: Float = 1e-8, equalNaN: Bool = false
    ) -> Bool {
        isClose(other, rtol: rtol, atol: atol, equalNaN: equalNaN).values.allSatisfy { $0 }
    }
}
