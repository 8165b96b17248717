import Foundation
import Markdown
import NoteModel
import NoteResults
import Testing

@testable import SiteRendering

@Suite struct PageRendererTests {
    let markdown = """
        # Self-Attention

        Self-attention lets each token look at the others. It is the core of a transformer.

        ## The weights

        ```swift-attn
        let w = attention.weights(x)
        heatmap(w, "Attention percentages")
        ```

        ```output
        Attention percentages [2×2]
        ```

        ### Why softmax

        Text.

        ## The output

        ```swift-attn no-output
        show(y)
        ```

        ```swift-attn
        let broken: Int = Tensor()
        ```

        Done.
        """

    var note: Note { makeNote(markdown, title: "Self-Attention") }

    var results: [BlockResult?] {
        let weights = ShownTensor(title: "Attention percentages", shape: [2, 2], values: [0.6, 0.4, 0.3, 0.7])
        return [
            BlockResult(outputs: [.heatmap(weights)]),
            BlockResult(outputs: [.table(weights)]),
            BlockResult(
                failure: BlockFailure(kind: .compile, message: "cannot convert value of type 'Tensor' to 'Int'")),
        ]
    }

    let navigation = PageNavigation(
        previous: NoteLink(title: "Word <Embeddings>", href: "2-word-embeddings.html"),
        next: NoteLink(title: "Masked Self-Attention", href: "4-masked.html"))

    var page: String { PageRenderer().render(note: note, results: results, navigation: navigation) }

    @Test func theSkeletonIsAStandaloneHTML5Document() {
        let page = self.page
        #expect(page.hasPrefix("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(page.contains(##"<meta name="viewport" content="width=device-width, initial-scale=1">"##))
        #expect(page.contains("<title>Self-Attention — Attention in transformers</title>"))
        #expect(page.contains(##"<link rel="stylesheet" href="assets/style.css">"##))
        #expect(page.contains(##"<a class="home" href="index.html">Attention in transformers</a>"##))
        #expect(page.hasSuffix("</body>\n</html>\n"))
        // Nothing is fetched from the network.
        #expect(page.occurrences(of: "http") == page.occurrences(of: "http://www.w3.org/2000/svg"))
    }

    @Test func theTableOfContentsListsSecondAndThirdLevelHeadings() throws {
        let page = self.page
        let toc = try #require(page.range(of: ##"<nav class="page-toc" aria-label="On this page">"##))
        let article = try #require(page.range(of: ##"<article class="note">"##))
        #expect(toc.lowerBound < article.lowerBound)
        let contents = String(page[toc.lowerBound..<article.lowerBound])
        #expect(
            contents.contains(
                ##"<li><a href="#the-weights">The weights</a><ol>"## + "\n"
                    + ##"<li><a href="#why-softmax">Why softmax</a></li>"##))
        #expect(contents.contains(##"<li><a href="#the-output">The output</a></li>"##))
        #expect(!contents.contains("#self-attention"))
    }

    @Test func previousAndNextLinkByTitle() {
        let page = self.page
        #expect(
            page.contains(
                ##"<a class="prev" rel="prev" href="2-word-embeddings.html"><span class="direction">← Previous</span><span class="title">Word &lt;Embeddings&gt;</span></a>"##
            ))
        #expect(
            page.contains(
                ##"<a class="next" rel="next" href="4-masked.html"><span class="direction">Next →</span><span class="title">Masked Self-Attention</span></a>"##
            ))
        let first = PageRenderer().render(
            note: note, results: results, navigation: PageNavigation(previous: nil, next: nil))
        #expect(!first.contains("rel=\"prev\""))
        #expect(!first.contains("rel=\"next\""))
    }

    @Test func blocksAreReplacedByTheirResultsInPlace() throws {
        let page = self.page
        let weights = try #require(page.range(of: "id=\"the-weights\""))
        let heatmap = try #require(page.range(of: "<figure class=\"heatmap\">"))
        let why = try #require(page.range(of: "id=\"why-softmax\""))
        let output = try #require(page.range(of: "id=\"the-output\""))
        let error = try #require(page.range(of: "role=\"alert\""))
        let done = try #require(page.range(of: "<p>Done.</p>"))
        #expect(weights.lowerBound < heatmap.lowerBound && heatmap.lowerBound < why.lowerBound)
        #expect(output.lowerBound < error.lowerBound && error.lowerBound < done.lowerBound)
        // The recorded `output` block is not on the page; the no-output block's table is not either.
        #expect(!page.contains("Attention percentages [2×2]"))
        #expect(!page.contains("<table class=\"matrix\">"))
        #expect(page.contains("show(y)"))
        #expect(page.contains("<pre>cannot convert value of type 'Tensor' to 'Int'</pre>"))
    }

    @Test func missingResultsShowTheCodeOnly() {
        let page = PageRenderer().render(note: note, results: [], navigation: navigation)
        #expect(page.occurrences(of: ##"<code class="language-swift">"##) == 3)
        #expect(!page.contains("block-results"))
    }

    @Test func theFooterNamesTheNoteFile() {
        #expect(
            page.contains("<footer class=\"site-footer\">\n<p>Generated by notesgen from <code>Notes/1_Test.md</code>.")
        )
    }

    @Test func renderingTwiceGivesTheSameBytes() {
        #expect(page == page)
        let again = PageRenderer().render(
            note: makeNote(markdown, title: "Self-Attention"), results: results, navigation: navigation)
        #expect(Array(page.utf8) == Array(again.utf8))
    }

    @Test func aNoteWithoutSectionsHasNoTableOfContents() {
        let page = PageRenderer().render(
            note: makeNote("# Only a title\n\nText.\n"), results: [], navigation: navigation)
        #expect(!page.contains("page-toc"))
    }

    @Test func theSiteTitleCanBeChosen() {
        let page = PageRenderer(siteTitle: "Notes & more").render(note: note, results: results, navigation: navigation)
        #expect(page.contains("<title>Self-Attention — Notes &amp; more</title>"))
    }
}

