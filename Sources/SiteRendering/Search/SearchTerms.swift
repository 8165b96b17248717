/// How text is cut into search terms, at build time here and in the browser by `search.js`
/// (the same rule, written twice because one side is JavaScript; `SearchScriptTests` checks
/// they agree on examples).
///
/// A term is a number with its decimals (`0.8959`, `1e-9` gives `1`, `e`, `9`) or a run of
/// letters, digits and `_` (`d_k`, `scaledDotProductAttention`), lower-cased.
public enum SearchTerms {
    public static func terms(in text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var scalars = Substring(text.lowercased()).unicodeScalars[...]
        func flush() {
            if !current.isEmpty { terms.append(current) }
            current = ""
        }
        while let scalar = scalars.popFirst() {
            if isWordCharacter(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == ".", !current.isEmpty, current.unicodeScalars.allSatisfy(isDigitOrDot),
                let next = scalars.first, isDigit(next)
            {
                // A decimal point inside a number keeps the number whole.
                current.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return terms
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isDigitOrDot(_ scalar: Unicode.Scalar) -> Bool { isDigit(scalar) || scalar == "." }
}
