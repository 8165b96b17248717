import Foundation

/// A colour in sRGB, each channel in 0…255.
struct RGBColor: Sendable, Hashable {
    var red: Double
    var green: Double
    var blue: Double

    /// `0x440154` → (68, 1, 84).
    init(hex: UInt32) {
        red = Double((hex >> 16) & 0xFF)
        green = Double((hex >> 8) & 0xFF)
        blue = Double(hex & 0xFF)
    }

    init(red: Double, green: Double, blue: Double) {
        (self.red, self.green, self.blue) = (red, green, blue)
    }

    /// `#rrggbb`, each channel rounded to the nearest integer.
    var hexString: String {
        let channels = [red, green, blue].map { Int(min(max($0, 0), 255).rounded()) }
        return "#" + channels.map { String(format: "%02x", $0) }.joined()
    }

    /// WCAG relative luminance, 0 (black) … 1 (white).
    var relativeLuminance: Double {
        func linear(_ channel: Double) -> Double {
            let c = channel / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Black or white, whichever contrasts more with this colour as a background.
    ///
    /// Above a luminance of 0.179 black text has the higher WCAG contrast ratio.
    var contrastingTextColor: String {
        relativeLuminance > 0.179 ? "#000000" : "#ffffff"
    }
}

/// A continuous colour map: evenly spaced control points, linearly interpolated in sRGB.
///
/// `ColorMap.viridis.color(at: 0)` is `#440154`, `color(at: 1)` is `#fde725`.
struct ColorMap: Sendable {
    /// The colours at t = 0, 1/(n−1), …, 1.
    let controlPoints: [RGBColor]

    /// The colour at `t`, clamped to 0…1.
    func color(at t: Double) -> RGBColor {
        let position = min(max(t, 0), 1) * Double(controlPoints.count - 1)
        let lower = min(Int(position.rounded(.down)), controlPoints.count - 2)
        let fraction = position - Double(lower)
        let (a, b) = (controlPoints[lower], controlPoints[lower + 1])
        return RGBColor(
            red: a.red + (b.red - a.red) * fraction,
            green: a.green + (b.green - a.green) * fraction,
            blue: a.blue + (b.blue - a.blue) * fraction)
    }

    /// Matplotlib's viridis (perceptually uniform, readable in grey and by colour-blind
    /// readers), sampled at t = 0, 0.1, …, 1; interpolation stays within about 1 % of it.
    static let viridis = ColorMap(
        controlPoints: [
            0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151,
            0xbddf26, 0xfde725,
        ].map(RGBColor.init(hex:)))

    /// ColorBrewer's RdBu reversed: blue for negative values, near-white at the middle (t = 0.5),
    /// red for positive values.
    static let blueWhiteRed = ColorMap(
        controlPoints: [
            0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d,
            0xb2182b, 0x67001f,
        ].map(RGBColor.init(hex:)))
}

/// The diverging map in dark mode, where a white centre would glare: the cells of a diverging
/// heatmap carry a class `dv0` … `dv20` (their position on the map, in 21 levels) beside their
/// light-mode fill, and the stylesheet's dark-mode rules recolour the classes.
///
/// In dark mode the map runs from light blue through a dark grey close to the page's background
/// (so 0 reads as "nothing", as white does on a white page) to light orange-red: the size of a
/// value is its brightness, as in viridis, and the sign its hue. Light mode keeps the exact
/// ColorBrewer colours of the `fill` attributes (CSS rules override presentation attributes,
/// so no rule is needed there).
enum DivergingPalette {
    static let levels = 21

    /// The level (0…20) of a position 0…1 on the map.
    static func level(at position: Double) -> Int {
        Int((min(max(position, 0), 1) * Double(levels - 1)).rounded())
    }

    static func className(ofLevel level: Int) -> String { "dv\(level)" }

    /// Blue (negative) — dark grey (0) — red (positive), brightest at the ends.
    static let dark = ColorMap(
        controlPoints: [
            0xb3dcf7, 0x83bfe8, 0x5598cf, 0x3a70a8, 0x2a4a72, 0x222a36, 0x552a2a, 0x8a3530, 0xbd4e3c, 0xe47b5c,
            0xfab497,
        ].map(RGBColor.init(hex:)))

    /// The dark-mode rules: each level's fill (cells), stroke (runs of cells), gradient stop and value
    /// text colour. Part of `FigureStylesheet.css`.
    static var darkModeCSS: String {
        (0..<levels).map { level in
            let color = dark.color(at: Double(level) / Double(levels - 1))
            let name = className(ofLevel: level)
            return
                "  .heatmap rect.\(name) { fill: \(color.hexString); } .heatmap path.\(name) { stroke: \(color.hexString); } .heatmap stop.\(name) { stop-color: \(color.hexString); } .heatmap text.\(name) { fill: \(color.contrastingTextColor); }"
        }.joined(separator: "\n")
    }
}
