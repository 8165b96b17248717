import DiffLib
import _Differentiation

func random(_ rows: Int, _ columns: Int) -> DTensor {
    DTensor(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in Float.random(in: -0.7...0.7) })
}
struct StatQuestDecoder: Differentiable {
    var we = random(5, 2), wQ = random(2, 2), wK = random(2, 2), wV = random(2, 2)
    var fcWeight = random(5, 2), fcBias = random(1, 5)
    @noDerivative var positions = DTensor(
        rows: 6, columns: 2, scalars: [0, 1, 0.841, 0.540, 0.909, -0.416, 0.141, -0.990, -0.757, -0.654, -0.959, 0.284])

    @differentiable(reverse)
    func callAsFunction(_ ids: [Int]) -> DTensor {
        let x = add(embedding(we, ids), embedding(positions, Array(0..<ids.count)))
        let q = matmul(x, transposed(wQ)), k = matmul(x, transposed(wK)), v = matmul(x, transposed(wV))
        let attention = matmul(causalSoftmax(divided(matmul(q, transposed(k)), by: Float(2).squareRoot())), v)
        return addingRow(matmul(add(x, attention), transposed(fcWeight)), fcBias)
    }
}
let inputs = [[0, 1, 2, 4, 3], [2, 1, 0, 4, 3]]
let labels = [[1, 2, 4, 3, 4], [1, 0, 4, 3, 4]]
var model = StatQuestDecoder()
for _ in 0..<30 {
    for (input, label) in zip(inputs, labels) {
        let (loss, gradient) = valueWithGradient(at: model) { model in crossEntropy(model(input), label) }
        model.we.move(by: gradient.we.scaled(-0.1))
        model.wQ.move(by: gradient.wQ.scaled(-0.1))
        model.wK.move(by: gradient.wK.scaled(-0.1))
        model.wV.move(by: gradient.wV.scaled(-0.1))
        model.fcWeight.move(by: gradient.fcWeight.scaled(-0.1))
        model.fcBias.move(by: gradient.fcBias.scaled(-0.1))
        _ = loss
    }
}
print(crossEntropy(model(inputs[0]), labels[0]))
