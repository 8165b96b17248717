/// The frame every page of the site shares: `<!doctype html>`, the head with the stylesheet,
/// a header linking home, the page's own content, a footer.
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

    var html: String {
        let title = pageTitle.map { $0 + " — " + siteTitle } ?? siteTitle
        let head = HTMLNode.element(
            "head", [],
            [
                .element("meta", ["charset": "utf-8"]),
                .element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                .element("title", [], [.text(title)]),
                .element("link", ["rel": "stylesheet", "href": Self.stylesheetPath]),
            ])
        let header = HTMLNode.element(
            "header", ["class": "site-header"],
            [.element("a", ["class": "home", "href": "index.html"], [.text(siteTitle)])])
        let body = HTMLNode.element(
            "body", [], [header] + content + [.element("footer", ["class": "site-footer"], footer)])
        return "<!doctype html>\n" + HTMLNode.element("html", ["lang": "en"], [head, body]).html
    }
}
