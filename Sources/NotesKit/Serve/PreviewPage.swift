import Foundation
import SiteRendering

/// What `serve` adds to the HTML it sends, and the pages only `serve` has (building, not found).
///
/// The additions are made per response, never in the built site: a few lines of script that
/// reload the page when the site's generation changes, and, when the latest build has errors,
/// an overlay listing them (file:line:col, summary, id). Text goes through `HTMLNode`, so a
/// compiler message quoting `<script>` shows as text.
enum PreviewPage {
    /// The page's HTML with the reload script and the error overlay before `</body>`.
    static func inject(into page: Data, generation: Int, problems: [PreviewProblem]) -> Data {
        let addition = Data(additions(generation: generation, problems: problems).html.utf8)
        guard let end = page.range(of: Data("</body>".utf8), options: .backwards) else { return page + addition }
        var result = page
        result.replaceSubrange(end.lowerBound..<end.lowerBound, with: addition)
        return result
    }

    /// Shown for every path until the first build completes; it reloads itself when it does.
    static func building(generation: Int, problems: [PreviewProblem]) -> Data {
        document(
            title: "Building the site",
            body: [
                .element("h1", [], [.text("Building the site…")]),
                .element("p", [], [.text("notesgen is running the notes; this page reloads when the site is ready.")]),
            ], generation: generation, problems: problems)
    }

    /// The 404 page, naming the path that was asked for (as text).
    static func notFound(path: String, generation: Int, problems: [PreviewProblem]) -> Data {
        document(
            title: "Not found",
            body: [
                .element("h1", [], [.text("Not found")]),
                .element("p", [], [.text("The site has no file "), .element("code", [], [.text(path)]), .text(".")]),
                .element("p", [], [.element("a", ["href": "/"], [.text("The table of contents")])]),
            ], generation: generation, problems: problems)
    }

    private static func document(title: String, body: [HTMLNode], generation: Int, problems: [PreviewProblem])
        -> Data
    {
        let page = HTMLNode.fragment([
            .trustedMarkup("<!doctype html>\n"),
            .element(
                "html", ["lang": "en"],
                [
                    .element(
                        "head", [],
                        [
                            .element("meta", ["charset": "utf-8"]),
                            .element("title", [], [.text(title)]),
                            .element("link", ["rel": "stylesheet", "href": "/assets/style.css"]),
                        ]),
                    .element(
                        "body", [], [.element("main", [], body), additions(generation: generation, problems: problems)]),
                ]),
        ])
        return Data(page.html.utf8)
    }

    private static func additions(generation: Int, problems: [PreviewProblem]) -> HTMLNode {
        .fragment(
            (problems.isEmpty ? [] : [overlay(problems)]) + [
                // Our own constant script with a number in it: nothing from a note reaches it.
                .element("script", [], [.trustedMarkup(reloadScript(generation: generation))])
            ])
    }

    /// Reloads the page when the server tells a generation other than the page's own.
    static func reloadScript(generation: Int) -> String {
        """
        (function () {
          var events = new EventSource("\(ReloadHub.path)");
          events.addEventListener("reload", function (event) {
            if (event.data !== "\(generation)") { events.close(); location.reload(); }
          });
        })();
        """
    }

    /// A panel over the bottom of the page, above everything, closable.
    private static func overlay(_ problems: [PreviewProblem]) -> HTMLNode {
        let count = problems.count == 1 ? "1 error" : "\(problems.count) errors"
        let items = problems.map { problem -> HTMLNode in
            var line: [HTMLNode] = []
            if let location = problem.location { line += [.element("code", [], [.text(location)]), .text(": ")] }
            line.append(.element("strong", [], [.text(problem.summary)]))
            if let id = problem.id { line += [.text(" "), .element("code", [], [.text("[\(id)]")])] }
            if let details = problem.details, !details.isEmpty {
                line.append(.element("pre", ["style": "margin:4px 0 0;white-space:pre-wrap"], [.text(details)]))
            }
            return .element("li", ["style": "margin:6px 0"], line)
        }
        return .element(
            "div",
            [
                "id": "notesgen-errors", "role": "alert",
                "style": """
                position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:2147483647;\
                margin:0;padding:10px 16px;background:#2a0f12;color:#ffe3e3;border-top:4px solid #e5484d;\
                font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;text-align:left
                """,
            ],
            [
                .element(
                    "button",
                    [
                        "type": "button", "aria-label": "Hide the errors",
                        "onclick": "this.parentNode.remove()",
                        "style":
                            "float:right;font:inherit;background:none;color:inherit;border:1px solid;cursor:pointer",
                    ], [.text("×")]),
                .element("strong", [], [.text("notesgen: the latest build has \(count)")]),
                .element("ol", ["style": "margin:6px 0 0;padding-left:1.5em"], items),
            ])
    }
}
