import _Differentiation
import Foundation

/// A minimal differentiable matrix for the experiment: row-major, 2-D.
public struct DTensor: Differentiable, AdditiveArithmetic {
    @noDerivative public var rows: Int
    @noDerivative public var columns: Int
    public var scalars: [Float]
    public typealias TangentVector = DTensor

    public init(rows: Int, columns: Int, scalars: [Float]) {
        precondition(scalars.count == rows * columns, "DTensor: \(scalars.count) scalars for [\(rows), \(columns)]")
        self.rows = rows; self.columns = columns; self.scalars = scalars
    }
    public static var zero: DTensor { DTensor(rows: 0, columns: 0, scalars: []) }
    public static func + (a: DTensor, b: DTensor) -> DTensor {
        if a.scalars.isEmpty { return b }
        if b.scalars.isEmpty { return a }
        precondition(
            a.rows == b.rows && a.columns == b.columns, "+: [\(a.rows), \(a.columns)] and [\(b.rows), \(b.columns)]")
        return DTensor(rows: a.rows, columns: a.columns, scalars: zip(a.scalars, b.scalars).map(+))
    }
    public static func - (a: DTensor, b: DTensor) -> DTensor { a + b.scaled(-1) }
    public mutating func move(by offset: DTensor) { self = self + offset }
    public func scaled(_ factor: Float) -> DTensor {
        DTensor(rows: rows, columns: columns, scalars: scalars.map { $0 * factor })
    }
}

public func add(_ a: DTensor, _ b: DTensor) -> DTensor { a + b }
@derivative(of: add)
public func vjpAdd(_ a: DTensor, _ b: DTensor) -> (value: DTensor, pullback: (DTensor) -> (DTensor, DTensor)) {
    (a + b, { g in (g, g) })
}

public func matmul(_ a: DTensor, _ b: DTensor) -> DTensor {
    precondition(a.columns == b.rows, "matmul: [\(a.rows), \(a.columns)] × [\(b.rows), \(b.columns)]")
    var c = [Float](repeating: 0, count: a.rows * b.columns)
    for i in 0..<a.rows {
        for k in 0..<a.columns {
            for j in 0..<b.columns {
                c[i * b.columns + j] += a.scalars[i * a.columns + k] * b.scalars[k * b.columns + j]
            }
        }
    }
    return DTensor(rows: a.rows, columns: b.columns, scalars: c)
}
@derivative(of: matmul)
public func vjpMatmul(_ a: DTensor, _ b: DTensor) -> (value: DTensor, pullback: (DTensor) -> (DTensor, DTensor)) {
    (matmul(a, b), { g in (matmul(g, transposed(b)), matmul(transposed(a), g)) })
}

public func transposed(_ a: DTensor) -> DTensor {
    var t = [Float](repeating: 0, count: a.scalars.count)
    for i in 0..<a.rows { for j in 0..<a.columns { t[j * a.rows + i] = a.scalars[i * a.columns + j] } }
    return DTensor(rows: a.columns, columns: a.rows, scalars: t)
}
@derivative(of: transposed)
public func vjpTransposed(_ a: DTensor) -> (value: DTensor, pullback: (DTensor) -> DTensor) {
    (transposed(a), { transposed($0) })
}

/// a + bias, the bias [1, C] added to every row.
public func addingRow(_ a: DTensor, _ bias: DTensor) -> DTensor {
    DTensor(
        rows: a.rows, columns: a.columns,
        scalars: a.scalars.enumerated().map { $0.element + bias.scalars[$0.offset % a.columns] })
}
@derivative(of: addingRow)
public func vjpAddingRow(_ a: DTensor, _ bias: DTensor) -> (value: DTensor, pullback: (DTensor) -> (DTensor, DTensor)) {
    (
        addingRow(a, bias),
        { g in
            var gb = [Float](repeating: 0, count: a.columns)
            for (i, v) in g.scalars.enumerated() { gb[i % a.columns] += v }
            return (g, DTensor(rows: 1, columns: a.columns, scalars: gb))
        }
    )
}

