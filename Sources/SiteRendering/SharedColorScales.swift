import NoteModel
import NoteResults

/// The ranges of a note's shared colour scales: every heatmap that names a scale
/// (`heatmap(…, scale: .shared("scores"))`) is drawn on the range of all their values together,
/// so one colour means one value across the note.
enum SharedColorScales {
    /// The range of each shared scale's values (as `HeatmapScale` would give one heatmap holding
    /// them all: symmetric around 0 when some are negative), by name.
    static func ranges(in results: [BlockResult?]) -> [String: ClosedRange<Double>] {
        var values: [String: [Double]] = [:]
        for case let result? in results {
            for case .heatmap(let tensor) in result.outputs {
                guard case .shared(let name) = tensor.colorScale else { continue }
                values[name, default: []] += HeatmapScale.valuesOnScale(tensor.values)
            }
        }
        return values.compactMapValues { values in
            guard let smallest = values.min(), let largest = values.max() else { return nil }
            return HeatmapScale.range(smallest, largest)
        }
    }
}
