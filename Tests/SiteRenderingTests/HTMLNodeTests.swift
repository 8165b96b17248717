import Testing

@testable import SiteRendering

@Suite struct HTMLNodeTests {
    @Test func textIsEscaped() {
        let node = HTMLNode.element("p", [], [.text("a < b && c > d <script>alert(1)</script>")])
        #expect(node.html == "<p>a &lt; b &amp;&amp; c &gt; d &lt;script&gt;alert(1)&lt;/script&gt;</p>\n")
    }

    @Test func attributeValuesAreEscapedAndQuoted() {
        let node = HTMLNode.element("a", ["href": "x\" onclick=\"evil()", "title": "<b>&"], [.text("link")])
        #expect(node.html == #"<a href="x&quot; onclick=&quot;evil()" title="&lt;b&gt;&amp;">link</a>"#)
    }

    @Test func attributesKeepTheOrderTheyWereWrittenIn() {
        let node = HTMLNode.element("td", ["z": "1", "a": "2", "m": "3"])
        #expect(node.html == #"<td z="1" a="2" m="3"></td>"# + "\n")
    }

    @Test func booleanAttributesAreWrittenByNameAlone() {
        let node = HTMLNode.element("input", ["type": "checkbox", "disabled": nil, "checked": nil])
        #expect(node.html == #"<input type="checkbox" disabled checked>"#)
    }

    @Test func voidElementsHaveNoEndTag() {
        #expect(HTMLNode.element("br").html == "<br>")
        #expect(HTMLNode.element("hr").html == "<hr>\n")
    }

    @Test func trustedMarkupIsWrittenVerbatim() {
        let node = HTMLNode.element("div", [], [.trustedMarkup("<b>bold</b> &amp;"), .text("<b>")])
        #expect(node.html == "<div>\n<b>bold</b> &amp;&lt;b&gt;</div>\n")
    }

    @Test func fragmentsWriteTheirChildrenWithoutAWrapper() {
        let node = HTMLNode.fragment([.text("a"), .element("em", [], [.text("b")]), .text("c")])
        #expect(node.html == "a<em>b</em>c")
    }

    @Test func preformattedContentGetsNoLineBreaksAdded() {
        let node = HTMLNode.element("pre", [], [.element("code", [], [.text("x\n  y\n")])])
        #expect(node.html == "<pre><code>x\n  y\n</code></pre>\n")
    }

    @Test func appendingAnAttributeKeepsTheEarlierOnes() {
        let attributes: HTMLAttributes = ["src": "a.png"]
        let withAlt = attributes.appending("alt", "A")
        #expect(HTMLNode.element("img", withAlt).html == #"<img src="a.png" alt="A">"#)
    }
}
