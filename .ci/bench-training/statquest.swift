// StatQuest's decoder, trained as a note would train it (the model is
// Tests/AttentionTests/Training/TrainingStatQuestDecoder.swift, compiled alongside).
import Attention

let tokens = ["what", "is", "statquest", "awesome", "<EOS>"]
let inputs = [[0, 1, 2, 4, 3], [2, 1, 0, 4, 3]]
let labels = [[1, 2, 4, 3, 4], [1, 0, 4, 3, 4]]

let clock = ContinuousClock()
let start = clock.now
var generator = Generator(seed: 42)  // L.seed_everything(seed=42)
let model = StatQuestDecoder(numTokens: tokens.count, dModel: 2, maxLength: 6, using: &generator)
let optimizer = Adam(model.parameters, learningRate: 0.1)
for _ in 0..<30 {
    for (input, label) in zip(inputs, labels) {
        let loss = crossEntropy(model(input), targets: label)
        optimizer.zeroGrad()
        loss.backward()
        optimizer.step()
    }
}
let trained = clock.now
for prompt in [[0, 1, 2, 4], [2, 1, 0, 4]] {
    let answer = generate(model, prompt: prompt, maxNewTokens: 6 - prompt.count + 1, stopToken: 4)
    print(prompt.map { tokens[$0] }.joined(separator: " "), "→", answer.map { tokens[$0] }.joined(separator: " "))
}
print("statquest: 30 epochs (60 Adam steps) in \(trained - start), generation \(clock.now - trained)")
