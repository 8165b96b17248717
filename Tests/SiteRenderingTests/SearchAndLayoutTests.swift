import Foundation
import Markdown
import NoteModel
import NoteResults
import Testing

@testable import SiteRendering

@Suite struct SearchTermsTests {
    @Test(arguments: [
        ("Poem pays 0.8959 of its attention", ["poem", "pays", "0.8959", "of", "its", "attention"]),
        ("scaledDotProductAttention(q, k, v)", ["scaleddotproductattention", "q", "k", "v"]),
        ("d_k, √d_k and 1e-9", ["d_k", "d_k", "and", "1e", "9"]),
        ("e.g. x1.5 and 1.2.3", ["e", "g", "x1", "5", "and", "1.2.3"]),
        ("-0.5000 Résumé 注意力", ["0.5000", "résumé", "注意力"]),
    ])
    func textIsCutIntoLowerCasedTermsWithNumbersWhole(text: String, terms: [String]) {
        #expect(SearchTerms.terms(in: text) == terms)
    }

    @Test func theScriptCutsTermsWithTheSameExpression() {
        // The JavaScript side: words of letters, digits and `_`, decimals kept with their number.
        #expect(SiteScript.javascript.contains(#"/[\p{L}\p{Nd}_]+(?:\.\d+)*/gu"#))
    }
}

@Suite struct SearchIndexTests {
    static let note: Note = {
        var note = makeNote(
            """
            # Self-Attention

            Intro text about queries.

            ```swift-attn
            let weights = attention.weights(encodings)
            show(weights, "Percentages", rows: ["write", "poem"])
            ```

            ## Why divide by √d_k

            Because dot products grow.

            ### A detail

            Deeper text.
            """, path: "Notes/3_Self Attention?.md", title: "Self-Attention")
        note.slug = "3-self-attention?"
        return note
    }()

    static let result = BlockResult(outputs: [
        .table(
            ShownTensor(
                title: "Percentages", shape: [2, 2], values: [0.1041, 0.8959, 0.5, 0.5], rowLabels: ["write", "poem"]))
    ])

    @Test func sectionsFollowTheHeadingsWithTheRenderersAnchors() {
        var index = SearchIndex()
        index.add(note: Self.note, results: [Self.result])
        #expect(index.sections.map(\.anchor) == ["", "why-divide-by-d_k", "a-detail"])
        #expect(index.sections.map(\.path) == ["", "Why divide by √d_k", "Why divide by √d_k › A detail"])
        #expect(index.sections.allSatisfy { $0.page == "3-self-attention%3F.html" })
        let anchors = MarkdownHTMLRenderer().render(Self.note.document).headings.map(\.anchor)
        #expect(Set(index.sections.map(\.anchor).dropFirst()).isSubset(of: Set(anchors)))
    }

    @Test func computedNumbersCodeIdentifiersAndProseAreTerms() {
        var index = SearchIndex()
        index.add(note: Self.note, results: [Self.result])
        let first = index.sections[0].terms
        for term in ["0.8959", "0.1041", "percentages", "weights", "encodings", "queries", "poem"] {
            #expect(first[term] != nil, "\(term)")
        }
        #expect(first["the"] == nil, "stop words are left out")
        #expect(index.sections[1].terms["grow"] == 1)
        #expect(index.sections[1].terms["0.8959"] == nil)
    }

    @Test func theScriptIsDeterministicAndSafeInsideAScriptElement() throws {
        var index = SearchIndex()
        var note = Self.note
        note.document = MarkdownParser.parse("# T\n\nText </script><script>alert(1)</script>\n")
        index.add(note: note, results: [])
        let script = index.script
        #expect(!script.contains("</script"))
        #expect(script.hasPrefix("window.notesgenSearch = {"))
        var again = SearchIndex()
        again.add(note: note, results: [])
        #expect(again.script == script)
    }

