/// The figures' part of the site's script (appended to `SiteScript.javascript`). Every figure
/// is complete without it; it adds answers to "what is this cell, this token, this point?":
///
/// - heatmaps: pointing at a cell (or focusing the grid and moving with the arrow keys)
///   highlights its row and column and shows its labels and value in a tooltip. The cell is
///   found from the pointer's position and the grid's geometry (`data-grid`), so there is no
///   element per cell; the values come from `data-values` (as the tables write them) or, for
///   the largest matrices, from the colour level under the pointer (`data-range`);
/// - attention lines: pointing at or focusing a token keeps only its lines (of the heads shown)
///   and writes their weights beside the tokens of the other column;
/// - plots: pointing anywhere over the plot (or the arrow keys) marks the nearest x and shows
///   every series' value there;
/// - attention steps: one step at a time, with Previous and Next buttons.
///
/// Every number shown comes from the page's own attributes, written by the renderers.
enum FigureScript {
    static let javascript = #"""

        // notesgen: figures. Generated; see FigureScript.swift.
        (function () {
          "use strict";
          var SVG = "http://www.w3.org/2000/svg";

          function svgElement(name, attributes, parent) {
            var element = document.createElementNS(SVG, name);
            Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
            parent.appendChild(element);
            return element;
          }

          function setAll(element, attributes) {
            Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
          }

          // The pointer's position in the SVG's own units.
          function local(svg, event) {
            var point = svg.createSVGPoint();
            point.x = event.clientX;
            point.y = event.clientY;
            return point.matrixTransform(svg.getScreenCTM().inverse());
          }

          // The figure's tooltip, created on first use; a status, so screen readers hear it.
          function tipOf(figure) {
            var tip = figure.querySelector(":scope > .figure-tip");
            if (!tip) {
              tip = document.createElement("div");
              tip.className = "figure-tip";
              tip.setAttribute("role", "status");
              tip.hidden = true;
              figure.appendChild(tip);
            }
            return tip;
          }

          // Shows `text` near the point (x, y) of the SVG.
          function showTip(figure, svg, text, x, y) {
            var tip = tipOf(figure), matrix = svg.getScreenCTM(), box = figure.getBoundingClientRect();
            tip.textContent = text;
            tip.hidden = false;
            var left = matrix.a * x + matrix.e - box.left + figure.scrollLeft + 12;
            tip.style.left = Math.max(0, Math.min(left, figure.scrollWidth - tip.offsetWidth - 2)) + "px";
            tip.style.top = (matrix.d * y + matrix.f - box.top + 12) + "px";
          }

          function hideTip(figure) { tipOf(figure).hidden = true; }

          function setUpHeatmap(cells) {
            var svg = cells.ownerSVGElement, figure = svg.parentNode;
            var grid = cells.getAttribute("data-grid").split(" ").map(Number);
            var left = grid[0], top = grid[1], size = grid[2], rows = grid[3], columns = grid[4];
            var rowLabels = JSON.parse(cells.getAttribute("data-rows") || "null");
            var columnLabels = JSON.parse(cells.getAttribute("data-columns") || "null");
            var values = cells.hasAttribute("data-values") ? cells.getAttribute("data-values").split(" ") : null;
            // Small matrices have a rect per cell, whose <title> is already the tooltip's text.
            var titles = cells.querySelectorAll("rect.cell > title");
            var layer = svgElement("g", { "class": "hover", "pointer-events": "none" }, svg);
            var rowBand = svgElement("rect", { "class": "hover-band" }, layer);
            var columnBand = svgElement("rect", { "class": "hover-band" }, layer);
            var outline = svgElement("rect", { "class": "hover-cell" }, layer);
            layer.style.display = "none";
            var at = null;

            function show(row, column, target) {
              at = [row, column];
              setAll(rowBand, { x: left, y: top + row * size, width: columns * size, height: size });
              setAll(columnBand, { x: left + column * size, y: top, width: size, height: rows * size });
              setAll(outline, { x: left + column * size, y: top + row * size, width: size, height: size });
              layer.style.display = "";
              var text = titles.length ? titles[row * columns + column].textContent : description(row, column, target);
              showTip(figure, svg, text, left + (column + 1) * size, top + (row + 1) * size);
            }

            // `row → column: value`, from the grid's labels and values (or its colour level).
            function description(row, column, target) {
              var names = [];
              if (rowLabels) names.push(rowLabels[row]);
              if (columnLabels) names.push(columnLabels[column]);
              if (!rowLabels && !columnLabels) names.push(row + ", " + column);
              var value = values ? values[row * columns + column]
                : target && target.getAttribute("data-range") ? "in " + target.getAttribute("data-range") : "";
              return names.join(" → ") + (value ? ": " + value : "");
            }

            function hide() {
              layer.style.display = "none";
              hideTip(figure);
            }

            cells.addEventListener("pointermove", function (event) {
              var point = local(svg, event);
              var column = Math.floor((point.x - left) / size), row = Math.floor((point.y - top) / size);
              if (row >= 0 && row < rows && column >= 0 && column < columns) show(row, column, event.target);
              else hide();
            });
            cells.addEventListener("pointerleave", hide);
            cells.addEventListener("focus", function () { show(at ? at[0] : 0, at ? at[1] : 0, null); });
            cells.addEventListener("blur", hide);
            cells.addEventListener("keydown", function (event) {
              var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
              if (event.key === "Escape") { hide(); return; }
              if (!moves[event.key]) return;
              var here = at || [0, 0];
              show(Math.max(0, Math.min(rows - 1, here[0] + moves[event.key][0])),
                Math.max(0, Math.min(columns - 1, here[1] + moves[event.key][1])), null);
              event.preventDefault();
            });
          }

          function setUpAttentionLines(figure) {
            var svg = figure.querySelector("svg"), written = [];
            var tokens = Array.prototype.slice.call(svg.querySelectorAll(".token"));

            function clear() {
              svg.classList.remove("focusing");
              svg.querySelectorAll("line.on").forEach(function (line) { line.classList.remove("on"); });
              tokens.forEach(function (token) { token.classList.remove("focused"); });
              written.forEach(function (label) { label.remove(); });
              written = [];
            }

            function focus(token) {
              clear();
              var isQuery = token.hasAttribute("data-q");
              var mine = isQuery ? "data-q" : "data-k", theirs = isQuery ? "data-k" : "data-q";
              var weights = {};
              svg.classList.add("focusing");
              token.classList.add("focused");
              svg.querySelectorAll("line[" + mine + "='" + token.getAttribute(mine) + "']").forEach(function (line) {
                line.classList.add("on");
                if (getComputedStyle(line.parentNode).display === "none") return;  // a head not shown
                var other = line.getAttribute(theirs);
                (weights[other] = weights[other] || []).push(line.getAttribute("data-w"));
              });
              tokens.forEach(function (other) {
                var found = weights[other.getAttribute(theirs)];
                if (!other.hasAttribute(theirs) || !found) return;
                var box = other.getBBox();
                var label = svgElement("text", {
                  "class": "weight", y: other.getAttribute("y"), "dominant-baseline": "central",
                  x: isQuery ? box.x + box.width + 6 : box.x - 6, "text-anchor": isQuery ? "start" : "end"
                }, svg);
                label.textContent = found.join(" ");
                written.push(label);
              });
            }

            tokens.forEach(function (token) {
              token.addEventListener("pointerenter", function () { focus(token); });
              token.addEventListener("focus", function () { focus(token); });
              token.addEventListener("pointerleave", function () { if (document.activeElement !== token) clear(); });
              token.addEventListener("blur", clear);
            });
            figure.querySelectorAll(".head-choice input").forEach(function (input) {
              input.addEventListener("change", function () {
                var focused = svg.querySelector(".token.focused");
                if (focused) focus(focused);
              });
            });
          }

          function setUpPlot(area) {
            var svg = area.ownerSVGElement, figure = svg.closest("figure");
            var xs = area.getAttribute("data-xs").split(" ").map(Number);
            var xValues = area.getAttribute("data-x-values").split(" ");
            var xLabel = area.getAttribute("data-x-label");
            var geometry = area.getAttribute("data-area").split(" ").map(Number);
            var layer = svgElement("g", { "pointer-events": "none" }, area);
            var rule = svgElement("line", { "class": "hover-rule", y1: geometry[1], y2: geometry[1] + geometry[3] }, layer);
            var series = Array.prototype.slice.call(area.querySelectorAll(".series")).map(function (group) {
              // The dot takes the series' colour class (series-N), not its `series` class.
              var colour = group.getAttribute("class").replace(/^series /, "");
              var dot = svgElement("circle", { r: 4, "class": colour, fill: "currentColor" }, layer);
              return {
                name: group.getAttribute("data-name"), dot: dot,
                ys: group.getAttribute("data-ys").split(" "), values: group.getAttribute("data-values").split(" ")
              };
            });
            layer.style.display = "none";
            var at = null;

            function show(index) {
              at = index;
              setAll(rule, { x1: xs[index], x2: xs[index] });
              var parts = [xLabel + " " + xValues[index]];
              series.forEach(function (one) {
                parts.push(one.name + " " + one.values[index]);
                if (one.ys[index] === "-") { one.dot.style.display = "none"; return; }
                one.dot.style.display = "";
                setAll(one.dot, { cx: xs[index], cy: one.ys[index] });
              });
              layer.style.display = "";
              showTip(figure, svg, parts.join(" · "), xs[index], geometry[1]);
            }

            function hide() {
              layer.style.display = "none";
              hideTip(figure);
            }

            function nearest(x) {
              var best = 0;
              xs.forEach(function (position, index) {
                if (position >= 0 && Math.abs(position - x) < Math.abs(xs[best] - x)) best = index;
              });
              return best;
            }

            area.addEventListener("pointermove", function (event) { show(nearest(local(svg, event).x)); });
            area.addEventListener("pointerleave", hide);
            area.addEventListener("focus", function () { show(at === null ? 0 : at); });
            area.addEventListener("blur", hide);
            area.addEventListener("keydown", function (event) {
              var step = event.shiftKey ? 10 : 1, next = at === null ? 0 : at;
              if (event.key === "ArrowLeft") next -= step;
              else if (event.key === "ArrowRight") next += step;
              else if (event.key === "Home") next = 0;
              else if (event.key === "End") next = xs.length - 1;
              else if (event.key === "Escape") { hide(); return; }
              else return;
              show(Math.max(0, Math.min(xs.length - 1, next)));
              event.preventDefault();
            });
          }

          function setUpSteps(figure) {
            var steps = Array.prototype.slice.call(figure.querySelectorAll(".step"));
            if (steps.length < 2) return;
            var nav = document.createElement("div");
            nav.className = "step-nav";
            var previous = document.createElement("button"), next = document.createElement("button");
            var status = document.createElement("span");
            previous.type = next.type = "button";
            previous.textContent = "← Previous";
            next.textContent = "Next →";
            status.setAttribute("aria-live", "polite");
            nav.appendChild(previous);
            nav.appendChild(next);
            nav.appendChild(status);
            figure.insertBefore(nav, figure.querySelector(".steps"));
            figure.classList.add("stepping");
            var at = 0;
            function go(index) {
              at = index;
              steps.forEach(function (step, number) { step.classList.toggle("current", number === index); });
              status.textContent = "Step " + (index + 1) + " of " + steps.length;
              previous.disabled = index === 0;
              next.disabled = index === steps.length - 1;
            }
            previous.addEventListener("click", function () { go(Math.max(0, at - 1)); });
            next.addEventListener("click", function () { go(Math.min(steps.length - 1, at + 1)); });
            go(0);
          }

          document.querySelectorAll(".heatmap .cells[data-grid]").forEach(setUpHeatmap);
          document.querySelectorAll("figure.attention-lines").forEach(setUpAttentionLines);
          document.querySelectorAll(".plot .plot-area[data-xs]").forEach(setUpPlot);
          document.querySelectorAll("figure.attention-steps").forEach(setUpSteps);
        })();
        """#
}