public func divided(_ a: DTensor, by d: Float) -> DTensor { a.scaled(1 / d) }
@derivative(of: divided, wrt: a)
public func vjpDivided(_ a: DTensor, by d: Float) -> (value: DTensor, pullback: (DTensor) -> DTensor) {
    (divided(a, by: d), { $0.scaled(1 / d) })
}

/// Scores above the diagonal set to −1e9, then softmax along each row.
public func causalSoftmax(_ a: DTensor) -> DTensor {
    var y = a.scalars
    for i in 0..<a.rows {
        for j in 0..<a.columns where j > i { y[i * a.columns + j] = -1e9 }
        let row = y[(i * a.columns)..<((i + 1) * a.columns)]
        let m = row.max()!
        let e = row.map { exp($0 - m) }
        let s = e.reduce(0, +)
        for j in 0..<a.columns { y[i * a.columns + j] = e[j] / s }
    }
    return DTensor(rows: a.rows, columns: a.columns, scalars: y)
}
@derivative(of: causalSoftmax)
public func vjpCausalSoftmax(_ a: DTensor) -> (value: DTensor, pullback: (DTensor) -> DTensor) {
    let y = causalSoftmax(a)
    return (
        y,
        { g in
            var dx = g.scalars
            for i in 0..<a.rows {
                var dot: Float = 0
                for j in 0..<a.columns { dot += g.scalars[i * a.columns + j] * y.scalars[i * a.columns + j] }
                for j in 0..<a.columns {
                    dx[i * a.columns + j] = y.scalars[i * a.columns + j] * (g.scalars[i * a.columns + j] - dot)
                }
            }
            return DTensor(rows: a.rows, columns: a.columns, scalars: dx)
        }
    )
}

public func embedding(_ weight: DTensor, _ ids: [Int]) -> DTensor {
    DTensor(
        rows: ids.count, columns: weight.columns,
        scalars: ids.flatMap { weight.scalars[($0 * weight.columns)..<(($0 + 1) * weight.columns)] })
}
@derivative(of: embedding, wrt: weight)
public func vjpEmbedding(_ weight: DTensor, _ ids: [Int]) -> (value: DTensor, pullback: (DTensor) -> DTensor) {
    (
        embedding(weight, ids),
        { g in
            var gw = [Float](repeating: 0, count: weight.scalars.count)
            for (p, id) in ids.enumerated() {
                for f in 0..<weight.columns { gw[id * weight.columns + f] += g.scalars[p * weight.columns + f] }
            }
            return DTensor(rows: weight.rows, columns: weight.columns, scalars: gw)
        }
    )
}

public func crossEntropy(_ logits: DTensor, _ targets: [Int]) -> Float {
    var total: Float = 0
    for (i, t) in targets.enumerated() {
        let row = logits.scalars[(i * logits.columns)..<((i + 1) * logits.columns)]
        let m = row.max()!
        total -= row[row.startIndex + t] - m - log(row.map { exp($0 - m) }.reduce(0, +))
    }
    return total / Float(targets.count)
}
@derivative(of: crossEntropy, wrt: logits)
public func vjpCrossEntropy(_ logits: DTensor, _ targets: [Int]) -> (value: Float, pullback: (Float) -> DTensor) {
    (
        crossEntropy(logits, targets),
        { g in
            var d = [Float](repeating: 0, count: logits.scalars.count)
            for (i, t) in targets.enumerated() {
                let row = Array(logits.scalars[(i * logits.columns)..<((i + 1) * logits.columns)])
                let m = row.max()!
                let e = row.map { exp($0 - m) }
                let s = e.reduce(0, +)
                for j in 0..<logits.columns {
                    d[i * logits.columns + j] = (e[j] / s - (j == t ? 1 : 0)) * g / Float(targets.count)
                }
            }
            return DTensor(rows: logits.rows, columns: logits.columns, scalars: d)
        }
    )
}
