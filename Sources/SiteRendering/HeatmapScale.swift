import NoteResults

/// Which colour a heatmap gives each value, and what its colour bar says.
///
/// The range comes from the block's `ColorScale`:
/// - nil (the default): 0…1 when the values are probabilities (every value on the scale in
///   0…1 and every row summing to 1 within 1e-3), so 0.19 is never as bright as 1.00;
///   otherwise the automatic range;
/// - automatic: viridis from the smallest to the largest value when none is negative; the
///   diverging map, symmetric around 0, when some are;
/// - fixed: the given range (diverging when it spans 0 on both sides);
/// - shared: the range `sharedRanges` gives for its name (all the note's heatmaps of that name).
///
/// Non-finite values (NaN, ±inf, such as a mask's −inf) take no part in the range; the
/// heatmap draws them as hatched grey cells. So do masking sentinels, the huge negative numbers
/// code fills masked scores with instead of −inf (−1e9 in the course, −1e20, `finfo.min`):
/// values ≤ −1e8 beside ordinary ones would squash every other colour into one. A mask always
/// spans 0 (False) … 1 (True).
struct HeatmapScale: Sendable {
    /// How the scale was chosen, which the colour bar's title says unless the block gave one.
    enum Kind: Sendable, Hashable {
        case automatic, probabilities, fixed, boolean
        case shared(String)
    }

    let kind: Kind
    let colorMap: ColorMap
    /// The values at the ends of the colour bar.
    let low: Double
    let high: Double
    /// The values the colour bar marks: round numbers between its ends.
    let ticks: NiceTicks
    /// Values at or above this are coloured; below it (masking sentinels) they are hatched.
    let lowestOnScale: Double

    /// The scale for `tensor`; nil when no value is finite.
    ///
    /// - Parameter tickCount: about how many ticks the colour bar has room for.
    init?(
        _ tensor: ShownTensor, rowLength: Int, sharedRanges: [String: ClosedRange<Double>] = [:], tickCount: Int = 5
    ) {
        let onScale = Self.valuesOnScale(tensor.values)
        guard let smallest = onScale.min(), let largest = onScale.max() else { return nil }
        lowestOnScale = smallest
        let range: ClosedRange<Double>
        switch tensor.colorScale {
        case _ where tensor.isBoolean:
            (kind, range) = (.boolean, 0...1)
        case nil where Self.areProbabilities(tensor.values, rowLength: rowLength):
            (kind, range) = (.probabilities, 0...1)
        case nil, .automatic:
            (kind, range) = (.automatic, Self.range(smallest, largest))
        case .fixed(let low, let high):
            (kind, range) = (.fixed, min(low, high)...max(low, high))
        case .shared(let name):
            (kind, range) = (.shared(name), sharedRanges[name] ?? Self.range(smallest, largest))
        }
        (low, high) = (range.lowerBound, range.upperBound)
        colorMap = low < 0 && high > 0 ? .blueWhiteRed : .viridis
        ticks =
            tensor.isBoolean ? NiceTicks(low: 0, high: 1, count: 1) : NiceTicks(low: low, high: high, count: tickCount)
    }

    /// The automatic range of values from `smallest` to `largest`: symmetric around 0 when
    /// some are negative, so 0 sits in the diverging map's middle.
    static func range(_ smallest: Double, _ largest: Double) -> ClosedRange<Double> {
        guard smallest < 0 else { return smallest...largest }
        let extent = max(-smallest, largest)
        return -extent...extent
    }

    /// Whether every value is in 0…1 and every row (of `rowLength` values) sums to 1.
    static func areProbabilities(_ values: [Double], rowLength: Int) -> Bool {
        guard rowLength > 0, !values.isEmpty, values.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { return false }
        return stride(from: 0, to: values.count, by: rowLength).allSatisfy { start in
            abs(values[start..<min(start + rowLength, values.count)].reduce(0, +) - 1) <= 1e-3
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
    func isOnScale(_ value: Double) -> Bool {
        value.isFinite && value >= lowestOnScale
    }

    /// Where `value` lies on the colour bar, 0…1 (clamped). A constant tensor sits in the middle.
    func position(of value: Double) -> Double {
        high > low ? min(max((value - low) / (high - low), 0), 1) : 0.5
    }

    /// The colour of a finite `value` (light mode's, for the diverging map; see `DivergingPalette`).
    func color(of value: Double) -> RGBColor {
        colorMap.color(at: position(of: value))
    }

    /// Whether the map is the diverging one, whose colours change in dark mode (`DivergingPalette`).
    var isDiverging: Bool { low < 0 && high > 0 && !(kind == .boolean) }

    /// The colour bar's title when the block gave none: what the colours mean.
    var title: String {
        switch kind {
        case .automatic: "value (this heatmap's range)"
        case .probabilities: "probability (fixed 0…1)"
        case .fixed: "value (fixed range)"
        case .boolean: "False · True"
        case .shared(let name): "value (scale \u{201C}\(name)\u{201D}, shared)"
        }
    }
}
