/// Rows of `weight` picked by `ids`, like `F.embedding(ids, weight)`: the result has shape
/// `idsShape + [D]` for a weight `[V, D]`.
///
/// The gradient adds `g[position]` into row `ids[position]` for every position, so a token that
/// occurs twice collects both gradients and rows never used get 0 (PyTorch's dense gradient).
///
/// - Parameters:
///   - ids: the token ids in row-major order.
///   - idsShape: their shape (`[L]` for one sequence, `[B, L]` for a batch); `nil` means `[ids.count]`.
///   - weight: the embedding table `[V, D]`.
/// - Precondition: `weight` is 2-D, every id is in `0..<V` and `idsShape` holds `ids.count` ids.
public func embedding(_ ids: [Int], shape idsShape: [Int]? = nil, weight: Variable) -> Variable {
    let table = weight.value
    check(table.rank == 2, "embedding: weight must be [V, D], got shape \(table.shape)")
    let (vocabulary, width) = (table.shape[0], table.shape[1])
    let outerShape = idsShape ?? [ids.count]
    check(
        elementCount(outerShape) == ids.count,
        "embedding: \(ids.count) ids do not fill the shape \(outerShape)")
    for id in ids {
        check(
            id >= 0 && id < vocabulary,
            "embedding: id \(id) is out of range for \(vocabulary) embeddings (weight \(table.shape))")
    }
    var rows = [Float]()
    rows.reserveCapacity(ids.count * width)
    for id in ids { rows += table.scalars[(id * width)..<((id + 1) * width)] }
    let output = Tensor(shape: outerShape + [width], scalars: rows)
    return Variable.result(output, of: [weight]) { gradient in
        var tableGradient = [Float](repeating: 0, count: table.count)
        for (position, id) in ids.enumerated() {
            for feature in 0..<width {
                tableGradient[id * width + feature] += gradient.scalars[position * width + feature]
            }
        }
        return [Tensor(shape: table.shape, scalars: tableGradient)]
    }
}
