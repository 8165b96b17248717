import Foundation
import NoteModel
import Testing

@testable import NotesKit

/// Finding the notes, ordering them, naming their pages and reading their titles.
@Suite struct DiscoveryTests {
    /// A notes folder holding empty files with the given names.
    private func folder(with names: [String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder("discovery")
        for name in names {
            try Data("# \(name)\n".utf8).write(to: folder.url.appendingPathComponent(name))
        }
        return folder
    }

    @Test func notesAreOrderedByLeadingNumberThenName() throws {
        let folder = try folder(with: [
            "10_Ten.md", "2_Two.md", "1_One.md", "2_Also Two.md", "Appendix.md", "01_Zero One.md", "notes.txt",
            ".hidden.md",
        ])
        defer { folder.remove() }
        let files = try NoteDiscovery.notes(in: folder.url, displayFolder: "Notes")
        #expect(
            files.map(\.url.lastPathComponent) == [
                "01_Zero One.md", "1_One.md", "2_Also Two.md", "2_Two.md", "10_Ten.md", "Appendix.md",
            ])
        #expect(files.map(\.order) == [1, 1, 2, 2, 10, Int.max])
        #expect(files.first?.displayPath == "Notes/01_Zero One.md")
    }

    @Test func subfoldersAreNotNotes() throws {
        let folder = try folder(with: ["1_One.md"])
        defer { folder.remove() }
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("drafts.md"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("more"), withIntermediateDirectories: true)
        try Data("# Deep\n".utf8).write(to: folder.url.appendingPathComponent("more/2_Deep.md"))
        let files = try NoteDiscovery.notes(in: folder.url, displayFolder: "Notes")
        #expect(files.map(\.url.lastPathComponent) == ["1_One.md"])
    }

    @Test(arguments: [
        ("3_Self Attention", "3-self-attention"),
        ("3_Self-Attention_Matrix_Math", "3-self-attention-matrix-math"),
        ("10_Multi Head_Attention", "10-multi-head-attention"),
        ("Appendix", "appendix"),
    ])
    func slugs(_ name: String, _ expected: String) {
        // `NoteFile.slug(forFileName:)` cannot be named from outside NotesKit: the instance
        // property `slug` hides it. The slug is checked through a `NoteFile`.
        #expect(NoteFile(url: URL(fileURLWithPath: "/n/\(name).md"), displayPath: "Notes/\(name).md").slug == expected)
    }

    /// The notes folder as messages name it: `Notes/x.md`, whatever way the user wrote it.
    @Test(arguments: [
        ("Notes", "Notes"), ("./Notes/", "Notes"), ("Notes//", "Notes"), (".", ""), ("/abs/Notes/", "/abs/Notes"),
    ])
    func displayFolder(_ written: String, _ shown: String) {
        #expect(NotesRunner.displayPath(written) == shown)
    }

    @Test func twoFilesWithOneSlugAreAnError() throws {
        let folder = try folder(with: ["3_Self Attention.md", "3_self_attention.md", "4_Other.md"])
        defer { folder.remove() }
        do {
            _ = try NoteDiscovery.notes(in: folder.url, displayFolder: "Notes")
            Issue.record("two notes for 3-self-attention.html were accepted")
        } catch let error as NotesgenError {
            guard case .duplicateSlug(let slug, let first, let second) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(slug == "3-self-attention")
            #expect(Set([first, second]) == ["Notes/3_Self Attention.md", "Notes/3_self_attention.md"])
            #expect(error.description.contains("3-self-attention.html"))
        }
    }

    @Test func missingFolderIsAnError() {
        #expect(throws: NotesgenError.self) {
            try NoteDiscovery.notes(
                in: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"), displayFolder: "Nowhere")
        }
    }

    private func title(of source: String, fileName: String = "4_Fallback_Title.md") -> String {
        let file = NoteFile(url: URL(fileURLWithPath: "/notes/\(fileName)"), displayPath: "Notes/\(fileName)")
        return NoteReader.parse(source: source, file: file).note.title
    }

