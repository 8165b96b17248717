/// `notesgen --version`.
enum NotesgenVersion {
    /// Raised with every change users can see (commands, block syntax, site layout).
    static let number = "0.4.0"

    static let description = "notesgen \(number)"
}
