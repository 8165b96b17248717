import Testing
@testable import Markdown

/// Notes are parsed in parallel. cmark-gfm 0.29.0.gfm.6 edits a global table while parsing
/// inlines; with that lock removed, this test saw 5 or 6 of its 200 parses lose
/// strikethrough or autolinks (three runs, 2 cores).
@Suite("Concurrency")
struct ConcurrentParsingTests {
    static let document = String(
        repeating: """
            # Head ~~x~~

            a ~~b~~ www.example.com c https://x.org/p ~d~ e[^f] *g*

            - [x] ~~done~~ www.a.org
            | t | ~~u~~ |
            |---|:-:|
            | https://v.org | w |

            [^f]: foot

            """, count: 20)

    @Test("8 tasks parsing at once produce the same tree as a lone parse")
    func concurrentParses() async {
        let expected = MarkdownParser.parse(Self.document)
        #expect(expected.allNodes(ofKind: .strikethrough).count == 20 * 5)
        #expect(expected.allNodes(ofKind: .link).count == 20 * 4)

        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mismatches = 0
                    for _ in 0..<25 where MarkdownParser.parse(Self.document) != expected {
                        mismatches += 1
                    }
                    return mismatches
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