    @Test func titleIsTheFirstLevelOneHeading() {
        #expect(title(of: "Intro text.\n\n## Section\n\n# The *real* title\n\n# Second\n") == "The real title")
        #expect(title(of: "The Title\n=========\n\nText.\n") == "The Title")
    }

    @Test func titleFallsBackToTheFileName() {
        #expect(title(of: "## Only a section\n\nText.\n") == "4_Fallback_Title")
        #expect(title(of: "") == "4_Fallback_Title")
        #expect(title(of: "#\n\nEmpty heading.\n") == "4_Fallback_Title")
    }

    @Test func noteCarriesItsFileFacts() throws {
        let file = NoteFile(
            url: URL(fileURLWithPath: "/notes/3_Self Attention.md"), displayPath: "Notes/3_Self Attention.md")
        let note = NoteReader.parse(source: "# Self-attention\n", file: file).note
        #expect(note.path == "Notes/3_Self Attention.md")
        #expect(note.order == 3)
        #expect(note.slug == "3-self-attention")
        #expect(note.blocks.isEmpty)
    }

    @Test func blocksKeepTheirCodeAndFenceLines() throws {
        let source = """
            # Blocks

            ```swift-attn
            let a = 1
            ```

            ```swift
            let notRun = 2
            ```

            ~~~swift-attn hide
            print(a)
            ~~~
            """
        let file = NoteFile(url: URL(fileURLWithPath: "/notes/1_x.md"), displayPath: "Notes/1_x.md")
        let note = NoteReader.parse(source: source, file: file).note
        #expect(note.blocks.map(\.index) == [0, 1])
        #expect(note.blocks.map(\.code) == ["let a = 1\n", "print(a)\n"])
        #expect(note.blocks.map(\.range.start.line) == [3, 11])
        #expect(note.blocks.map(\.firstCodeLine) == [4, 12])
        #expect(note.blocks[1].options.hidesCode)
    }
}

/// Nothing in the notes folder is skipped without a word.
@Suite struct DiscoveryWarningTests {
    @Test func otherMarkdownExtensionsAreNamedNotSkippedSilently() throws {
        let folder = try TemporaryFolder("discovery-ignored")
        defer { folder.remove() }
        for name in ["1_One.md", "2_Two.MD", "3_Three.markdown", "notes.txt", "4_Four.Md"] {
            try Data("# x\n".utf8).write(to: folder.url.appendingPathComponent(name))
        }
        #expect(try NoteDiscovery.notes(in: folder.url, displayFolder: "Notes").map(\.slug) == ["1-one"])
        let warnings = try NoteDiscovery.ignoredFiles(in: folder.url, displayFolder: "Notes")
        #expect(warnings.map(\.file) == ["Notes/2_Two.MD", "Notes/3_Three.markdown", "Notes/4_Four.Md"])
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.id == .noteIgnored })
        #expect(
            warnings[1].description
                == "Notes/3_Three.markdown: warning: not read as a note: notes are files whose name ends in '.md'; rename it to '3_Three.md' [note.ignored]"
        )
    }

    /// A dangling symbolic link named like a note is a note that cannot be read: an error at
    /// its path, not a silent gap in the site.
    @Test func danglingSymlinkIsAnUnreadableNote() throws {
        let folder = try TemporaryFolder("discovery-dangling")
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: folder.url.appendingPathComponent("2_Moved.md").path, withDestinationPath: "../old/2_Moved.md")
        let files = try NoteDiscovery.notes(in: folder.url, displayFolder: "Notes")
        #expect(files.map(\.displayPath) == ["Notes/2_Moved.md"])
        let read = NoteReader.read(try #require(files.first))
        #expect(read.diagnostics.map(\.id) == [.noteUnreadable])
        #expect(
            read.diagnostics.first?.summary.contains("symbolic link to '../old/2_Moved.md', which does not exist")
                == true)
    }
}
