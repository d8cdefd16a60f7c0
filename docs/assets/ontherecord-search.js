// Search for Rutte on the Record: Pagefind's index, ranking and excerpts; this file is
// only the box in the header, its results panel and its keyboard. Every request goes to
// this site's own pagefind/ folder.
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = script ? new URL("../", script.src).href : new URL("/", location.href).href;
  var MAX_RESULTS = 10;
  var FILTERS = [["theme", "Theme"], ["speaker", "Speaker"], ["event", "Event"], ["kind", "Kind"], ["year", "Year"]];

  // Quotes as journalists print them: curly or straight marks, elisions, U.S. for US.
  function normalize(query) {
    return query
      .replace(/[’‘`´]/g, "'")
      .replace(/[“”„«»"]/g, " ")
      .replace(/\(\s*(\.\.\.|…)\s*\)|\[\s*(\.\.\.|…)\s*\]|\.\.\.|…/g, " ")
      .replace(/\b([A-Z])\.([A-Z])\.(?=\s|$|[,;:!?])/g, "$1$2")
      .replace(/(^|\s)'+|'+(?=\s|$)/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  }

  var pagefind = null;
  function load() {
    if (!pagefind) {
      pagefind = import(ROOT + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ basePath: ROOT + "pagefind/", excerptLength: 30 }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // Search; if nothing holds every word, allow one word of difference.
  function find(pf, query, filters) {
    var term = query || null;
    return pf.search(term, { filters: filters }).then(function (found) {
      var words = query.split(" ");
      if (found.results.length || words.length < 3) return found.results;
      var tries = words.map(function (_, i) {
        return pf.search(words.filter(function (_, j) { return j !== i; }).join(" "), { filters: filters });
      });
      return Promise.all(tries).then(function (all) {
        var seen = {}, merged = [];
        all.forEach(function (r) {
          r.results.forEach(function (x) { if (!seen[x.id]) { seen[x.id] = true; merged.push(x); } });
        });
        return merged.sort(function (a, b) { return b.score - a.score; });
      });
    });
  }

  function landing(link, query) {
    var url = new URL(link, ROOT);
    if (query) url.searchParams.set("highlight", query);
    return url.href;
  }

  function setUp(box) {
    var input = box.querySelector("input");
    var panel = box.querySelector(".otr-search__panel");
    var list = box.querySelector(".otr-search__results");
    var status = box.querySelector(".otr-search__status");
    var filterBox = box.querySelector(".otr-search__filters");
    var active = -1, generation = 0, timer = null, filtersShown = false;
    input.disabled = false;

    function chosenFilters() {
      var out = {};
      filterBox.querySelectorAll("select").forEach(function (s) { if (s.value) out[s.name] = s.value; });
      return out;
    }

    function open() {
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (!filtersShown) {
        filtersShown = true;
        load().then(function (pf) { return pf.filters(); }).then(showFilters);
      }
    }

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function showFilters(available) {
      FILTERS.forEach(function (pair) {
        var values = available[pair[0]] || {};
        var label = document.createElement("label");
        label.className = "otr-search__filter";
        label.textContent = pair[1] + " ";
        var select = document.createElement("select");
        select.name = pair[0];
        select.add(new Option("All", ""));
        Object.keys(values).sort().forEach(function (v) { select.add(new Option(v + " (" + values[v] + ")", v)); });
        select.addEventListener("change", run);
        label.appendChild(select);
        filterBox.appendChild(label);
      });
    }

    function select(index) {
      var items = list.querySelectorAll("[role=option]");
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      }
    }

    function item(data, index, query) {
      var li = document.createElement("li");
      li.setAttribute("role", "presentation");
      var a = document.createElement("a");
      a.id = "otr-search-result-" + index;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.href = landing(data.meta.link, query);
      a.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "otr-search__title";
      title.textContent = data.meta.title;
      var who = document.createElement("span");
      who.className = "otr-search__meta";
      who.textContent = data.meta.date + " · " + data.meta.speaker + " · " + data.meta.kind;
      var excerpt = document.createElement("span");
      excerpt.className = "otr-search__excerpt";
      excerpt.innerHTML = data.excerpt; // Pagefind's excerpt: escaped text with <mark> around matches
      a.append(title, who, excerpt);
      li.appendChild(a);
      a.addEventListener("mousemove", function () { if (active !== index) select(index); });
      return li;
    }

    function run() {
      var query = normalize(input.value);
      var filters = chosenFilters();
      var mine = ++generation;
      if (!query && !Object.keys(filters).length) {
        list.innerHTML = "";
        status.textContent = "";
        return;
      }
      open();
      status.textContent = "Searching…";
      load().then(function (pf) { return find(pf, query, filters); }).then(function (results) {
        return Promise.all(results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
          .then(function (data) { return [results.length, data]; });
      }).then(function (found) {
        if (mine !== generation) return;
        list.innerHTML = "";
        found[1].forEach(function (data, i) { list.appendChild(item(data, i, query)); });
        status.textContent = found[0] ? found[0] + " passage" + (found[0] === 1 ? "" : "s") +
          (found[0] > MAX_RESULTS ? ", showing the first " + MAX_RESULTS : "") : "No passage found";
        select(found[1].length ? 0 : -1);
      });
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener("focus", function () { load(); if (input.value || Object.keys(chosenFilters()).length) open(); });
    input.addEventListener("keydown", function (event) {
      var count = list.querySelectorAll("[role=option]").length;
      if (event.key === "ArrowDown" && count) { event.preventDefault(); open(); select((active + 1) % count); }
      else if (event.key === "ArrowUp" && count) { event.preventDefault(); select((active - 1 + count) % count); }
      else if (event.key === "Enter") {
        event.preventDefault();
        var chosen = list.querySelectorAll("[role=option]")[Math.max(active, 0)];
        if (chosen) location.href = chosen.href;
      } else if (event.key === "Escape") { close(); input.blur(); }
    });
    document.addEventListener("click", function (event) { if (!box.contains(event.target)) close(); });
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
        event.preventDefault();
        input.focus();
      }
    });
    window.otrSearch = {
      normalize: normalize,
      // For tests and scripts: the links of the passages a query finds, best first.
      links: function (query, filters) {
        return load().then(function (pf) { return find(pf, normalize(query), filters || {}); })
          .then(function (results) { return Promise.all(results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); })); })
          .then(function (data) { return data.map(function (d) { return d.meta.link; }); });
      }
    };
  }

  // Arriving from a result: mark the searched words in the passages.
  function highlightOnArrival() {
    if (!new URLSearchParams(location.search).get("highlight")) return;
    import(ROOT + "pagefind/pagefind-highlight.js").then(function () {
      new window.PagefindHighlight({ highlightParam: "highlight", markContext: ".otr-event" });
      var target = location.hash && document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView();
    });
  }

  document.querySelectorAll("[data-otr-search]").forEach(setUp);
  highlightOnArrival();
})();
