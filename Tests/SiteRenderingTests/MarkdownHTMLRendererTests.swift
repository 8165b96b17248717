import Markdown
import Testing

@testable import SiteRendering

@Suite struct MarkdownHTMLRendererTests {
    // MARK: Headings

    @Test func headingsGetGitHubAnchorsDeduplicatedInOrder() {
        let rendered = MarkdownHTMLRenderer().render(
            MarkdownParser.parse("# Self-Attention\n\n## Example\n\n## Example\n\n### Q, K & V\n"))
        #expect(rendered.headings.map(\.anchor) == ["self-attention", "example", "example-1", "q-k--v"])
        #expect(rendered.headings.map(\.level) == [1, 2, 2, 3])
        #expect(rendered.headings.map(\.text) == ["Self-Attention", "Example", "Example", "Q, K & V"])
        let html = rendered.body.html
        #expect(html.contains(##"<h2 id="example-1">Example<a class="anchor" href="#example-1""##))
        #expect(html.contains(##"<h3 id="q-k--v">Q, K &amp; V<a class="anchor" href="#q-k--v""##))
    }

    @Test func headingAnchorsUseThePlainTextOfTheHeading() {
        let rendered = MarkdownHTMLRenderer().render(MarkdownParser.parse("## Scaled *dot-product* `attention`\n"))
        #expect(rendered.headings[0].anchor == "scaled-dot-product-attention")
        #expect(rendered.body.html.contains("<em>dot-product</em> <code>attention</code>"))
    }

    @Test func headingsWithoutWordsAreStillAnchored() {
        let rendered = MarkdownHTMLRenderer().render(MarkdownParser.parse("## ???\n\n## !!!\n"))
        #expect(rendered.headings.map(\.anchor) == ["section", "section-1"])
    }

    // MARK: Inline content

    @Test func inlineMarkupBecomesTheMatchingElements() {
        let html = renderedHTML(
            "*em* **strong** ~~gone~~ `a < b` [link](https://example.com \"Title\") ![alt *text*](img.png)\n")
        #expect(html.contains("<em>em</em>"))
        #expect(html.contains("<strong>strong</strong>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<code>a &lt; b</code>"))
        #expect(html.contains(##"<a href="https://example.com" title="Title">link</a>"##))
        #expect(html.contains(##"<img src="img.png" alt="alt text">"##))
    }

    @Test func autolinksAndHardLineBreaks() {
        let html = renderedHTML("See https://pytorch.org for more  \nnext line\n")
        #expect(html.contains(##"<a href="https://pytorch.org">https://pytorch.org</a>"##))
        #expect(html.contains("<br>\nnext line"))
    }

    @Test func textThatLooksLikeMarkupIsEscaped() {
        let html = renderedHTML("Use `Tensor<Float>` and 3 \\< 4 & 5\n")
        #expect(html == "<p>Use <code>Tensor&lt;Float&gt;</code> and 3 &lt; 4 &amp; 5</p>\n")
    }

    // MARK: Blocks

    @Test func blockQuotesAndThematicBreaks() {
        let html = renderedHTML("> quoted\n\n---\n")
        #expect(html == "<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>\n")
    }

    @Test func orderedListsKeepTheirStartAndTightListsHaveNoParagraphs() {
        let html = renderedHTML("3. three\n4. four\n")
        #expect(html == "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n")
        let loose = renderedHTML("- one\n\n- two\n")
        #expect(loose == "<ul>\n<li><p>one</p>\n</li>\n<li><p>two</p>\n</li>\n</ul>\n")
    }

    @Test func taskListItemsHaveDisabledCheckboxes() {
        let html = renderedHTML("- [x] done\n- [ ] to do\n- plain\n")
        #expect(html.contains(##"<ul class="contains-task-list">"##))
        #expect(html.contains(##"<li class="task-list-item"><input type="checkbox" disabled checked> done</li>"##))
        #expect(html.contains(##"<li class="task-list-item"><input type="checkbox" disabled> to do</li>"##))
        #expect(html.contains("<li>plain</li>"))
    }

    @Test func looseTaskListItemsPutTheCheckboxInTheParagraph() {
        let html = renderedHTML("- [x] done\n\n- [ ] to do\n")
        #expect(html.contains(##"<li class="task-list-item"><p><input type="checkbox" disabled checked> done</p>"##))
    }

    @Test func codeBlocksCarryTheirLanguageAsAClass() {
        let html = renderedHTML("```python\nprint(\"<hi>\")\n```\n\n    indented\n")
        #expect(html.contains(##"<pre><code class="language-python">print("&lt;hi&gt;")"## + "\n</code></pre>"))
        #expect(html.contains("<pre><code>indented\n</code></pre>"))
    }

