/// The "did you mean …?" of an error about a misspelt name: the known name closest to the one
/// written, when it is close enough to be the likely intent.
enum CommandSuggestion {
    /// The candidate with the smallest edit distance to `name`, if that distance is small for
    /// the name's length (1 for names up to 4 letters, 2 up to 8, 3 beyond). Ties go to the
    /// alphabetically first candidate, so the suggestion never depends on set order.
    static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let allowed = name.count <= 4 ? 1 : name.count <= 8 ? 2 : 3
        var best: (name: String, distance: Int)?
        for candidate in candidates.sorted() {
            let distance = editDistance(name, candidate)
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The Levenshtein distance: how many single-character insertions, deletions and
    /// substitutions turn `a` into `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // One row of the classic table at a time: previous[j] is the distance between the
        // first i-1 characters of a and the first j characters of b.
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
