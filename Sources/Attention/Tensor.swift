/// An n-dimensional array of `Float` (PyTorch's float32), stored row-major.
///
/// `Tensor` is a value type: copies are independent (copy-on-write through `Array`).
///
/// ```swift
/// let x = Tensor([[1.16, 0.23], [0.57, 1.36]])   // shape [2, 2]
/// x[1, 0]                                         // 0.57
/// ```
public struct Tensor: Sendable, Hashable {
    /// The size of each dimension, outermost first. `[]` for a scalar.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public internal(set) var scalars: [Float]

    /// A tensor of the given shape holding `scalars` in row-major order.
    ///
    /// - Precondition: every dimension is ≥ 0 and `scalars.count` equals the product of `shape`.
    public init(shape: [Int], scalars: [Float]) {
        check(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        let count = shape.reduce(1, *)
        check(
            scalars.count == count,
            "Tensor: \(scalars.count) scalars do not fill shape \(shape) (\(count) needed)")
        self.shape = shape
        self.scalars = scalars
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { scalars.count }
}
