import Foundation
import NoteResults

/// Computes one row of attention with the library and shows it step by step under the block:
/// the query's score against every key, the scaled scores, their softmax, and the weighted sum
/// of the value rows. On the page the steps are a numbered sequence (with JavaScript, one step
/// at a time, Previous and Next).
///
/// ```swift
/// attentionSteps(query: q[2], keys: k, values: v, tokens: tokens, queryToken: "poem")
/// ```
///
/// - Parameters:
///   - query: the query vector (1-D, d_k values), e.g. one row of Q.
///   - keys: K, one row per token (tokens × d_k).
///   - values: V, one row per token (tokens × d_v).
///   - tokens: the tokens of the keys' rows.
///   - queryToken: the token the query belongs to, for the captions.
///   - scale: what the scores are multiplied by; 1/√d_k when nil.
///   - title: the figure's caption.
///   - decimals: digits of the numbers shown and recorded.
/// - Returns: the output row (d_v values), which the block can check against a full attention.
///
/// Recorded as four one-row tables: the scores, the scaled scores, the weights, the output.
@discardableResult
public func attentionSteps(
    query: Tensor, keys: Tensor, values: Tensor, tokens: [String], queryToken: String, scale: Float? = nil,
    _ title: String? = nil, decimals: Int = 4
) -> Tensor {
    precondition(query.rank == 1, "attentionSteps: the query must be 1-D, not of shape \(query.shape)")
    precondition(
        keys.rank == 2 && keys.shape[1] == query.shape[0],
        "attentionSteps: keys of shape \(keys.shape) for a query of \(query.shape[0]) values")
    precondition(
        values.rank == 2 && values.shape[0] == keys.shape[0],
        "attentionSteps: values of shape \(values.shape) for keys of shape \(keys.shape)")
    precondition(tokens.count == keys.shape[0], "attentionSteps: \(tokens.count) tokens for \(keys.shape[0]) keys")
    let factor = scale ?? 1 / Float(query.shape[0]).squareRoot()
    let scores = matmul(keys, query.reshaped(to: [query.shape[0], 1])).reshaped(to: [keys.shape[0]])
    let scaled = scores * factor
    let weights = scaled.softmax(dim: 0)
    let output = matmul(weights.reshaped(to: [1, keys.shape[0]]), values).reshaped(to: [values.shape[1]])
    ResultChannel.shared.send(
        .attentionSteps(
            AttentionSteps(
                title: title, query: queryToken, keys: tokens, scores: scores.scalars.map(Double.init),
                scale: Double(factor), scaledScores: scaled.scalars.map(Double.init),
                weights: weights.scalars.map(Double.init), values: values.scalars.map(Double.init),
                valueWidth: values.shape[1], output: output.scalars.map(Double.init), decimals: decimals)))
    return output
}
