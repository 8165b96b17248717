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

    @Test func otherLinksAreLeftAlone() {
        #expect(Note.pageAddress(forLink: "https://example.com/a.md") == "https://example.com/a.md")
        #expect(Note.pageAddress(forLink: "../README.md") == "../README.md")
        #expect(Note.pageAddress(forLink: "#local") == "#local")
        #expect(Note.pageAddress(forLink: "image.png") == "image.png")
        #expect(Note.pageAddress(forLink: "2_The Main_Ideas.md") == "2-the-main-ideas.html")
    }
}
