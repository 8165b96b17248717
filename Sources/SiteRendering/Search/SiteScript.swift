/// The site's one script, written to `assets/site.js`: the search box, the marking of the
/// current section in the table of contents, and the figures' interaction (`FigureScript`). No framework, nothing fetched; every page is
/// complete without it (the search box stays hidden, the table of contents is a plain list).
///
/// Search reads `window.notesgenSearch` (`SearchIndex.script`): a query's terms are cut as
/// `SearchTerms` cuts them, each matches the index's terms it starts (prefix search by binary
/// search in the sorted list), and a section is a result when it holds every term; sections
/// whose heading names a term come first. `/` focuses the box, the arrow keys move through the
/// results, Enter opens one at its section, Escape closes the list.
public enum SiteScript {
    public static let path = "assets/site.js"

    /// The search and contents script, then the figures' (`FigureScript`).
    public static let javascript = searchScript + FigureScript.javascript

    private static let searchScript = #"""
        // notesgen: search and table-of-contents highlighting. Generated; see SiteScript.swift.
        (function () {
          "use strict";

          // The same cut as SearchTerms.terms(in:) in Swift.
          function terms(text) {
            var found = text.toLowerCase().match(/[\p{L}\p{Nd}_]+(?:\.\d+)*/gu) || [];
            var result = [];
            found.forEach(function (term) {
              // A decimal point only joins digits: "a.5" is "a" and "5".
              if (/^\d+(\.\d+)+$/.test(term) || term.indexOf(".") < 0) { result.push(term); return; }
              term.split(".").forEach(function (part) { if (part) result.push(part); });
            });
            return result;
          }

          function lowerBound(list, key) {
            var low = 0, high = list.length;
            while (low < high) {
              var middle = (low + high) >> 1;
              if (list[middle] < key) low = middle + 1; else high = middle;
            }
            return low;
          }

          // The postings, decoded once: for each term, its [section, count] pairs (stored as
          // gaps in base 36, "*n" for a count above 1).
          function postings(index) {
            if (!index.decoded) {
              index.decoded = index.postings.split("|").map(function (entries) {
                var at = 0;
                return entries.split(" ").map(function (entry) {
                  var parts = entry.split("*");
                  at += parseInt(parts[0], 36);
                  return [at, parts.length > 1 ? parseInt(parts[1], 36) : 1];
                });
              });
            }
            return index.decoded;
          }

          // The sections holding a term that starts with `prefix`, with how often they hold it.
          function sectionsMatching(index, prefix) {
            var found = new Map(), lists = postings(index);
            for (var i = lowerBound(index.terms, prefix); i < index.terms.length; i++) {
              if (index.terms[i].lastIndexOf(prefix, 0) !== 0) break;
              lists[i].forEach(function (entry) { found.set(entry[0], (found.get(entry[0]) || 0) + entry[1]); });
            }
            return found;
          }

          // A section's title line: the note's title, then its heading path.
          function sectionPath(index, section) {
            var title = index.pages[section[0]][1];
            return section[2] ? title + " › " + section[2] : title;
          }

          function search(index, query, limit) {
            var wanted = terms(query);
            if (wanted.length === 0) return { terms: [], sections: [] };
            // A section must hold every term; it ranks by the terms its heading names, then by
            // how often it holds them.
            var matches = null;
            wanted.forEach(function (term) {
              var found = sectionsMatching(index, term);
              if (matches === null) { matches = found; return; }
              var both = new Map();
              matches.forEach(function (count, section) {
                if (found.has(section)) both.set(section, count + found.get(section));
              });
              matches = both;
            });
            var ranked = [...matches].map(function (pair) {
              var path = terms(sectionPath(index, index.sections[pair[0]]));
              var inHeading = wanted.filter(function (term) {
                return path.some(function (word) { return word.lastIndexOf(term, 0) === 0; });
              }).length;
              return { number: pair[0], score: inHeading * 10000 + pair[1] };
            });
            ranked.sort(function (a, b) { return b.score - a.score || a.number - b.number; });
            return { terms: wanted, sections: ranked.slice(0, limit).map(function (r) { return r.number; }) };
          }

          // `text` as nodes, with the words that start with a query term in <mark>.
          function highlighted(text, wanted) {
            var fragment = document.createDocumentFragment();
            var pattern = /[\p{L}\p{Nd}_]+(?:\.\d+)*/gu, last = 0, match;
            while ((match = pattern.exec(text)) !== null) {
              var word = match[0].toLowerCase();
              if (!wanted.some(function (term) { return word.lastIndexOf(term, 0) === 0; })) continue;
              fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
              var mark = document.createElement("mark");
              mark.textContent = match[0];
              fragment.appendChild(mark);
              last = match.index + match[0].length;
            }
            fragment.appendChild(document.createTextNode(text.slice(last)));
            return fragment;
          }

          function setUpSearch() {
            var index = window.notesgenSearch;
            var box = document.getElementById("search");
            if (!index || !box) return;
            var input = box.querySelector("input");
            var list = box.querySelector("ol");
            box.hidden = false;

            function show() {
              var found = search(index, input.value, 12);
              list.textContent = "";
              found.sections.forEach(function (number) {
                var section = index.sections[number];
                var link = document.createElement("a");
                link.href = index.pages[section[0]][0] + (section[1] ? "#" + encodeURIComponent(section[1]) : "");
                var path = document.createElement("span");
                path.className = "search-path";
                path.appendChild(highlighted(sectionPath(index, section), found.terms));
                var snippet = document.createElement("span");
                snippet.className = "search-snippet";
                snippet.appendChild(highlighted(section[3], found.terms));
                link.appendChild(path);
                link.appendChild(snippet);
                var item = document.createElement("li");
                item.appendChild(link);
                list.appendChild(item);
              });
              list.hidden = found.sections.length === 0;
              box.setAttribute("data-results", String(found.sections.length));
            }

            function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

            input.addEventListener("input", show);
            box.addEventListener("keydown", function (event) {
              var all = links(), at = all.indexOf(document.activeElement);
              if (event.key === "ArrowDown" && all.length) {
                all[Math.min(at + 1, all.length - 1)].focus();
                event.preventDefault();
              } else if (event.key === "ArrowUp" && all.length) {
                if (at <= 0) input.focus(); else all[at - 1].focus();
                event.preventDefault();
              } else if (event.key === "Enter" && document.activeElement === input && all.length) {
                window.location.href = all[0].href;
                event.preventDefault();
              } else if (event.key === "Escape") {
                list.hidden = true;
                input.focus();
              }
            });
            document.addEventListener("keydown", function (event) {
              var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
              if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
                input.focus();
                event.preventDefault();
              }
            });
          }

          // Marks the table of contents' link to the section being read.
          function setUpCurrentSection() {
            var links = Array.prototype.slice.call(document.querySelectorAll(".page-toc a[href^='#']"));
            if (!links.length || !("IntersectionObserver" in window)) return;
            var byId = {};
            links.forEach(function (link) { byId[decodeURIComponent(link.getAttribute("href").slice(1))] = link; });
            var headings = Object.keys(byId).map(function (id) { return document.getElementById(id); }).filter(Boolean);
            function update() {
              var current = null;
              headings.forEach(function (heading) {
                if (heading.getBoundingClientRect().top < 120) current = heading;
              });
              links.forEach(function (link) { link.removeAttribute("aria-current"); });
              if (current) byId[current.id].setAttribute("aria-current", "location");
            }
            var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -60% 0px" });
            headings.forEach(function (heading) { observer.observe(heading); });
            update();
          }

          window.notesgenSearchQuery = function (query) {
            return window.notesgenSearch ? search(window.notesgenSearch, query, 12) : null;
          };
          setUpSearch();
          setUpCurrentSection();
        })();
        """#
}
