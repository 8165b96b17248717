import Markdown
import NoteModel
import Testing

@testable import SiteRendering

/// Links between notes are written to the Markdown files, so they work on GitHub; the site
/// must point them at the pages.
@Suite struct NoteLinkRewritingTests {
    @Test func linksToNoteFilesPointAtTheirPages() {
        let html = MarkdownHTMLRenderer().render(
            MarkdownParser.parse("See [the math](3_Self-Attention_Matrix_Math.md#why-divide-by-dk).\n")
        ).body.html
        #expect(html.contains(#"<a href="3-self-attention-matrix-math.html#why-divide-by-dk">the math</a>"#))
    }

    @Test func pagesOfNotesWithURLCharactersInTheirNamesArePercentEncoded() {
        #expect(Note.pageHref(forSlug: "3-what?") == "3-what%3F.html")
        #expect(Note.pageHref(forSlug: "4-#1-idea") == "4-%231-idea.html")
        #expect(Note.pageHref(forSlug: "5-100%") == "5-100%25.html")
        #expect(Note.pageHref(forSlug: "6-ünïcode") == "6-%C3%BCn%C3%AFcode.html")
        #expect(Note.pageAddress(forLink: "3_What%3F.md#why") == "3-what%3F.html#why")
        #expect(Note.pageAddress(forLink: "2_Self%20Attention.md") == "2-self-attention.html")
        #expect(Note.pageAddress(forLink: "5_100%.md") == "5-100%25.html")
        #expect(Note.pageAddress(forLink: "3_What?.md") == "3_What?.md", "a ? starts a query")
        var note = makeNote("# T\n", path: "Notes/4_#1?.md")
        note.slug = "4-#1?"
        #expect(NoteLink(note: note).href == "4-%231%3F.html")
    }

    @Test func otherLinksAreLeftAlone() {
        #expect(Note.pageAddress(forLink: "https://example.com/a.md") == "https://example.com/a.md")
        #expect(Note.pageAddress(forLink: "../README.md") == "../README.md")
        #expect(Note.pageAddress(forLink: "#local") == "#local")
        #expect(Note.pageAddress(forLink: "image.png") == "image.png")
        #expect(Note.pageAddress(forLink: "2_The Main_Ideas.md") == "2-the-main-ideas.html")
    }
}
