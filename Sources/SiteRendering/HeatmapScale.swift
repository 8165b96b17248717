/// Which colour a heatmap gives each value: viridis from the smallest to the largest value
/// when no value is negative, blue–white–red centred on 0 (white) when some are.
///
/// Non-finite values (NaN, ±inf, such as a mask's −inf) take no part in the range; the
/// heatmap draws them as hatched grey cells. So do masking sentinels, the huge negative numbers
/// code fills masked scores with instead of −inf (−1e9 in the course, −1e20, `finfo.min`):
/// values ≤ −1e8 beside ordinary ones would squash every other colour into one. A mask always
/// spans 0 (False) … 1 (True).
struct HeatmapScale: Sendable {
    let colorMap: ColorMap
    /// The values at the ends of the colour bar.
    let low: Double
    let high: Double
    /// The values the legend marks: the ends, and 0 for a diverging scale.
    let ticks: [Double]

    /// The scale for `values`; nil when none is finite.
    init?(values: [Double], isBoolean: Bool) {
        let finite = Self.valuesOnScale(values)
        guard let smallest = finite.min(), let largest = finite.max() else { return nil }
        lowestOnScale = smallest
        if isBoolean {
            (colorMap, low, high) = (.viridis, 0, 1)
            ticks = [0, 1]
        } else if smallest < 0 {
            let extent = max(-smallest, largest)
            (colorMap, low, high) = (.blueWhiteRed, -extent, extent)
            ticks = [-extent, 0, extent]
        } else {
            (colorMap, low, high) = (.viridis, smallest, largest)
            ticks = smallest == largest ? [smallest] : [smallest, largest]
        }
    }

    /// Values at or below this, beside values above it, are masking sentinels.
    static let maskingSentinel = -1e8

    /// The values that get a colour: the finite ones, less masking sentinels.
    static func valuesOnScale(_ values: [Double]) -> [Double] {
        let finite = values.filter(\.isFinite)
        let ordinary = finite.filter { $0 > maskingSentinel }
        return ordinary.isEmpty ? finite : ordinary
    }

    /// Whether `value` gets a colour; the others are drawn hatched.
    let lowestOnScale: Double

    func isOnScale(_ value: Double) -> Bool {
        value.isFinite && value >= lowestOnScale
    }

    /// Where `value` lies on the colour bar, 0…1. A constant tensor sits in the middle.
    func position(of value: Double) -> Double {
        high > low ? (value - low) / (high - low) : 0.5
    }

    /// The colour of a finite `value`.
    func color(of value: Double) -> RGBColor {
        colorMap.color(at: position(of: value))
    }
}