@Suite struct IndexRendererTests {
    @Test func theIndexListsEveryNoteInOrderWithItsNumberAndSummary() throws {
        let entries = [
            IndexEntry(
                order: 1, link: NoteLink(title: "Word Embeddings", href: "1-word-embeddings.html"),
                summary: "Words as <vectors>."),
            IndexEntry(order: 3, link: NoteLink(title: "Self-Attention", href: "3-self-attention.html")),
        ]
        let html = IndexRenderer().render(notes: entries)
        #expect(html.hasPrefix("<!doctype html>\n"))
        #expect(html.contains("<title>Attention in transformers</title>"))
        #expect(html.contains(##"<link rel="stylesheet" href="assets/style.css">"##))
        #expect(html.contains(##"<ol class="note-list">"##))
        #expect(
            html.contains(
                ##"<li value="1"><a href="1-word-embeddings.html">Word Embeddings</a><p class="summary">Words as &lt;vectors&gt;.</p>"##
            ))
        #expect(html.contains(##"<li value="3"><a href="3-self-attention.html">Self-Attention</a></li>"##))
        let first = try #require(html.range(of: "Word Embeddings</a>"))
        let third = try #require(html.range(of: "Self-Attention</a>"))
        #expect(first.lowerBound < third.lowerBound)
        #expect(html == IndexRenderer().render(notes: entries))
    }

    @Test func anEntryForANoteSummarisesItWithItsFirstParagraph() {
        let note = makeNote(
            "# Self-Attention\n\nEach token *looks* at the others, e.g. via 3.5 dot products. More text.\n\nLater.\n")
        let entry = IndexEntry(note: note)
        #expect(entry.link == NoteLink(title: "Test", href: "1-test.html"))
        #expect(entry.order == 1)
        #expect(entry.summary == "Each token looks at the others, e.g. via 3.5 dot products. More text.")
        #expect(IndexEntry(note: makeNote("# Title only\n")).summary == nil)
    }

    @Test func aDeclaredSummaryWins() {
        var note = makeNote("# T\n\nFirst paragraph.\n")
        note.metadata = ["summary": "What the author says."]
        #expect(IndexEntry(note: note).summary == "What the author says.")
    }

    @Test(arguments: [40, 45, 60, 80, 120])
    func aLongFirstParagraphIsCutAtASentenceOrAWordNeverInside(wordLength: Int) throws {
        let word = String(repeating: "x", count: wordLength % 7 + 3)
        let sentence = Array(repeating: word, count: wordLength / 4).joined(separator: " ") + ". "
        let text = String(repeating: "Then " + sentence, count: 12)
        let summary = try #require(IndexEntry(note: makeNote("# T\n\n" + text + "\n")).summary)
        #expect(summary.count <= IndexEntry.summaryLimit + 2)
        #expect(summary.hasSuffix(".") || summary.hasSuffix(" …"))
        let words = summary.replacingOccurrences(of: " …", with: "").split(separator: " ")
        #expect(words.allSatisfy { $0 == "Then" || $0.trimmingCharacters(in: .punctuationCharacters) == word })
    }
}

@Suite struct StylesheetTests {
    @Test func theStylesheetSupportsDarkModePrintAndNarrowScreens() {
        let css = Stylesheet.css
        #expect(css.contains("@media (prefers-color-scheme: dark)"))
        #expect(css.contains("@media print"))
        #expect(css.contains("@media (min-width:"))
        #expect(css.contains("--measure: 70ch"))
        #expect(css.contains(".block-error"))
        #expect(css.contains(".block-expected-error"))
        #expect(css.contains(".heatmap svg"))
        #expect(css.contains("overflow-x: auto"))
    }

    @Test func theStylesheetFetchesNothing() {
        #expect(!Stylesheet.css.contains("@import"))
        #expect(!Stylesheet.css.contains("url("))
        #expect(!Stylesheet.css.contains("http"))
    }

    @Test func theStylesheetsBracesBalance() {
        #expect(Stylesheet.css.filter { $0 == "{" }.count == Stylesheet.css.filter { $0 == "}" }.count)
    }
}
