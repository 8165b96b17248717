/// The site's stylesheet, written to `assets/style.css` (the path the pages link).
///
/// System fonts only, nothing fetched from the network. Prose keeps a readable measure
/// (about 70 characters); code, tables and heatmaps scroll or shrink inside the column rather
/// than widen the page. Light and dark mode follow `prefers-color-scheme` through CSS
/// variables (a heatmap's viridis colours are data and stay as they are; the diverging map
/// has dark-mode colours, see `DivergingPalette`). On wide screens the
/// page's table of contents is a sidebar that stays in view and marks the section being read;
/// on narrow ones it is collapsed under the title, and nothing makes the page scroll sideways
/// (long inline code wraps, wide tables and heatmaps scroll inside their own box). Print
/// drops the navigation, prints black on white and avoids breaking tables and figures.
public enum Stylesheet {
    /// The stylesheet's text: the page's rules, then the figures' (`FigureStylesheet`).
    public static let css = pageCSS + FigureStylesheet.css

    private static let pageCSS = #"""
        /* notesgen: generated site stylesheet */
        :root {
          color-scheme: light dark;
          --text: #1f2328;
          --muted: #59636e;
          --background: #ffffff;
          --surface: #f6f8fa;
          --border: #d1d9e0;
          --link: #0b5cad;
          --code-text: #1f2328;
          --hl-keyword: #a0116b;
          --hl-string: #0a6d2b;
          --hl-number: #1c4fb0;
          --hl-comment: #6a737d;
          --hl-type: #6f42c1;
          --error-border: #cf222e;
          --error-background: #ffebe9;
          --error-text: #82071e;
          --expected-border: #bf8700;
          --expected-background: #fff8c5;
          --expected-text: #633c01;
          --font-body: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          --font-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
          --measure: 70ch;
        }

        @media (prefers-color-scheme: dark) {
          :root {
            --text: #e6edf3;
            --muted: #9198a1;
            --background: #0d1117;
            --surface: #161b22;
            --border: #3d444d;
            --link: #58a6ff;
            --code-text: #e6edf3;
            --hl-keyword: #ff7b72;
            --hl-string: #a5d6ff;
            --hl-number: #79c0ff;
            --hl-comment: #8b949e;
            --hl-type: #d2a8ff;
            --error-border: #f85149;
            --error-background: #2d1215;
            --error-text: #ffb1ab;
            --expected-border: #d29922;
            --expected-background: #2b2111;
            --expected-text: #f2cc60;
          }
        }

