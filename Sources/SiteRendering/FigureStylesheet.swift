/// The figures' part of the stylesheet (appended to `Stylesheet.css`): series colours for light
/// and dark mode, the diverging heatmap map in dark mode, the head choice of attention lines
/// (pure CSS, so it works without the script), and what the page's script draws when a reader
/// points at a figure (row and column bands, tooltips, the focused token's lines).
enum FigureStylesheet {
    /// How many series colours there are; series and heads beyond reuse them in turn.
    static let seriesColors = 8
    /// Heads an attention-lines figure can choose among through CSS alone.
    static let choosableHeads = 16

    /// Distinct hues that keep a 3:1 contrast or more against the page: darker on white,
    /// lighter on the dark background.
    static let lightSeries = ["#0b63c4", "#c4450b", "#1a7f37", "#b3306f", "#6f4fc4", "#7d6400", "#0a7d86", "#c2262e"]
    static let darkSeries = ["#58a6ff", "#f0883e", "#3fb950", "#f778ba", "#bc8cff", "#d29922", "#39c5cf", "#ff7b72"]

    static var css: String {
        let light = lightSeries.enumerated().map { "  --series-\($0.offset): \($0.element);" }.joined(separator: "\n")
        let dark = darkSeries.enumerated().map { "    --series-\($0.offset): \($0.element);" }.joined(separator: "\n")
        let classes = (0..<seriesColors).map { ".series-\($0) { color: var(--series-\($0)); }" }.joined(separator: "\n")
        let headChoice = (0..<choosableHeads).map {
            ".attention-lines:has(.head-choice input[value=\"\($0)\"]:checked) .head:not([data-head=\"\($0)\"]) { display: none; }"
        }.joined(separator: "\n")
        return """

            /* Figures: series colours (light, then dark) */

            :root {
            \(light)
            }
            @media (prefers-color-scheme: dark) {
              :root {
            \(dark)
              }
            \(DivergingPalette.darkModeCSS)
            }
            \(classes)
            .swatch { display: inline-block; width: 0.9em; height: 0.9em; margin: 0 0.35em 0 0.25em; border-radius: 2px; background: currentColor; vertical-align: -0.1em; }
            .figure-scroll { max-width: 100%; overflow-x: auto; }
            .heatmap, .heatmap-stack, .attention-lines, .plot, .attention-steps { position: relative; }
            .attention-lines svg, .plot svg, .attention-steps svg { display: block; max-width: 100%; height: auto; color: var(--text); }
            /* A plot's ticks would be unreadable shrunk to a phone's width: it scrolls in its box instead. */
            .plot svg { min-width: 30rem; }

            /* What the script draws when a reader points at a figure or focuses it */

            .figure-tip {
              position: absolute;
              z-index: 5;
              pointer-events: none;
              padding: 0.15rem 0.45rem;
              max-width: 95%;
              font: 0.8rem/1.4 var(--font-mono);
              color: var(--text);
              background: var(--background);
              border: 1px solid var(--border);
              border-radius: 4px;
              box-shadow: 0 2px 8px rgba(0, 0, 0, 0.2);
            }
            .hover-band { fill: currentColor; fill-opacity: 0.14; pointer-events: none; }
            .hover-cell { fill: none; stroke: currentColor; stroke-width: 2; pointer-events: none; }
            .heatmap .cells:focus, .plot .plot-area:focus, .attention-lines .token:focus { outline: none; }
            .heatmap svg:has(.cells:focus-visible), .plot svg:has(.plot-area:focus-visible) { outline: 2px solid var(--link); outline-offset: 2px; }

            /* Attention lines: a head at a time through the radio buttons; one token's lines */

            .head-choice { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; border: 0; margin: 0.25rem 0; padding: 0; font-size: 0.9rem; }
            .head-choice legend { float: left; padding: 0; margin-right: 0.25rem; font-weight: 600; }
            .head-choice label { white-space: nowrap; }
            \(headChoice)
            .attention-lines .token { cursor: default; }
            .attention-lines .token:focus-visible, .attention-lines .token.focused { font-weight: 700; text-decoration: underline; }
            .attention-lines svg.focusing line:not(.on) { display: none; }
            .attention-lines .weight { font-size: 11px; fill: var(--muted); }

            /* Plots and attention steps */

            .plot .grid { stroke: var(--border); stroke-width: 1; }
            .plot .frame { stroke: var(--muted); stroke-width: 1; }
            .plot .hover-rule { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 3; pointer-events: none; }
            .plot-legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; margin: 0.25rem 0; padding: 0; font-size: 0.9rem; }
            .attention-steps .steps { padding-left: 1.5rem; }
            .attention-steps .step-title { margin: 0.75rem 0 0.25rem; font-weight: 600; }
            .attention-steps rect.bar { fill: var(--series-0); }
            .attention-steps rect.bar.negative { fill: var(--series-1); }
            .attention-steps .output-row > * { font-weight: 700; border-top: 2px solid var(--text); }
            .attention-steps.stepping .step:not(.current) { display: none; }
            .step-nav { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0.5rem 0; }
            .step-nav button { font: inherit; font-size: 0.9rem; padding: 0.2rem 0.8rem; color: var(--text); background: var(--surface); border: 1px solid var(--border); border-radius: 4px; cursor: pointer; }
            .step-nav button:disabled { opacity: 0.5; cursor: default; }

            """
    }
}
