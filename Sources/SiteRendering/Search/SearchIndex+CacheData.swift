import Foundation

extension SearchIndex {
    /// The sections as bytes for the page cache: every string and number length-prefixed, read
    /// back without a parser. (Decoding them as JSON took a third of a rebuild at 100 notes.)
    public var cacheData: Data {
        var data = Data()
        func append(_ number: Int) {
            withUnsafeBytes(of: UInt32(number).littleEndian) { data.append(contentsOf: $0) }
        }
        func append(_ text: String) {
            let bytes = Array(text.utf8)
            append(bytes.count)
            data.append(contentsOf: bytes)
        }
        append(sections.count)
        for section in sections {
            for field in [section.page, section.title, section.anchor, section.path, section.snippet] { append(field) }
            append(section.terms.count)
            for (term, count) in section.terms.sorted(by: { $0.key < $1.key }) {
                append(term)
                append(count)
            }
        }
        return data
    }

    /// The index `cacheData` was made from, or nil if `data` is not such bytes.
    public init?(cacheData data: Data) {
        var sections: [Section] = []
        let complete: Bool = data.withUnsafeBytes { buffer in
            var offset = 0
            func number() -> Int? {
                guard offset + 4 <= buffer.count else { return nil }
                let value = buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
                offset += 4
                return Int(UInt32(littleEndian: value))
            }
            func text() -> String? {
                guard let count = number(), offset + count <= buffer.count else { return nil }
                defer { offset += count }
                return String(decoding: buffer[offset..<offset + count], as: UTF8.self)
            }
            guard let sectionCount = number() else { return false }
            for _ in 0..<sectionCount {
                guard let page = text(), let title = text(), let anchor = text(), let path = text(),
                    let snippet = text(), let termCount = number()
                else { return false }
                var terms: [String: Int] = [:]
                terms.reserveCapacity(termCount)
                for _ in 0..<termCount {
                    guard let term = text(), let count = number() else { return false }
                    terms[term] = count
                }
                sections.append(
                    Section(page: page, title: title, anchor: anchor, path: path, snippet: snippet, terms: terms))
            }
            return offset == buffer.count
        }
        guard complete else { return nil }
        self.init(sections: sections)
    }
}
