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
        // The step of 1, 2 or 5 × 10ⁿ whose number of ticks is nearest count + 1 (the fewer on a tie).
        let power = Int((log10((high - low) / Double(max(count, 1)))).rounded(.down))
        let candidates = (power - 1...power + 1).flatMap { exponent in
            [1, 2, 5].map { (factor: $0, exponent: exponent) }
        }
        func tickCount(_ step: (factor: Int, exponent: Int)) -> Int {
            let size = Self.value(1, step)
            return Int((high / size).rounded(.down) - (low / size).rounded(.up)) + 1
        }
        let step = candidates.min { a, b in
            let (distanceA, distanceB) = (abs(tickCount(a) - count - 1), abs(tickCount(b) - count - 1))
            return distanceA != distanceB ? distanceA < distanceB : Self.value(1, a) > Self.value(1, b)
        }!
        let size = Self.value(1, step)
        let first = Int((low / size).rounded(.up))
        let last = Int((high / size).rounded(.down))
        values = first <= last ? (first...last).map { Self.value($0, step) } : []
        decimals = max(0, -step.exponent)
    }

    /// `multiple × factor × 10^exponent`, divided rather than multiplied by a power of ten
    /// below 1, so 3 × 0.2 is 0.6 and not 0.6000000000000001.
    private static func value(_ multiple: Int, _ step: (factor: Int, exponent: Int)) -> Double {
        let whole = Double(multiple * step.factor)
        let result =
            step.exponent < 0 ? whole / pow(10, Double(-step.exponent)) : whole * pow(10, Double(step.exponent))
        return result + 0  // no negative zero
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
