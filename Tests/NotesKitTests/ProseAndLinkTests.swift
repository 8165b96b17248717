import Foundation
import NoteModel
import NoteResults
import SiteRendering
import Testing

@testable import NotesKit

private func note(_ source: String, named name: String = "3_Math.md") -> Note {
    NoteReader.parse(
        source: source, file: NoteFile(url: URL(fileURLWithPath: "/notes/\(name)"), displayPath: "Notes/\(name)")
    ).note
}

private func shown(_ values: [Double]) -> RecordedOutput {
    RecordedOutput(outputs: [.table(ShownTensor(title: "P", shape: [1, values.count], values: values))])
}

/// Numbers quoted in the prose must be numbers the note shows.
@Suite struct ProseNumberTests {
    @Test func aQuotedComputedNumberPasses() {
        let math = note("# M\n\n`poem` pays 0.8959 of its attention to itself.\n")
        #expect(ProseNumbers.check(note: math, computed: [shown([0.07221, 0.03203, 0.89587])]).isEmpty)
    }

    @Test func aRoundedQuotationPassesAndAWrongOneFailsAtItsLine() {
        let math = note("# M\n\nAbout 0.896 of it, not\n0.886 of it.\n")
        let problems = ProseNumbers.check(note: math, computed: [shown([0.89587])])
        #expect(problems.map(\.id) == [.doctestProse])
        #expect(problems.first?.line == 4)
        #expect(problems.first?.summary.contains("0.886") == true)
    }

    @Test func numbersTypedInTheCodeAreInputsNotClaims() {
        let math = note("# M\n\nThe encodings start at 1.160.\n\n```swift-attn\nlet x: Float = 1.160\n```\n")
        #expect(ProseNumbers.check(note: math, computed: []).isEmpty)
    }

    @Test func versionsAndShortDecimalsAreNotChecked() {
        let math = note("# M\n\nPyTorch 2.15 on Swift 6.3, about 0.9 of the weight.\n")
        #expect(ProseNumbers.check(note: math, computed: []).isEmpty)
    }

    @Test func answersInRawHTMLAreCheckedToo() {
        let math = note("# M\n\n<details><summary>Answer</summary>It is 0.1234.</details>\n")
        #expect(ProseNumbers.check(note: math, computed: [shown([0.5])]).map(\.id) == [.doctestProse])
    }
}

/// Links between notes must lead to a note and to one of its headings.
@Suite struct NoteLinkCheckTests {
    let target = note("# Math\n\n## Why divide by √d_k\n\nText.\n", named: "3_Math.md")

    @Test func aLinkToANoteAndItsHeadingPasses() {
        let source = note("# Intro\n\nSee [why](3_Math.md#why-divide-by-d_k) and [top](#intro).\n", named: "1_Intro.md")
        #expect(NoteLinkCheck.diagnostics(for: [source, target]).isEmpty)
    }

    @Test func aLinkToAMissingNoteIsAnErrorAtItsLine() {
        let source = note("# Intro\n\nText.\n\nSee [it](4_Missing.md).\n", named: "1_Intro.md")
        let problems = NoteLinkCheck.diagnostics(for: [source, target])
        #expect(problems.map(\.id) == [.brokenLink])
        #expect(problems.first?.line == 5)
    }

    @Test func aLinkToAMissingHeadingNamesTheHeadingsThereAre() {
        let source = note("# Intro\n\nSee [why](3_Math.md#why-scale).\n", named: "1_Intro.md")
        let problems = NoteLinkCheck.diagnostics(for: [source, target])
        #expect(problems.map(\.id) == [.brokenLink])
        #expect(problems.first?.details?.contains("why-divide-by-d_k") == true)
    }

    /// Links written in raw HTML (an answer in `<details>`) are checked like Markdown links.
    @Test func linksInRawHTMLAreCheckedToo() {
        let source = note(
            """
            # Intro

            <details><summary>Answer</summary>See <a href="3_Math.md#why-divide-by-d_k">why</a>.</details>

            <details><summary>Answer</summary>

            See <a href="4_Missing.md">it</a> and <a href="3_Math.md#why-scale">why</a>.
            </details>
            """, named: "1_Intro.md")
        let problems = NoteLinkCheck.diagnostics(for: [source, target])
        #expect(problems.map(\.id) == [.brokenLink, .brokenLink])
        #expect(problems.map(\.line) == [7, 7])
        #expect(problems.map(\.summary).joined().contains("4_Missing.md"))
        #expect(problems.map(\.summary).joined().contains("#why-scale"))
    }

