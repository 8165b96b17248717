/// Makes GitHub-style anchors (`id`s) for the headings of one page, unique within the page.
///
/// The same rules as GitHub (its `github-slugger`): lower-case the text, delete every
/// character that is not a letter, mark, number, `_`, `-` or space, turn each space into `-`.
/// A repeated anchor gets `-1`, `-2`, … appended, skipping any anchor already handed out.
///
/// ```swift
/// var anchors = HeadingAnchorGenerator()
/// anchors.anchor(for: "Scaled Dot-Product Attention")  // "scaled-dot-product-attention"
/// anchors.anchor(for: "Q, K & V")                      // "q-k--v"
/// anchors.anchor(for: "Example")                       // "example"
/// anchors.anchor(for: "Example")                       // "example-1"
/// ```
///
/// Use one generator per page, and feed it the headings in document order (so the first
/// "Example" keeps the plain anchor). GitHub leaves the anchor of a heading without letters or
/// digits empty, which is no valid `id`; here it is `section` (then `section-1`, …).
public struct HeadingAnchorGenerator: Sendable {
    /// For each anchor handed out: how many times its plain form has been asked for again.
    private var repeats: [String: Int] = [:]

    public init() {}

    /// The anchor for a heading whose plain text is `text` (see `MarkdownNode.plainText`),
    /// distinct from every anchor this generator returned before.
    public mutating func anchor(for text: String) -> String {
        let slug = Self.slug(text)
        let plain = slug.isEmpty ? "section" : slug
        var anchor = plain
        while repeats[anchor] != nil {
            let count = repeats[plain, default: 0] + 1
            repeats[plain] = count
            anchor = "\(plain)-\(count)"
        }
        repeats[anchor] = 0
        return anchor
    }

    /// GitHub's anchor for `text`, without de-duplication: `"Multi-Head Attention (MHA)"` →
    /// `"multi-head-attention-mha"`.
    public static func slug(_ text: String) -> String {
        var slug = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                slug.append("-")
            } else if scalar == "-" || isWordCharacter(scalar) {
                slug.append(scalar)
            }
        }
        return String(slug)
    }

    /// Letters, marks, numbers and connector punctuation (`_`): what an anchor keeps.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation:
            true
        default:
            false
        }
    }
}
