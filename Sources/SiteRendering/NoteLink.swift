import NoteModel

/// A link to a note's page, as the navigation and the index show it.
public struct NoteLink: Sendable, Hashable {
    /// The note's title (its first `#` heading).
    public var title: String
    /// Relative to the site's root: `3_self-attention.html`.
    public var href: String

    public init(title: String, href: String) {
        self.title = title
        self.href = href
    }

    /// The link to `note`'s page, `<slug>.html` percent-encoded.
    public init(note: Note) {
        self.init(title: note.title, href: Note.pageHref(forSlug: note.slug))
    }
}

/// The neighbours of a page in the order of the notes.
public struct PageNavigation: Sendable, Hashable {
    public var previous: NoteLink?
    public var next: NoteLink?

    public init(previous: NoteLink?, next: NoteLink?) {
        self.previous = previous
        self.next = next
    }
}
