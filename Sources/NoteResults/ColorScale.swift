/// How a heatmap turns values into colours, as the block asked.
///
/// - `automatic`: the heatmap's own range (its smallest to its largest value; symmetric around
///   0 when some value is negative).
/// - `fixed`: the given range, so the same colour means the same value in every heatmap that
///   uses it; values outside it take the colour of the nearer end.
/// - `shared`: every heatmap of the note that names this scale gets the range of all their
///   values together, so they can be compared.
///
/// A heatmap that asks for nothing (`ShownTensor.colorScale == nil`) is drawn on the fixed
/// range 0…1 when it holds probabilities (every value in 0…1 and every row summing to 1), and
/// on its automatic range otherwise.
public enum ColorScale: Sendable, Hashable, Codable {
    case automatic
    case fixed(low: Double, high: Double)
    case shared(name: String)
}