    @Test func gitHubsPercentEncodedLinksReachNotesWithSpacesAndPunctuation() {
        let names = ["2_Self Attention.md", "3_What?.md", "4_#1 idea.md", "5_100%.md", "6_Ünïcode.md"]
        let targets = names.map { note("# \($0)\n\n## Why?\n", named: $0) }
        let links = [
            "2_Self%20Attention.md#why", "3_What%3F.md", "4_%231%20idea.md#why", "5_100%25.md", "5_100%.md",
            "6_%C3%9Cn%C3%AFcode.md#why", "<2_Self Attention.md>",
        ]
        let source = note(
            "# Intro\n\n" + links.map { "[x](\($0))" }.joined(separator: "\n\n") + "\n", named: "1_Intro.md")
        let problems = NoteLinkCheck.diagnostics(for: [source] + targets)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }

    @Test func punctuationOnlyHeadingsHaveTheAnchorTheRendererGivesThem() {
        let target = note("# Math\n\n## ???\n\n## !!!\n", named: "3_Math.md")
        let source = note("# Intro\n\n[a](3_Math.md#section) [b](3_Math.md#section-1)\n", named: "1_Intro.md")
        #expect(NoteLinkCheck.diagnostics(for: [source, target]).isEmpty)
        let page = MarkdownHTMLRenderer().render(target.document)
        #expect(page.headings.map(\.anchor) == ["math", "section", "section-1"])
        #expect(NoteLinkCheck.anchors(of: target) == Set(page.headings.map(\.anchor)))
    }

    @Test func linksAndImagesTheSiteLeavesOutAreWarnings() {
        let source = note(
            "# Intro\n\n[a](javascript:alert(1))\n\n![b](data:text/html,x) [c](https://ok.org)\n", named: "1_Intro.md")
        let problems = NoteLinkCheck.diagnostics(for: [source])
        #expect(problems.map(\.id) == [.unsafeLink, .unsafeLink])
        #expect(problems.map(\.line) == [3, 5])
        #expect(problems.allSatisfy { $0.severity == .warning })
    }

    @Test func linksOutsideTheNotesAreNotChecked() {
        let source = note("# Intro\n\n[web](https://example.com/x.md) [readme](../README.md)\n", named: "1_Intro.md")
        #expect(NoteLinkCheck.diagnostics(for: [source]).isEmpty)
    }
}

/// A should-fail block records the error it teaches, without positions that move with the prose.
@Suite struct ExpectedFailureRecordingTests {
    @Test func compileErrorsLoseTheirFilePositionsAndId() {
        let error = Diagnostic(
            .error, file: "Notes/4_Code.md", line: 12, column: 19,
            summary: "cannot convert value of type 'Int' to specified type 'String'", id: .blockCompile,
            details: "let bad: String = 3\n                  ^")
        var failure = BlockFailure(kind: .compile, message: "")
        failure.compileErrors = [error]
        #expect(failure.message.hasPrefix("Notes/4_Code.md:12:19: error: cannot convert"))
        #expect(
            DocTestRunner.recordedText(of: failure)
                == "error: cannot convert value of type 'Int' to specified type 'String'")
    }

    @Test func trapsAreRecordedAsTheyTrapped() {
        let failure = BlockFailure(
            kind: .trap, message: "Fatal error: matmul: [3, 2] × [3, 2]: inner dimensions 2 and 3 differ")
        #expect(DocTestRunner.recordedText(of: failure) == failure.message)
    }
}

/// Markdown inside raw HTML shows raw; the reader warns where an author probably meant it.
@Suite struct RawHTMLWarningTests {
    @Test func backticksInARawHTMLBlockAreAWarningAtItsLine() {
        let read = NoteReader.parse(
            source: "# N\n\n<details><summary>Answer</summary>Use `show`.</details>\n",
            file: NoteFile(url: URL(fileURLWithPath: "/n/1_N.md"), displayPath: "Notes/1_N.md"))
        #expect(read.diagnostics.map(\.id) == [.rawHTML])
        #expect(read.diagnostics.first?.severity == .warning)
        #expect(read.diagnostics.first?.line == 3)
    }

    @Test func markdownAfterABlankLineInsideDetailsIsFine() {
        let read = NoteReader.parse(
            source: "# N\n\n<details><summary>Answer</summary>\n\nUse `show`.\n\n</details>\n",
            file: NoteFile(url: URL(fileURLWithPath: "/n/1_N.md"), displayPath: "Notes/1_N.md"))
        #expect(read.diagnostics.isEmpty)
    }
}
