/// How `x * (to - from) + from` is rounded when a uniform sample in [0, 1) is stretched to
/// [from, to).
///
/// PyTorch writes this as a plain multiply and add, but GCC contracts it into one fused
/// multiply-add wherever the instruction set has one, and ATen compiles its CPU kernels once per
/// capability. So the same PyTorch build gives different `uniform_` values on different CPUs:
///
/// | `ATEN_CPU_CAPABILITY`                     | arithmetic |
/// |-------------------------------------------|------------|
/// | `avx2`, `avx512` (any x86 with AVX2)      | ``fused``: `fma(x, to − from, from)`, one rounding |
/// | `default` (no FMA)                        | ``unfused``: `x * (to − from)`, then `+ from` |
///
/// Both agree whenever `to − from` is a power of two (e.g. `nn.Linear` with 4 or 64 inputs) and
/// differ on roughly half the values otherwise (e.g. 10 of the 18 values of `nn.Linear(5, 3)`).
public enum FusedMultiplyAdd: Sendable, Hashable {
    /// One rounding, as on x86 with AVX2 or AVX-512 (and, very likely, Apple silicon).
    case fused
    /// Two roundings, as with PyTorch's `default` CPU capability.
    case unfused

    /// `product1 * product2 + addend` rounded as this case says.
    func multiplyAdd(_ product1: Float, _ product2: Float, _ addend: Float) -> Float {
        switch self {
        case .fused: addend.addingProduct(product1, product2)
        case .unfused: product1 * product2 + addend  // Swift never contracts this into an FMA.
        }
    }
}