        *, *::before, *::after { box-sizing: border-box; }

        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }

        body {
          margin: 0;
          background: var(--background);
          color: var(--text);
          font-family: var(--font-body);
          font-size: 1.0625rem;
          line-height: 1.6;
        }

        a { color: var(--link); }

        /* Header, footer and the page's frame */

        .site-header, .site-footer {
          max-width: 78rem;
          margin: 0 auto;
          padding: 0.75rem 1.25rem;
        }
        .site-header {
          border-bottom: 1px solid var(--border);
          display: flex;
          flex-wrap: wrap;
          align-items: center;
          justify-content: space-between;
          gap: 0.5rem 1rem;
        }
        .site-header .home { color: var(--text); font-weight: 600; text-decoration: none; }
        .site-header .home:hover { text-decoration: underline; }
        .site-footer { border-top: 1px solid var(--border); color: var(--muted); font-size: 0.875rem; }

        .page-layout {
          max-width: 78rem;
          margin: 0 auto;
          padding: 1rem 1.25rem 2rem;
        }
        main { min-width: 0; }

        .skip-link { position: absolute; left: -100vw; top: 0.5rem; padding: 0.5rem 1rem; background: var(--background); z-index: 10; }
        .skip-link:focus { left: 0.5rem; }

        /* Search: shown by assets/site.js; results drop down under the box. */

        .search { position: relative; flex: 1 1 16rem; max-width: 28rem; }
        .search input {
          width: 100%;
          font: inherit;
          font-size: 0.95rem;
          padding: 0.35rem 0.6rem;
          color: var(--text);
          background: var(--surface);
          border: 1px solid var(--border);
          border-radius: 6px;
        }
        .search-results {
          position: absolute;
          z-index: 20;
          left: 0;
          right: 0;
          margin: 0.25rem 0 0;
          padding: 0.25rem;
          list-style: none;
          max-height: 70vh;
          overflow-y: auto;
          background: var(--background);
          border: 1px solid var(--border);
          border-radius: 6px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.2);
        }
        .search-results a { display: block; padding: 0.4rem 0.5rem; border-radius: 4px; text-decoration: none; color: var(--text); }
        .search-results a:hover, .search-results a:focus { background: var(--surface); outline: 2px solid var(--link); }
        .search-path { display: block; font-weight: 600; font-size: 0.9rem; }
        .search-snippet { display: block; font-size: 0.85rem; color: var(--muted); overflow-wrap: anywhere; }
        .search-results mark { background: #fff3a0; color: #1f2328; border-radius: 2px; }

        /* The table of contents: collapsed under the title on narrow screens, a sidebar that
           stays in view on wide ones. */
        .page-layout > .page-toc { display: none; }
        .page-toc-inline { border: 1px solid var(--border); border-radius: 6px; padding: 0.4rem 1rem; margin: 0 0 1rem; font-size: 0.9rem; }
        .page-toc-inline summary { cursor: pointer; font-weight: 600; }
        .page-toc-inline ol { list-style: none; margin: 0.25rem 0; padding-left: 0; }
        .page-toc-inline ol ol { padding-left: 1rem; }
        .page-toc-inline a { color: var(--text); text-decoration: none; }
        @media (min-width: 64rem) {
          .page-layout {
            display: grid;
            grid-template-columns: minmax(0, 1fr) 15rem;
            column-gap: 2.5rem;
            align-items: start;
          }
          .page-layout > main { grid-column: 1; grid-row: 1; }
          .page-layout > .page-toc {
            display: block;
            grid-column: 2;
            grid-row: 1;
            margin-top: 1.5rem;
            position: sticky;
            top: 1rem;
            max-height: calc(100vh - 2rem);
            overflow-y: auto;
          }
          .page-toc-inline { display: none; }
        }

        .page-toc {
          font-size: 0.9rem;
          border: 1px solid var(--border);
          border-radius: 6px;
          padding: 0.5rem 1rem;
          margin-bottom: 1rem;
        }
        .page-toc .toc-title { margin: 0.25rem 0; font-weight: 600; }
        .page-toc ol { list-style: none; margin: 0; padding-left: 0; }
        .page-toc ol ol { padding-left: 1rem; }
        .page-toc li { margin: 0.2rem 0; }
        .page-toc a { color: var(--text); text-decoration: none; }
        .page-toc a:hover { color: var(--link); text-decoration: underline; }
        .page-toc a[aria-current] { color: var(--link); font-weight: 600; }

        /* Prose: a long word (a PyTorch function's full name) breaks rather than widen the page. */

        .note { overflow-wrap: break-word; }

        .note > p, .note > ul, .note > ol, .note > blockquote, .note > h1, .note > h2, .note > h3,
        .note > h4, .note > h5, .note > h6, .note > .footnotes, .note > dl {
          max-width: var(--measure);
        }
        h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.75rem 0 0.75rem; }
        h1 { font-size: 2rem; }
        h2 { font-size: 1.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--border); }
        h3 { font-size: 1.25rem; }
        h1 .anchor, h2 .anchor, h3 .anchor, h4 .anchor, h5 .anchor, h6 .anchor {
          margin-left: 0.4rem;
          color: var(--muted);
          text-decoration: none;
          font-weight: 400;
          opacity: 0;
        }
        :is(h1, h2, h3, h4, h5, h6):hover .anchor, .anchor:focus { opacity: 1; }

        blockquote {
          margin: 1rem 0;
          padding: 0 1rem;
          color: var(--muted);
          border-left: 0.25rem solid var(--border);
        }
        hr { border: 0; border-top: 1px solid var(--border); margin: 2rem 0; }
        img { max-width: 100%; height: auto; }
        li + li { margin-top: 0.25rem; }
        .contains-task-list { list-style: none; padding-left: 1.25rem; }
        .task-list-item input { margin: 0 0.35rem 0 -1.25rem; vertical-align: middle; }

        /* Code */

        code, pre, kbd, samp { font-family: var(--font-mono); font-size: 0.875em; }
        :not(pre) > code {
          overflow-wrap: anywhere;
          background: var(--surface);
          border: 1px solid var(--border);
          border-radius: 4px;
          padding: 0.05em 0.3em;
        }
        pre {
          background: var(--surface);
          color: var(--code-text);
          border: 1px solid var(--border);
          border-radius: 6px;
          padding: 0.75rem 1rem;
          overflow-x: auto;
          line-height: 1.45;
          tab-size: 4;
        }
        pre code { font-size: inherit; }
        .hl-keyword { color: var(--hl-keyword); }
        .hl-string { color: var(--hl-string); }
        .hl-number { color: var(--hl-number); }
        .hl-comment { color: var(--hl-comment); font-style: italic; }
        .hl-type { color: var(--hl-type); }

        /* swift-attn blocks and what they show */

        .swift-attn-block { margin: 1.25rem 0; }
        .swift-attn-block > pre { margin-bottom: 0.5rem; }
        .block-results > * { margin: 0.5rem 0 1rem; }
        pre.output { background: transparent; border-style: dashed; }

        .block-error, .block-expected-error {
          border: 1px solid;
          border-left-width: 0.3rem;
          border-radius: 6px;
          padding: 0.5rem 1rem;
        }
        .block-error { border-color: var(--error-border); background: var(--error-background); color: var(--error-text); }
        .block-expected-error {
          border-color: var(--expected-border);
          background: var(--expected-background);
          color: var(--expected-text);
        }
        .block-error-kind { margin: 0.25rem 0; }
        .block-error pre, .block-expected-error pre {
          background: transparent;
          border: 0;
          padding: 0.25rem 0;
          margin: 0.25rem 0;
          color: inherit;
          white-space: pre-wrap;
        }

        /* Tables: Markdown tables and shown tensors scroll inside their wrapper, not the page. */

        .table-wrapper, .matrix-scroll { max-width: 100%; overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.5rem 0; }
        th, td { border: 1px solid var(--border); padding: 0.3rem 0.6rem; }
        thead th { background: var(--surface); }
        caption { caption-side: top; text-align: left; font-weight: 600; padding: 0.25rem 0; }
        table.matrix td {
          text-align: right;
          font-family: var(--font-mono);
          font-size: 0.875rem;
          font-variant-numeric: tabular-nums;
          white-space: nowrap;
        }
        table.matrix th { font-weight: 600; font-size: 0.875rem; white-space: nowrap; }
        table.matrix th[scope="row"] { text-align: left; background: var(--surface); }
        figure { margin: 1rem 0; }
        figcaption { font-weight: 600; margin-bottom: 0.25rem; }
        .tensor-stack > .matrix-scroll caption { font-weight: 400; font-family: var(--font-mono); }

        /* Heatmaps: the SVG shrinks to the column; its labels follow the text colour. */

        .heatmap { max-width: 100%; overflow-x: auto; }
        .heatmap svg { display: block; height: auto; color: var(--text); }
        .heatmap rect.cell { stroke: var(--background); stroke-width: 1; }
        .heatmap-multiples { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
        .heatmap-multiples > .heatmap { margin: 0; }
        .heatmap-multiples figcaption { font-weight: 400; font-family: var(--font-mono); }

        /* Footnotes */

        .footnotes { margin-top: 2.5rem; border-top: 1px solid var(--border); font-size: 0.9rem; color: var(--muted); }
        .footnote-ref a, .footnote-backref { text-decoration: none; }

        /* Previous and next notes */

        .prev-next {
          display: flex;
          justify-content: space-between;
          gap: 1rem;
          margin-top: 3rem;
          padding-top: 1rem;
          border-top: 1px solid var(--border);
        }
        .prev-next-top { margin: 0 0 0.5rem; padding: 0 0 0.5rem; border-top: 0; border-bottom: 1px solid var(--border); font-size: 0.9rem; }
        .prev-next.prev-next-top a { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .prev-next-top .direction { display: none; }
        .prev-next-top .prev::before { content: "← "; color: var(--muted); }
        .prev-next-top .next::after { content: " →"; color: var(--muted); }
        .prev-next a { display: flex; flex-direction: column; text-decoration: none; max-width: 48%; }
        .prev-next .next { text-align: right; margin-left: auto; }
        .prev-next .direction { font-size: 0.85rem; color: var(--muted); }

        /* The index */

        .lead { font-size: 1.1rem; max-width: var(--measure); color: var(--muted); }
        .note-list { padding-left: 2rem; max-width: var(--measure); }
        .note-list > li { margin: 0.75rem 0; }
        .note-list > li > a { font-weight: 600; font-size: 1.1rem; }
        .note-list .summary { margin: 0.15rem 0 0; color: var(--muted); }

        /* Print: the article alone, black on white, figures kept whole. */

        @media print {
          :root {
            --text: #000000;
            --muted: #333333;
            --background: #ffffff;
            --surface: #ffffff;
            --border: #999999;
            --link: #000000;
          }
          body { font-size: 11pt; }
          .site-header, .site-footer, .page-toc, .page-toc-inline, .prev-next, .anchor, .skip-link { display: none; }
          .page-layout { display: block; max-width: none; padding: 0; }
          pre, table, figure, .swift-attn-block > .block-results > *, .block-error, .block-expected-error {
            break-inside: avoid;
          }
          h1, h2, h3, h4, h5, h6 { break-after: avoid; }
          pre { white-space: pre-wrap; }
          .table-wrapper, .matrix-scroll { overflow: visible; }
        }

        /* Math: MathML Core written at build time (MathView); no script. MathML inherits the
           text's colour, so it follows light and dark mode by itself. */

        math {
          font-family: math, "STIX Two Math", "Latin Modern Math", "DejaVu Math TeX Gyre", "Cambria Math", serif;
          color: inherit;
        }
        /* Centred, and scrolled sideways rather than widening the page when too wide: the formula
           is an inline box in display style, so an overflow starts at the left edge. */
        .math-display {
          margin: 1rem 0;
          padding: 0.25rem 0;
          overflow-x: auto;
          overflow-y: hidden;
          text-align: center;
        }
        .math-display > math { display: inline math; math-style: normal; }
        /* aligned: the columns pair up right|left around the `&`. */
        mtd.math-right { text-align: right; }
        mtd.math-left { text-align: left; }
        .math-aligned > mtr > mtd { padding: 0.3em 0; }
        .math-aligned > mtr > mtd.math-right:not(:first-child) { padding-left: 2em; }
        .math-error {
          color: var(--error-text);
          background: var(--error-background);
          border: 1px solid var(--error-border);
          border-radius: 6px;
        }
        div.math-error { max-width: var(--measure); margin: 1rem 0; padding: 0.5rem 0.75rem; }
        div.math-error > p { margin: 0 0 0.5rem; }
        div.math-error > pre { margin: 0; padding: 0; background: none; border: 0; }
        code.math-error { padding: 0 0.2em; }
        """#
}
