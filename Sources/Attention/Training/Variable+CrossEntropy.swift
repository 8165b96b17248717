import Foundation

/// The mean cross-entropy of `logits` against class indices, like
/// `F.cross_entropy(logits, targets, ignore_index=ignoreIndex)` (`reduction='mean'`, no weights):
///
/// ```
/// loss = Σ_{i: tᵢ ≠ ignoreIndex} −log_softmax(logitsᵢ)[tᵢ]  /  #{i: tᵢ ≠ ignoreIndex}
/// ```
/// The gradient of row `i` is `(softmax(logitsᵢ) − onehot(tᵢ)) · g / count`; ignored rows get 0.
/// If every target is ignored the loss is NaN (0/0), as in PyTorch.
///
/// - Parameters:
///   - logits: `[N, C]`, one row of unnormalised scores per example (reshape `[B, L, C]` to
///     `[B·L, C]` first, as `logits.view(-1, C)` does).
///   - targets: `N` class indices in `0..<C`, or `ignoreIndex`.
///   - ignoreIndex: a target value that does not count (PyTorch's default −100).
/// - Returns: a 0-D variable.
/// - Precondition: `logits` is 2-D, there are `N` targets, and each is in range or `ignoreIndex`.
public func crossEntropy(_ logits: Variable, targets: [Int], ignoreIndex: Int = -100) -> Variable {
    check(logits.value.rank == 2, "crossEntropy: logits must be [N, C], got shape \(logits.shape)")
    let (rows, classes) = (logits.shape[0], logits.shape[1])
    check(
        targets.count == rows,
        "crossEntropy: \(targets.count) targets for logits of shape \(logits.shape) (expected \(rows))")
    for target in targets where target != ignoreIndex {
        check(
            target >= 0 && target < classes,
            "crossEntropy: target \(target) is out of range for \(classes) classes (logits \(logits.shape))")
    }
    let logProbabilities = logits.value.logSoftmax(dim: 1)
    let kept = targets.enumerated().filter { $0.element != ignoreIndex }
    let total = kept.reduce(Float(0)) { $0 - logProbabilities.scalars[$1.offset * classes + $1.element] }
    let count = Float(kept.count)
    return Variable.result(Tensor(total / count), of: [logits]) { gradient in
        let scale = gradient.item / count
        var result = [Float](repeating: 0, count: rows * classes)
        for (row, target) in kept {
            for column in 0..<classes {
                let probability = Foundation.exp(logProbabilities.scalars[row * classes + column])
                result[row * classes + column] = (probability - (column == target ? 1 : 0)) * scale
            }
        }
        return [Tensor(shape: [rows, classes], scalars: result)]
    }
}
