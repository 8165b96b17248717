import Testing
@testable import Markdown

@Suite("Heading anchors")
struct HeadingAnchorTests {
    @Test(
        "Slugs follow GitHub's rules",
        arguments: [
            ("Scaled Dot-Product Attention", "scaled-dot-product-attention"),
            ("Multi-Head Attention (MHA)", "multi-head-attention-mha"),
            ("Q, K & V", "q-k--v"),
            ("snake_case and CamelCase", "snake_case-and-camelcase"),
            ("Why √d?", "why-d"),
            ("Résumé 注意力", "résumé-注意力"),
            ("Step 2: softmax", "step-2-softmax"),
            ("  padded  ", "--padded--"),
            ("Emoji 🙂 here", "emoji--here"),
            ("!!!", ""),
        ])
    func slugs(text: String, slug: String) {
        #expect(HeadingAnchorGenerator.slug(text) == slug)
    }

    @Test("Repeats get -1, -2, … and never collide with anchors already given")
    func duplicates() {
        var anchors = HeadingAnchorGenerator()
        let given = ["Example", "Example", "Example-1", "Example", "Other", "example"].map { anchors.anchor(for: $0) }
        #expect(given == ["example", "example-1", "example-1-1", "example-2", "other", "example-3"])
        #expect(Set(given).count == given.count)
    }

    @Test("Headings of a parsed document get unique anchors from their plain text")
    func fromDocument() {
        let document = MarkdownParser.parse("# Attention\n## *Attention*\n## `softmax`\n")
        var anchors = HeadingAnchorGenerator()
        let ids = document.allNodes(ofKind: .heading).map { anchors.anchor(for: $0.plainText) }
        #expect(ids == ["attention", "attention-1", "softmax"])
    }
}
