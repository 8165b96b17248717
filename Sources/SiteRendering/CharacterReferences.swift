/// Decodes HTML character references (`&#106;`, `&#x6A;`, `&colon;`) in attribute values, so a
/// value is checked as the browser will read it.
///
/// Numeric references are decoded with or without their `;`, as browsers do; of the named ones
/// only those that can spell a URL's scheme or separators are known. An unknown name stays as
/// written, and since values are written back escaped (`&amp;name;`), the browser then reads it
/// literally too: what is checked is what the browser sees.
enum CharacterReferences {
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "colon": ":", "Tab": "\t", "NewLine": "\n", "sol": "/", "num": "#", "quest": "?",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "&", let (scalar, length) = reference(in: scalars, at: index) else {
                output.append(scalars[index])
                index += 1
                continue
            }
            output.append(scalar)
            index += length
        }
        return String(output)
    }

    /// The character a reference starting at `start` stands for, and its length.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        var cursor = start + 1
        guard cursor < scalars.count else { return nil }
        if scalars[cursor] == "#" {
            cursor += 1
            let isHex = cursor < scalars.count && (scalars[cursor] == "x" || scalars[cursor] == "X")
            if isHex { cursor += 1 }
            let digitsStart = cursor
            while cursor < scalars.count, scalars[cursor].properties.isASCIIHexDigit,
                isHex || ("0"..."9").contains(scalars[cursor])
            {
                cursor += 1
            }
            guard cursor > digitsStart else { return nil }
            let digits = String(String.UnicodeScalarView(scalars[digitsStart..<cursor]))
            if cursor < scalars.count, scalars[cursor] == ";" { cursor += 1 }
            let value = UInt32(digits.suffix(8), radix: isHex ? 16 : 10) ?? 0xFFFD
            let scalar = value == 0 ? "\u{FFFD}" : (Unicode.Scalar(value) ?? "\u{FFFD}")
            return (scalar, cursor - start)
        }
        let nameStart = cursor
        while cursor < scalars.count, scalars[cursor].properties.isAlphabetic, scalars[cursor].isASCII { cursor += 1 }
        guard cursor < scalars.count, scalars[cursor] == ";",
            let scalar = named[String(String.UnicodeScalarView(scalars[nameStart..<cursor]))]
        else { return nil }
        return (scalar, cursor + 1 - start)
    }
}
