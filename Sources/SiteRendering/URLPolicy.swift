/// Which link and image addresses a published page may contain.
///
/// A note is not trusted: `[x](javascript:…)`, `<img src="data:text/html,…">` or a scheme
/// hidden behind tabs, line breaks or character references must not reach a page. Browsers
/// drop tabs and line breaks anywhere in a URL and leading control characters and spaces, and
/// compare schemes case-insensitively; the scheme is read the same way here.
public enum URLPolicy {
    /// Schemes a link may use; a relative address (no scheme) is always allowed.
    public static let linkSchemes: Set<String> = ["http", "https", "mailto"]
    /// Schemes an image may use, besides `data:` with one of `imageDataTypes`.
    public static let imageSchemes: Set<String> = ["http", "https"]
    /// The `data:` media types an image may carry (raster images run no script).
    public static let imageDataTypes: Set<String> = ["image/png", "image/jpeg", "image/gif", "image/webp"]

    /// What an address is used for.
    public enum Use: Sendable {
        case link, image
    }

    /// Whether `address` (after character references are decoded) is safe to publish as a
    /// link's `href` or an image's `src`.
    public static func allows(_ address: String, as use: Use) -> Bool {
        let cleaned = browserView(of: address)
        guard let scheme = scheme(of: cleaned) else { return true }
        switch use {
        case .link:
            return linkSchemes.contains(scheme)
        case .image:
            if imageSchemes.contains(scheme) { return true }
            guard scheme == "data" else { return false }
            let mediaType = cleaned.dropFirst("data:".count).prefix { $0 != ";" && $0 != "," }
            return imageDataTypes.contains(mediaType.lowercased())
        }
    }

    /// The address as a browser reads it: without leading and trailing spaces and control
    /// characters, and without tabs and line breaks anywhere.
    static func browserView(of address: String) -> String {
        let isSpaceOrControl = { (scalar: Unicode.Scalar) in scalar.value <= 0x20 }
        var scalars = Array(address.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
        while let first = scalars.first, isSpaceOrControl(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpaceOrControl(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The lower-cased scheme (`javascript` of `JavaScript:x`), or nil for a relative address
    /// (no `:` before the first `/`, `?` or `#`).
    static func scheme(of address: String) -> String? {
        guard let end = address.firstIndex(where: { ":/?#".contains($0) }), address[end] == ":" else { return nil }
        return address[..<end].lowercased()
    }
}
