/// A random number generator that reproduces PyTorch's CPU generator bit for bit.
///
/// `Generator(seed: s)` behaves like `torch.manual_seed(s)` on PyTorch's default CPU generator:
/// the same seed gives the same `torch.rand`, `torch.randn`, `nn.Linear` initialisation, … when
/// the matching `Tensor` functions are called in the same order.
///
/// ```swift
/// var generator = Generator(seed: 0)
/// generator.nextUInt32()                       // 2357136044, like std::mt19937(0)
/// let x = Tensor.rand([3], using: &generator)  // torch.manual_seed(0); torch.rand(3)
/// ```
///
/// Like PyTorch's generator it has two pieces of state: the MT19937 engine, and one cached
/// double-precision normal sample (the sine half of the last small-tensor Box–Muller pair, see
/// ``Tensor/normal(_:mean:std:using:)``). Both are reset only by creating a new generator,
/// which is what `manual_seed` does.
public struct Generator: Sendable, Hashable {
    /// The seed this generator was created with, reduced mod 2^64 (PyTorch's `initial_seed()`).
    public let seed: UInt64

    private var engine: MersenneTwister

    /// The second sample of the last double Box–Muller pair, waiting to be used
    /// (PyTorch's `next_double_normal_sample`).
    var cachedNormalSample: Double?

    /// A generator seeded like `torch.manual_seed(seed)`.
    ///
    /// Only the low 32 bits seed the Mersenne Twister, as in PyTorch; the full value is kept in
    /// ``seed``.
    public init(seed: UInt64) {
        self.seed = seed
        self.engine = MersenneTwister(seed: seed)
        self.cachedNormalSample = nil
    }

    /// A generator seeded like `torch.manual_seed(seed)` with a signed seed.
    ///
    /// PyTorch maps negative seeds to `seed mod 2^64`, so `-1` is the same as
    /// `UInt64.max` and `-2^63` the same as `2^63`.
    public init(seed: Int) {
        self.init(seed: UInt64(bitPattern: Int64(seed)))
    }

    /// The next 32 random bits (PyTorch's `CPUGeneratorImpl::random()`).
    public mutating func nextUInt32() -> UInt32 {
        engine.nextUInt32()
    }

    /// The next 64 random bits, from two 32-bit draws (PyTorch's `random64()`).
    ///
    /// The **first** draw becomes the high word: `UInt64(first) << 32 | UInt64(second)`.
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        let low = UInt64(nextUInt32())
        return (high << 32) | low
    }

    /// A float in [0, 1) from one 32-bit draw: its low 24 bits times 2^-24 (exact).
    ///
    /// This is `at::uniform_real_distribution<float>(0, 1)`.
    mutating func nextUnitFloat() -> Float {
        Float(nextUInt32() & 0xff_ffff) * 0x1p-24
    }

    /// A double in [0, 1) from one 64-bit draw: its low 53 bits times 2^-53 (exact).
    ///
    /// This is `at::uniform_real_distribution<double>(0, 1)`.
    mutating func nextUnitDouble() -> Double {
        Double(nextUInt64() & ((1 << 53) - 1)) * 0x1p-53
    }
}