    /// The page cache keeps each note's sections as bytes: they read back exactly, whatever the
    /// text holds, and damaged bytes are not an index.
    @Test func sectionsReadBackFromTheirCacheBytes() throws {
        var index = SearchIndex()
        index.add(note: Self.note, results: [Self.result])
        var hostile = Self.note
        hostile.document = MarkdownParser.parse("# T\n\n## A\u{1F}B \u{0}\ttab é 😀\n\ntext\n")
        index.add(note: hostile, results: [])
        let data = index.cacheData
        let read = try #require(SearchIndex(cacheData: data))
        #expect(read.sections == index.sections)
        #expect(read.script == index.script)
        #expect(SearchIndex(cacheData: data.dropLast()) == nil)
        #expect(SearchIndex(cacheData: data + Data([0])) == nil)
        #expect(SearchIndex(cacheData: Data()) == nil)
        #expect(SearchIndex(cacheData: SearchIndex().cacheData)?.sections.isEmpty == true)
    }

    @Test func postingsRecordSectionGapsAndCounts() throws {
        var index = SearchIndex()
        let note = makeNote("# T\n\nalpha alpha alpha\n\n## B\n\nbeta\n\n## C\n\nalpha\n")
        index.add(note: note, results: [])
        let script = index.script
        let json = String(script.drop(while: { $0 != "{" }).dropLast(2))
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let terms = try #require(decoded?["terms"] as? [String])
        let postings = try #require(
            (decoded?["postings"] as? String)?.split(separator: "|", omittingEmptySubsequences: false))
        let alpha = try #require(terms.firstIndex(of: "alpha"))
        #expect(postings[alpha] == "0*3 2", "section 0 three times, then section 2 (gap 2)")
        #expect(terms == terms.sorted())
    }
}

@Suite struct PageLayoutTests {
    static let note = makeNote("# Title\n\nIntro.\n\n## First\n\nA.\n\n### Sub\n\nB.\n\n## Second\n\nC.\n")
    static let html = PageRenderer().render(
        note: note, results: [],
        navigation: PageNavigation(
            previous: NoteLink(title: "Before", href: "0-before.html"),
            next: NoteLink(title: "After", href: "2-after.html")))

    @Test func theTitleComesFirstWithTheCollapsedContentsUnderIt() throws {
        let title = try #require(Self.html.range(of: "<h1"))
        let inline = try #require(Self.html.range(of: "<details class=\"page-toc-inline\">"))
        let intro = try #require(Self.html.range(of: "Intro."))
        #expect(title.lowerBound < inline.lowerBound && inline.lowerBound < intro.lowerBound)
        #expect(Self.html.contains("<nav class=\"page-toc\" aria-label=\"On this page\">"))
    }

    @Test func previousAndNextAreAtTheTopAndTheBottom() {
        #expect(Self.html.occurrences(of: "href=\"0-before.html\"") == 2)
        #expect(Self.html.occurrences(of: "href=\"2-after.html\"") == 2)
        #expect(Self.html.contains("prev-next-top") && Self.html.contains("prev-next-bottom"))
    }

    @Test func aSkipLinkLeadsToTheContent() {
        #expect(Self.html.contains("<a class=\"skip-link\" href=\"#content\">Skip to content</a>"))
        #expect(Self.html.contains("<main id=\"content\">"))
    }

    @Test func headingAnchorsStayOutOfTheHeadingsName() {
        #expect(Self.html.contains("<a class=\"anchor\" href=\"#first\" aria-hidden=\"true\" tabindex=\"-1\">#</a>"))
        #expect(!Self.html.contains("Link to this section"))
    }

    @Test func theSearchBoxIsHiddenUntilTheScriptShowsIt() {
        #expect(Self.html.contains("<div class=\"search\" id=\"search\" role=\"search\" hidden>"))
        #expect(Self.html.contains("<script src=\"assets/search-index.js\" defer></script>"))
        #expect(Self.html.contains("<script src=\"assets/site.js\" defer></script>"))
    }
}
