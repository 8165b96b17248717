// Shape bookkeeping shared by `Tensor` and `Mask`: both store their elements row-major in a
// flat array, so reshaping, transposing, broadcasting and slicing are the same index
// arithmetic whatever the element type. These helpers are internal; the public operations
// on each type call them.

/// The number of elements a shape holds (1 for the scalar shape `[]`).
func elementCount(_ shape: [Int]) -> Int {
    shape.reduce(1, *)
}

/// Row-major strides: how far apart, in the flat array, consecutive indices of each dimension are.
///
/// `rowMajorStrides([2, 3, 4]) == [12, 4, 1]`.
func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var stride = 1
    for dimension in shape.indices.reversed() {
        strides[dimension] = stride
        stride *= shape[dimension]
    }
    return strides
}

/// A dimension given PyTorch-style (negative counts from the end) as an index into `shape`.
///
/// - Precondition: `-rank <= dimension < rank`.
func normalizedDimension(_ dimension: Int, shape: [Int], _ operation: String) -> Int {
    let rank = shape.count
    check(
        dimension >= -rank && dimension < rank,
        "\(operation): dimension \(dimension) is out of range for shape \(shape) (expected \(-rank)...\(rank - 1))")
    return dimension < 0 ? dimension + rank : dimension
}

/// An index given PyTorch-style (negative counts from the end) as an index into `0..<size`.
func normalizedIndex(_ index: Int, size: Int, dimension: Int, shape: [Int], _ operation: String) -> Int {
    check(
        index >= -size && index < size,
        "\(operation): index \(index) is out of range for dimension \(dimension) of size \(size) in shape \(shape)")
    return index < 0 ? index + size : index
}

/// The flat position of a full index (one entry per dimension, negatives count from the end).
func flatOffset(of index: [Int], in shape: [Int], _ operation: String) -> Int {
    check(
        index.count == shape.count,
        "\(operation): \(index.count) indices given for shape \(shape), which has \(shape.count) dimensions")
    var offset = 0
    for (dimension, size) in shape.enumerated() {
        let position = normalizedIndex(index[dimension], size: size, dimension: dimension, shape: shape, operation)
        offset = offset * size + position
    }
    return offset
}

/// `shape` with at most one `-1` replaced by the size that makes it hold `count` elements.
///
/// - Precondition: at most one `-1`, no other negative size, and the sizes multiply to `count`.
func resolvedShape(_ shape: [Int], count: Int, from original: [Int], _ operation: String) -> [Int] {
    let inferred = shape.indices.filter { shape[$0] == -1 }
    check(inferred.count <= 1, "\(operation): only one dimension can be -1, got \(shape)")
    check(
        shape.allSatisfy { $0 >= -1 }, "\(operation): invalid size in \(shape)")
    guard let unknown = inferred.first else {
        check(
            elementCount(shape) == count,
            "\(operation): shape \(original) (\(count) elements) cannot be viewed as \(shape)")
        return shape
    }
    let known = shape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
    check(
        known > 0 && count % known == 0,
        "\(operation): shape \(original) (\(count) elements) cannot be viewed as \(shape)")
    var result = shape
    result[unknown] = count / known
    return result
}

/// The shape two shapes broadcast to, with PyTorch's rules: align from the right; sizes must
/// match or one of them be 1.
///
/// `broadcastShape([3, 1], [4], "+") == [3, 4]`.
func broadcastShape(_ a: [Int], _ b: [Int], _ operation: String) -> [Int] {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for dimension in 0..<rank {
        let sizeA = dimension < rank - a.count ? 1 : a[dimension - (rank - a.count)]
        let sizeB = dimension < rank - b.count ? 1 : b[dimension - (rank - b.count)]
        check(
            sizeA == sizeB || sizeA == 1 || sizeB == 1,
            "\(operation): shapes \(a) and \(b) cannot be broadcast: sizes \(sizeA) and \(sizeB) differ at dimension \(dimension) of the result"
        )
        result[dimension] = sizeA == 1 ? sizeB : sizeA
    }
    return result
}

/// The strides that read an array of `shape` as if it had the larger shape `target`: dimensions
/// that are broadcast (missing, or of size 1) get stride 0.
func broadcastStrides(of shape: [Int], to target: [Int]) -> [Int] {
    let own = rowMajorStrides(shape)
    let missing = target.count - shape.count
    return target.indices.map { dimension in
        guard dimension >= missing else { return 0 }
        let source = dimension - missing
        return shape[source] == 1 && target[dimension] != 1 ? 0 : own[source]
    }
}

/// The flat positions a strided view reads, in row-major order of `shape`: element
/// `[i₀, i₁, …]` of the view is element `offset + i₀·strides[0] + i₁·strides[1] + …` of the
/// underlying array.
///
/// Transposing (permuted strides), broadcasting (zero strides) and slicing (an offset) are all
/// this one mapping. It returns positions rather than elements so that `Tensor` and `Mask` do
/// the copying with their concrete element types (a generic copy is several times slower when
/// the library is compiled file by file).
func stridedPositions(shape: [Int], strides: [Int], offset: Int = 0) -> [Int] {
    let count = elementCount(shape)
    guard count > 0 else { return [] }
    var positions = [Int]()
    positions.reserveCapacity(count)
    var index = [Int](repeating: 0, count: shape.count)
    var position = offset
    for _ in 0..<count {
        positions.append(position)
        // Advance the index like an odometer, innermost dimension first.
        var dimension = shape.count - 1
        while dimension >= 0 {
            index[dimension] += 1
            position += strides[dimension]
            if index[dimension] < shape[dimension] { break }
            position -= strides[dimension] * shape[dimension]
            index[dimension] = 0
            dimension -= 1
        }
    }
    return positions
}

/// For each element of the broadcast shape `target`, the flat position it reads in an array of
/// `shape`.
func broadcastPositions(from shape: [Int], to target: [Int]) -> [Int] {
    if shape == target { return Array(0..<elementCount(target)) }
    return stridedPositions(shape: target, strides: broadcastStrides(of: shape, to: target))
}

/// The shape two operands broadcast to, and for each of its elements the flat positions to read
/// in the left and in the right operand.
///
/// - Precondition: the shapes broadcast.
func broadcastPairing(_ a: [Int], _ b: [Int], _ operation: String) -> (shape: [Int], left: [Int], right: [Int]) {
    let shape = broadcastShape(a, b, operation)
    return (shape, broadcastPositions(from: a, to: shape), broadcastPositions(from: b, to: shape))
}

/// The shape with dimensions `first` and `second` swapped, and the flat positions its elements
/// read in the original row-major array.
func transposedLayout(shape: [Int], _ first: Int, _ second: Int, _ operation: String) -> (
    shape: [Int], positions: [Int]
) {
    let a = normalizedDimension(first, shape: shape, operation)
    let b = normalizedDimension(second, shape: shape, operation)
    var newShape = shape
    newShape.swapAt(a, b)
    var strides = rowMajorStrides(shape)
    strides.swapAt(a, b)
    return (newShape, stridedPositions(shape: newShape, strides: strides))
}

/// Splits a shape around `dimension` into the three counts a loop over that dimension needs:
/// how many blocks come before it (`outer`), its size, and how many elements each index of it
/// spans (`inner`). A row-major array of `shape` is then `[outer][size][inner]`.
func outerSizeInner(_ shape: [Int], _ dimension: Int) -> (outer: Int, size: Int, inner: Int) {
    (elementCount(Array(shape[..<dimension])), shape[dimension], elementCount(Array(shape[(dimension + 1)...])))
}
