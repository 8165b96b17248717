/// A model that predicts the next token and can continue from cached keys and values — what
/// ``generate(_:prompt:maxNewTokens:stopToken:)`` needs.
public protocol LanguageModel {
    /// The longest sequence the model takes at once (its number of positions).
    var contextLength: Int { get }

    /// The logits `[n, vocabularySize]` of `ids`, the `n` tokens that follow the ones already in
    /// `caches`. `caches` holds one `KVCache` per attention layer; pass `[]` to start a sequence
    /// (the model fills it). Each call appends the new tokens' keys and values, so one new
    /// token costs one row of attention per layer.
    func logits(_ ids: [Int], caches: inout [KVCache]) -> Tensor
}

/// Continues `prompt` greedily: each new token is the first most likely one (PyTorch's
/// `argmax(logits[-1])`), fed back until `maxNewTokens` tokens or `stopToken` (which is kept).
///
/// Uses the model's KV caches, so each new token costs one row of attention. Once the sequence
/// fills the model's context, the oldest token is dropped (the last `contextLength` tokens are
/// kept, nanoGPT's `idx[:, -block_size:]`) and the window is run afresh, since every position
/// moved. Runs without recording gradients.
///
/// - Returns: the new tokens (not the prompt).
/// - Precondition: the prompt is not empty and `maxNewTokens >= 0`.
public func generate(
    _ model: some LanguageModel, prompt: [Int], maxNewTokens: Int, stopToken: Int? = nil
) -> [Int] {
    continuing(model, prompt: prompt, maxNewTokens: maxNewTokens, stopToken: stopToken) { firstArgmax($0) }
}

/// Continues `prompt` by sampling: the last logits are divided by `temperature`, all but the
/// `topK` largest are dropped, and a token is drawn from the softmax with one uniform draw of
/// `generator` (inverse CDF). Reproducible for a seed, but not `torch.multinomial`'s stream.
/// Otherwise as ``generate(_:prompt:maxNewTokens:stopToken:)``.
///
/// - Precondition: `temperature > 0` and `topK`, if given, is ≥ 1.
public func generate(
    _ model: some LanguageModel, prompt: [Int], maxNewTokens: Int, temperature: Float, topK: Int? = nil,
    stopToken: Int? = nil, using generator: inout Generator
) -> [Int] {
    check(temperature > 0, "generate: temperature must be positive, got \(temperature)")
    check(topK.map { $0 >= 1 } ?? true, "generate: topK must be at least 1, got \(topK ?? 0)")
    return continuing(model, prompt: prompt, maxNewTokens: maxNewTokens, stopToken: stopToken) { logits in
        var scaled = logits.scalars.map { $0 / temperature }
        if let topK, topK < scaled.count {
            let threshold = scaled.sorted(by: >)[topK - 1]
            scaled = scaled.map { $0 < threshold ? -.infinity : $0 }
        }
        let probabilities = Tensor(scaled).softmax(dim: 0).scalars
        let draw = Float(generator.nextUnitDouble())
        var cumulative: Float = 0
        for (token, probability) in probabilities.enumerated() where probability > 0 {
            cumulative += probability
            if draw < cumulative { return token }
        }
        return probabilities.lastIndex { $0 > 0 } ?? 0
    }
}

/// The index of the first largest element, like `torch.argmax` on a 1-D tensor.
func firstArgmax(_ values: Tensor) -> Int {
    var best = 0
    for index in values.scalars.indices where values.scalars[index] > values.scalars[best] { best = index }
    return best
}

/// The decoding loop shared by greedy decoding and sampling; `choose` picks a token from the
/// last position's logits `[vocabularySize]`.
private func continuing(
    _ model: some LanguageModel, prompt: [Int], maxNewTokens: Int, stopToken: Int?, choose: (Tensor) -> Int
) -> [Int] {
    check(!prompt.isEmpty, "generate: the prompt is empty")
    check(maxNewTokens >= 0, "generate: maxNewTokens must be ≥ 0, got \(maxNewTokens)")
    return Variable.withoutRecording {
        var sequence = prompt
        var generated = [Int]()
        var caches = [KVCache]()
        var window = Array(sequence.suffix(model.contextLength))
        var logits = model.logits(window, caches: &caches)
        while generated.count < maxNewTokens {
            let token = choose(logits[logits.shape[0] - 1])
            generated.append(token)
            sequence.append(token)
            if token == stopToken || generated.count == maxNewTokens { break }
            if window.count < model.contextLength {
                window.append(token)
                logits = model.logits([token], caches: &caches)
            } else {
                window = Array(sequence.suffix(model.contextLength))
                caches = []
                logits = model.logits(window, caches: &caches)
            }
        }
        return generated
    }
}
