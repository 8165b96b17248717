import Testing

@testable import SiteRendering

@Suite struct TagFilterTests {
    @Test func filteredTagsAreOpenedWithAnEscapedAngleBracket() {
        #expect(TagFilter.apply("<script>alert(1)</script>") == "&lt;script>alert(1)&lt;/script>")
        #expect(TagFilter.apply("<STYLE media=\"x\">") == "&lt;STYLE media=\"x\">")
        #expect(TagFilter.apply("<title/>") == "&lt;title/>")
        #expect(TagFilter.apply("<iframe\nsrc=x>") == "&lt;iframe\nsrc=x>")
    }

    @Test func everyFilteredTagIsFiltered() {
        for name in ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"] {
            #expect(TagFilter.apply("<\(name)>") == "&lt;\(name)>", "\(name)")
            #expect(TagFilter.apply("</\(name)>") == "&lt;/\(name)>", "\(name)")
        }
    }

    @Test func otherTagsAndLookalikesPassThrough() {
        let html = "<div class=\"note\"><b>x</b><scripts><titles> <tit> <script"
        #expect(TagFilter.apply(html) == html)
    }

    @Test func nonASCIITextSurvives() {
        #expect(TagFilter.apply("<p>Softmax → σ</p><script>") == "<p>Softmax → σ</p>&lt;script>")
    }
}
