/// The frame every page of the site shares: `<!doctype html>`, the head with the stylesheet
/// and the site's script, a skip link, a header linking home with the search box, the page's
/// own content, a footer.
///
/// All links are relative (`index.html`, `assets/style.css`): the pages sit at the site's
/// root and the site works from any folder or server path, offline.
struct SiteDocument {
    /// The site's name, in every header and `<title>`.
    var siteTitle: String
    /// The page's own `<title>` part; nil for the home page, which is titled by the site's name.
    var pageTitle: String?
    /// The content between the header and the footer.
    var content: [HTMLNode]
    /// The footer's content.
    var footer: [HTMLNode]

    /// Where the stylesheet is, relative to a page.
    static let stylesheetPath = "assets/style.css"
    /// The `id` of the element the skip link jumps to.
    static let contentID = "content"

    var html: String {
        let title = pageTitle.map { $0 + " — " + siteTitle } ?? siteTitle
        let head = HTMLNode.element(
            "head", [],
            [
                .element("meta", ["charset": "utf-8"]),
                .element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                .element("title", [], [.text(title)]),
                .element("link", ["rel": "stylesheet", "href": Self.stylesheetPath]),
                .element("script", ["src": SearchIndex.path, "defer": nil]),
                .element("script", ["src": SiteScript.path, "defer": nil]),
            ])
        let skipLink = HTMLNode.element(
            "a", ["class": "skip-link", "href": "#" + Self.contentID], [.text("Skip to content")])
        let header = HTMLNode.element(
            "header", ["class": "site-header"],
            [.element("a", ["class": "home", "href": "index.html"], [.text(siteTitle)]), Self.searchBox])
        let body = HTMLNode.element(
            "body", [], [skipLink, header] + content + [.element("footer", ["class": "site-footer"], footer)])
        return "<!doctype html>\n" + HTMLNode.element("html", ["lang": "en"], [head, body]).html
    }

    /// Hidden until the site's script shows it: without JavaScript the page is unchanged.
    static let searchBox = HTMLNode.element(
        "div", ["class": "search", "id": "search", "role": "search", "hidden": nil],
        [
            .element(
                "input",
                [
                    "type": "search", "placeholder": "Search the notes (press /)", "aria-label": "Search the notes",
                    "aria-controls": "search-results", "autocomplete": "off", "spellcheck": "false",
                ]),
            .element("ol", ["id": "search-results", "class": "search-results", "hidden": nil]),
        ])
}
