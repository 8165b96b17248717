/// Which colour a heatmap gives each value: viridis from the smallest to the largest value
/// when no value is negative, blue–white–red centred on 0 (white) when some are.
///
/// Non-finite values (NaN, ±inf, such as a mask's −inf) take no part in the range; the
/// heatmap draws them as hatched grey cells. A mask always spans 0 (False) … 1 (True).
struct HeatmapScale: Sendable {
    let colorMap: ColorMap
    /// The values at the ends of the colour bar.
    let low: Double
    let high: Double
    /// The values the legend marks: the ends, and 0 for a diverging scale.
    let ticks: [Double]

    /// The scale for `values`; nil when none is finite.
    init?(values: [Double], isBoolean: Bool) {
        let finite = values.filter(\.isFinite)
        guard let smallest = finite.min(), let largest = finite.max() else { return nil }
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

    /// Where `value` lies on the colour bar, 0…1. A constant tensor sits in the middle.
    func position(of value: Double) -> Double {
        high > low ? (value - low) / (high - low) : 0.5
    }

    /// The colour of a finite `value`.
    func color(of value: Double) -> RGBColor {
        colorMap.color(at: position(of: value))
    }
}
