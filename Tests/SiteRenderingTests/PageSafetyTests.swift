import Foundation
import Markdown
import Testing

@testable import SiteRendering

/// A hostile note must not be able to run script on, or fetch from, a published page.
@Suite struct PageSafetyTests {
    /// Addresses a link or image may not have, spelled the ways browsers still understand.
    static let unsafeAddresses = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "java\nscript:alert(1)", "\u{01}javascript:alert(1)", "vbscript:msgbox(1)", "VBScript:x",
        "data:text/html,<script>alert(1)</script>", "data:text/html;base64,PHNjcmlwdD4=", "data:image/svg+xml,<svg/>",
        "file:///etc/passwd", "jar:x",
    ]

    @Test(arguments: unsafeAddresses)
    func unsafeAddressesAreRefused(address: String) {
        #expect(!URLPolicy.allows(address, as: .link))
        #expect(!URLPolicy.allows(address, as: .image))
    }

    @Test(arguments: [
        "https://pytorch.org/docs", "http://x.org", "3_Self-Attention.md#why", "#section", "images/a.png",
        "./a.html", "?q=1", "a:b/../x".replacingOccurrences(of: "a:b", with: "a%3Ab"),
    ])
    func ordinaryAddressesAreKept(address: String) {
        #expect(URLPolicy.allows(address, as: .link))
        #expect(URLPolicy.allows(address, as: .image))
    }

    @Test func mailLinksAndDataImagesHaveTheirOwnRules() {
        #expect(URLPolicy.allows("mailto:a@b.org", as: .link))
        #expect(!URLPolicy.allows("mailto:a@b.org", as: .image))
        #expect(URLPolicy.allows("data:image/png;base64,iVBORw0KGgo=", as: .image))
        #expect(!URLPolicy.allows("data:image/png;base64,iVBORw0KGgo=", as: .link))
    }

    @Test func markdownLinksWithUnsafeAddressesKeepOnlyTheirText() {
        let html = renderedHTML(
            """
            [click](javascript:alert(1)) [vb](vbscript:msgbox) [data](data:text/html,x) [ok](https://ok.org)
            <javascript:alert(2)> [ent](javascript&#58;alert(3)) [tab](java&#9;script:alert(4))

            ![img](javascript:alert(5)) ![html](data:text/html,<b>) ![fine](a.png)
            """)
        for word in ["javascript", "vbscript", "data:text"] {
            #expect(!html.lowercased().contains("href=\"\(word)"), "\(word)")
            #expect(!html.lowercased().contains("src=\"\(word)"), "\(word)")
        }
        #expect(!html.contains("java\tscript"))
        #expect(html.contains("click"))
        #expect(html.contains("<a href=\"https://ok.org\">ok</a>"))
        #expect(html.contains("<img src=\"a.png\" alt=\"fine\">"))
        #expect(html.contains("img") && html.contains("html"))
    }

    /// Each payload with a marker that only an executable or fetching construct would carry.
    @Test(arguments: [
        "<img src=x onerror=alert(1)>", "<IMG SRC=x OnError=alert(1)>", "<img src=\"x\" onerror = 'alert(1)'>",
        "<iframe/src=\"javascript:alert(1)\"></iframe>", "<script/src=\"https://evil.example/x.js\"></script>",
        "<script>alert(1)</script>", "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>",
        "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>", "<a href=\"  JAVASCRIPT:alert(1)\">x</a>",
        "<a href=\"java&#9;script:alert(1)\">x</a>", "<img src=\"data:text/html,<script>alert(1)</script>\">",
        "<object data=\"x.swf\"></object>", "<embed src=\"x\">", "<form action=\"javascript:alert(1)\"><button>",
        "<details open ontoggle=alert(1)>", "<style>*{background:url(https://evil.example)}</style>",
        "<p style=\"background:url(https://evil.example)\">x</p>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"https://evil.example/\">", "<link rel=stylesheet href=https://evil.example/x.css>",
        "<!--><script>alert(1)</script>-->", "<div title=\"<script>alert(1)</script>\">", "<img src=x onerror=alert(1)",
        "<math><mtext><script>alert(1)</script></mtext></math>", "<textarea><script>alert(1)</script>",
        "<a href=x onmouseover=alert(1)>y</a>", "<img src=`x` onerror=alert(1)>",
    ])
    func rawHTMLPayloadsAreDisarmed(payload: String) {
        for html in [
            RawHTMLSanitizer.sanitize(payload), renderedHTML(payload + "\n"), renderedHTML("x " + payload + "\n"),
        ] {
            let tags = openedTags(in: html)
            let forbidden: Set<String> = [
                "script", "iframe", "svg", "math", "object", "embed", "form", "style", "meta", "base", "link",
                "textarea", "button",
            ]
            #expect(tags.intersection(forbidden).isEmpty, "\(html)")
            for tag in openedTagTexts(in: html).map({ $0.lowercased() }) {
                #expect(!tag.contains(" on"), "event handler in \(html)")
                #expect(!tag.contains("javascript") && !tag.contains("data:text"), "\(html)")
                #expect(!tag.contains("style="), "\(html)")
            }
        }
    }

    @Test func formattingHTMLSurvives() {
        let html = "<details><summary>Answer</summary>\n<p title=\"t\">x<sub>2</sub> <code>q</code></p></details>"
        #expect(RawHTMLSanitizer.sanitize(html) == html)
        #expect(RawHTMLSanitizer.sanitize("<p align=\"center\">x</p>") == "<p>x</p>")
        #expect(
            RawHTMLSanitizer.sanitize("<br/><img src=\"a.png\" alt='A &amp; B'>")
                == "<br /><img src=\"a.png\" alt=\"A &amp; B\">")
    }

    /// A raw `<a>` to another note's Markdown file reaches its page, as a Markdown link does;
    /// other addresses are kept as written.
    @Test func rawLinksToNotesReachTheirPages() {
        #expect(
            RawHTMLSanitizer.sanitize("<a href=\"11_Scaled_Attention.md#fully-masked-rows\">rows</a>")
                == "<a href=\"11-scaled-attention.html#fully-masked-rows\">rows</a>")
        #expect(
            RawHTMLSanitizer.sanitize("<a href=\"3_Self%20Attention.md\">x</a>")
                == "<a href=\"3-self-attention.html\">x</a>")
        for kept in ["https://example.com/a.md", "notes/readme.md", "#local", "other.html"] {
            #expect(RawHTMLSanitizer.sanitize("<a href=\"\(kept)\">x</a>") == "<a href=\"\(kept)\">x</a>")
        }
    }

    @Test func refusedTagsShowAsText() {
        #expect(RawHTMLSanitizer.sanitize("<script>alert(1)</script>") == "&lt;script>alert(1)&lt;/script>")
        #expect(RawHTMLSanitizer.sanitize("a < b > c") == "a &lt; b > c")
        #expect(RawHTMLSanitizer.sanitize("<b onclick=x>hi</b>") == "<b>hi</b>")
    }

    /// The names of the elements a browser would open in `html`: every `<` followed by a letter.
    private func openedTags(in html: String) -> Set<String> {
        Set(
            openedTagTexts(in: html).map { tag in
                String(tag.dropFirst().prefix { $0.isLetter || $0.isNumber }).lowercased()
            })
    }

    /// Every tag a browser would open in `html`, from its `<` to its `>` (or the end).
    private func openedTagTexts(in html: String) -> [String] {
        var tags: [String] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let first = after.first, first.isLetter else {
                rest = after
                continue
            }
            let close = after.firstIndex(of: ">") ?? after.endIndex
            tags.append(String(rest[open..<close]))
            rest = after[close...]
        }
        return tags
    }
}

/// Rendering recurses once per level of nesting; the deepest tree the parser keeps renders on a
/// secondary thread's small stack.
@Suite struct DeepNestingRenderingTests {
    @Test func theDeepestKeptTreeRendersOnASmallStack() async {
        let source =
            String(repeating: "> ", count: 3000) + "deep\n\n"
            + (0..<3000).map { String(repeating: "  ", count: $0) + "- item\n" }.joined()
        let html = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: renderedHTML(source))
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        #expect(html.occurrences(of: "<blockquote>") == MarkdownParser.maximumDepth)
        #expect(html.contains("<li>"))
    }
}
