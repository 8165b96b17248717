import Foundation
import Testing

@testable import SiteRendering

@Suite struct SwiftHighlighterTests {
    func highlighted(_ code: String) -> String {
        HTMLNode.fragment(SwiftHighlighter.highlight(code)).html
    }

    @Test func theTextIsKeptExactly() {
        let code = "struct Head<T> { /* a /* nested */ comment */ let s = \"a \\\"q\\\" \\(x)\"; var r = 0..<3 }\n"
        let html = highlighted(code)
        let withoutTags = html.replacing(/<[^>]+>/, with: "")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        #expect(withoutTags == code)
    }

    @Test func nestedBlockCommentsAreOneComment() {
        #expect(highlighted("/* a /* b */ c */x") == #"<span class="hl-comment">/* a /* b */ c */</span>x"#)
    }

    @Test func stringsKeepEscapedQuotesAndInterpolation() {
        #expect(
            highlighted(#"let s = "say \"hi\" \(name)""#)
                == #"<span class="hl-keyword">let</span> s = <span class="hl-string">"say \"hi\" \(name)"</span>"#)
    }

    @Test func multiLineStringsRunToTheirClosingQuotes() {
        let html = highlighted("\"\"\"\nline \"one\"\n\"\"\" + x")
        #expect(html == "<span class=\"hl-string\">\"\"\"\nline \"one\"\n\"\"\"</span> + x")
    }

    @Test func numbersIncludeDecimalsAndExponentsButNotRanges() {
        #expect(highlighted("1.5e-3") == #"<span class="hl-number">1.5e-3</span>"#)
        #expect(highlighted("0..<3") == #"<span class="hl-number">0</span>..&lt;<span class="hl-number">3</span>"#)
        #expect(highlighted("x2") == "x2")
    }

    @Test func keywordsTypesAndDirectives() {
        #expect(
            highlighted("func f() -> Tensor")
                == #"<span class="hl-keyword">func</span> f() -&gt; <span class="hl-type">Tensor</span>"#)
        #expect(
            highlighted("#sourceLocation @MainActor")
                == #"<span class="hl-keyword">#sourceLocation</span> <span class="hl-keyword">@MainActor</span>"#)
    }

    @Test func anUnterminatedStringEndsAtTheLineEnd() {
        #expect(
            highlighted("\"open\nlet")
                == "<span class=\"hl-string\">\"open</span>\n<span class=\"hl-keyword\">let</span>")
    }
}