    @Test func swiftCodeIsHighlighted() {
        let html = renderedHTML("```swift\nlet x = 1.5 // one and a half\nprint(\"hi\")\n```\n")
        #expect(html.contains(##"<code class="language-swift"><span class="hl-keyword">let</span> x = "##))
        #expect(
            html.contains(##"<span class="hl-number">1.5</span> <span class="hl-comment">// one and a half</span>"##))
        #expect(html.contains(##"<span class="hl-string">"hi"</span>"##))
    }

    @Test func gfmTablesCarryTheirColumnAlignments() {
        let html = renderedHTML("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n")
        #expect(html.contains(##"<div class="table-wrapper">"##))
        #expect(
            html.contains(
                "<thead>\n<tr>\n<th style=\"text-align: left\">a</th>\n<th style=\"text-align: center\">b</th>\n<th style=\"text-align: right\">c</th>\n<th>d</th>\n</tr>\n</thead>"
            ))
        #expect(
            html.contains(
                "<tbody>\n<tr>\n<td style=\"text-align: left\">1</td>\n<td style=\"text-align: center\">2</td>\n<td style=\"text-align: right\">3</td>\n<td>4</td>"
            ))
    }

    @Test func rawHTMLPassesThroughTheSanitizer() {
        let html = renderedHTML(
            "<div class=\"x\">\n<script>alert(1)</script>\n</div>\n\nInline <b>bold</b> and <textarea>.\n")
        #expect(html.contains("<div>\n&lt;script>alert(1)&lt;/script>\n</div>"))
        #expect(html.contains("Inline <b>bold</b> and &lt;textarea>."))
        #expect(!html.contains("<script"))
    }

    // MARK: Footnotes

    @Test func footnotesAreNumberedByFirstReferenceAndCollectedAtTheEnd() throws {
        let html = renderedHTML(
            """
            First B[^b], then A[^a], then B again[^b].

            [^a]: Note A.
            [^b]: Note B.

            After the definitions.
            """)
        #expect(html.contains(##"B<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>"##))
        #expect(html.contains(##"A<sup class="footnote-ref"><a href="#fn-2" id="fnref-2">2</a></sup>"##))
        #expect(html.contains(##"again<sup class="footnote-ref"><a href="#fn-1" id="fnref-1-2">1</a></sup>"##))
        let section = try #require(html.range(of: ##"<section class="footnotes""##))
        let body = html[..<section.lowerBound]
        let footnotes = html[section.lowerBound...]
        #expect(body.contains("After the definitions."))
        #expect(!body.contains("Note A."))
        let b = try #require(footnotes.range(of: ##"<li id="fn-1"><p>Note B."##))
        let a = try #require(footnotes.range(of: ##"<li id="fn-2"><p>Note A."##))
        #expect(b.lowerBound < a.lowerBound)
        #expect(footnotes.contains(##"<a href="#fnref-1" class="footnote-backref""##))
        #expect(
            footnotes.contains(
                ##"<a href="#fnref-1-2" class="footnote-backref" aria-label="Back to reference 1-2">↩<sup>2</sup></a>"##
            ))
        #expect(html.hasSuffix("</section>\n"))
    }

    @Test func handBuiltFootnotesAreNumberedAndUnreferencedOnesLeftOut() {
        let document = node(
            .document,
            [
                node(.footnoteDefinition(label: "unused"), [node(.paragraph, [text("Never cited.")])]),
                node(.footnoteDefinition(label: "x"), [node(.paragraph, [text("Ex.")])]),
                node(
                    .paragraph,
                    [text("See"), node(.footnoteReference(label: "x")), node(.footnoteReference(label: "nowhere"))]),
            ])
        let html = MarkdownHTMLRenderer().render(document).body.html
        #expect(
            html.contains(##"See<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>[^nowhere]</p>"##))
        #expect(html.contains(##"<li id="fn-1"><p>Ex. <a href="#fnref-1""##))
        #expect(!html.contains("Never cited."))
    }

    @Test func noFootnotesSectionWithoutReferences() {
        #expect(!renderedHTML("Plain.\n").contains("footnotes"))
    }

    // MARK: Blocks of the notes

    @Test func outputBlocksAreLeftOut() {
        let html = renderedHTML("Before.\n\n```output\nX [2×2]\n1 2\n```\n\nAfter.\n")
        #expect(html == "<p>Before.</p>\n<p>After.</p>\n")
    }

    @Test func swiftAttnFencesAreReplacedByTheViewForTheirLine() {
        let markdown =
            "Intro.\n\n```swift-attn\nlet a = 1\n```\n\nMiddle.\n\n```swift-attn hide\nlet b = 2\n```\n\nEnd.\n"
        let views: [Int: HTMLNode] = [
            3: .element("div", ["class": "view"], [.text("first")]),
            9: .element("div", ["class": "view"], [.text("second")]),
        ]
        let html = renderedHTML(markdown, blockViews: views)
        #expect(
            html == """
                <p>Intro.</p>
                <div class="view">
                first</div>
                <p>Middle.</p>
                <div class="view">
                second</div>
                <p>End.</p>

                """)
    }

    @Test func aSwiftAttnFenceWithoutAViewShowsItsCode() {
        let html = renderedHTML("```swift-attn\nlet a = 1\n```\n")
        #expect(html.contains(##"<pre><code class="language-swift"><span class="hl-keyword">let</span> a = "##))
    }

    @Test func renderingTwiceGivesTheSameHTML() {
        let document = MarkdownParser.parse("# T\n\n## A\n\n## A\n\nx[^1]\n\n[^1]: y\n")
        let renderer = MarkdownHTMLRenderer()
        #expect(renderer.render(document) == renderer.render(document))
    }
}
