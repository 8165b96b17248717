import NoteResults

extension ShownTensor {
    /// The element at `index` of `values` as the site writes it: `NumberFormat` with the
    /// tensor's decimals (or `decimals` when given), `True`/`False` for a mask.
    func formattedValue(at index: Int, decimals: Int? = nil) -> String {
        isBoolean
            ? NumberFormat.formatted(boolean: values[index])
            : NumberFormat.formatted(values[index], decimals: decimals ?? self.decimals)
    }

    /// `Attention percentages · 3×3`, or just `3×3` for an untitled tensor.
    var caption: String {
        let shape = NumberFormat.shape(self.shape)
        guard let title, !title.isEmpty else { return shape }
        return title + " · " + shape
    }
}
