// The reference's tiny character-level GPT (make_training_reference.py, tiny_gpt_training):
// one pre-norm block, d_model 16, 2 heads, context 8, AdamW(lr=1e-2), 200 steps of 8 windows.
import Attention

let corpus =
    "the cat sat on the mat. the dog sat on the log. a cat and a dog met on a mat by the log. "
    + "the cat ran to the dog and the dog ran to the cat. they sat on the mat and the log all day. "
    + "attention lets each letter look back at the letters before it. "
    + "small models learn short words first. we like it. "
let vocabulary = Array(Set(corpus)).sorted()
let data = corpus.map { vocabulary.firstIndex(of: $0)! }
let context = 8

let clock = ContinuousClock()
let start = clock.now
var generator = Generator(seed: 0)
let model = NN.DecoderOnlyTransformer(
    vocabularySize: vocabulary.count, dModel: 16, numHeads: 2, contextLength: context, dFF: 64, using: &generator)
let optimizer = AdamW(model.parameters, learningRate: 1e-2)
var lastLoss: Float = 0
for _ in 0..<200 {
    // torch.randint(len(data) - 8, (8,)): one draw per window start.
    let starts = (0..<8).map { _ in Int(generator.nextUInt32() % UInt32(data.count - context)) }
    let logits = model(starts.map { Array(data[$0..<($0 + context)]) })
    let targets = starts.flatMap { data[($0 + 1)...($0 + context)] }
    let loss = crossEntropy(logits.reshaped(to: [-1, vocabulary.count]), targets: targets)
    optimizer.zeroGrad()
    loss.backward()
    optimizer.step()
    lastLoss = loss.item
}
let trained = clock.now
let generated = generate(model, prompt: "the cat ".map { vocabulary.firstIndex(of: $0)! }, maxNewTokens: 40)
print("the cat " + String(generated.map { vocabulary[$0] }))
print("tiny GPT: 200 AdamW steps in \(trained - start) (last loss \(lastLoss)), 40 tokens in \(clock.now - trained)")
