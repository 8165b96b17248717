/// The 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura 1998), exactly as PyTorch's
/// `at::mt19937` runs it (`aten/src/ATen/core/MT19937RNGEngine.h`).
///
/// Seeding is the reference `init_genrand`, so the output stream also equals C++'s
/// `std::mt19937(UInt32(seed))`: seed 0 starts `2357136044, 2546248239, …`, and seed 5489
/// gives 4123659995 as its 10 000th output (the C++ standard's check value).
struct MersenneTwister: Sendable, Hashable {
    private static let stateSize = 624
    /// The distance to the word mixed into each twisted word (`M` in the paper).
    private static let shift = 397

    private var state: [UInt32]
    /// Index of the next state word to temper and return.
    private var next: Int
    /// Outputs left before the state must be twisted again. Starts at 1, so the very first
    /// draw twists the freshly seeded state (as PyTorch does).
    private var left: Int

    /// Seeds the state from the low 32 bits of `seed` (the high bits are ignored, as in PyTorch).
    init(seed: UInt64) {
        var state = [UInt32](repeating: 0, count: Self.stateSize)
        state[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<Self.stateSize {
            let previous = state[j - 1]
            state[j] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(j)
        }
        self.state = state
        self.next = 0
        self.left = 1
    }

    /// The next 32 random bits.
    mutating func nextUInt32() -> UInt32 {
        left -= 1
        if left == 0 { twist() }
        var y = state[next]
        next += 1
        // Tempering improves the equidistribution of the raw state words.
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// Regenerates all 624 state words in place.
    private mutating func twist() {
        let n = Self.stateSize
        let m = Self.shift
        left = n
        next = 0
        for i in 0..<(n - m) {
            state[i] = state[i + m] ^ Self.mix(state[i], state[i + 1])
        }
        for i in (n - m)..<(n - 1) {
            state[i] = state[i + m - n] ^ Self.mix(state[i], state[i + 1])
        }
        state[n - 1] = state[m - 1] ^ Self.mix(state[n - 1], state[0])
    }

    /// The top bit of `upper` joined with the low 31 bits of `lower`, shifted right and
    /// multiplied by the twist matrix A.
    private static func mix(_ upper: UInt32, _ lower: UInt32) -> UInt32 {
        let joined = (upper & 0x8000_0000) | (lower & 0x7fff_ffff)
        return (joined >> 1) ^ ((lower & 1) != 0 ? 0x9908_b0df : 0)
    }
}
