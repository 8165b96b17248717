import Foundation
import NoteResults

/// Round numbers to mark an axis or a colour bar with: steps of 1, 2 or 5 times a power of ten,
/// about `count` of them between `low` and `high` (both ends included when they are round).
///
/// `NiceTicks(low: 0, high: 1).values` is `[0, 0.2, 0.4, 0.6, 0.8, 1]`, written `0.0`, `0.2`, …
struct NiceTicks {
    let values: [Double]
    /// Digits after the decimal point that write every tick exactly.
    let decimals: Int
    /// Powers of ten, each written with the decimals it needs (`0.01`, `1`, `100`).
    private var isLogarithmic = false

    init(low: Double, high: Double, count: Int = 5) {
        guard low.isFinite, high.isFinite, high > low else {
            values = low.isFinite ? [low] : []
            decimals = 2
            return
        }
        let rough = (high - low) / Double(max(count, 1))
        let power = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough * 0.999 } ?? 10 * power
        let first = (low / step).rounded(.up)
        let last = (high / step).rounded(.down)
        // Multiples of the step, computed from integers so 0.30000000000000004 never appears.
        values = stride(from: first, through: last, by: 1).map { $0 * step + 0 }
        decimals = max(0, Int(-(log10(step)).rounded(.down)))
    }

    /// Powers of ten from the one at or below `low` to the one at or above `high`, for a log axis.
    static func logarithmic(low: Double, high: Double) -> NiceTicks {
        let first = Int(log10(low).rounded(.down))
        let last = Int(log10(high).rounded(.up))
        let exponents = Array(first...max(first, last))
        var ticks = NiceTicks(values: exponents.map { pow(10, Double($0)) }, decimals: max(0, -first))
        ticks.isLogarithmic = true
        return ticks
    }

    private init(values: [Double], decimals: Int) {
        (self.values, self.decimals) = (values, decimals)
    }

    /// A tick as the axis writes it: `0.2`, `1000`, `0.001`.
    func label(_ value: Double) -> String {
        let digits = isLogarithmic ? max(0, Int(-log10(value).rounded())) : decimals
        return NumberFormat.formatted(value, decimals: digits)
    }
}
