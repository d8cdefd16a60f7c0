// Search for Rutte on the Record: Pagefind's index, ranking and excerpts; this file is
// only the box in the header, its results panel and its keyboard. Every request goes to
// this site's own pagefind/ folder.
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = script ? new URL("../", script.src).href : new URL("/", location.href).href;
  var MAX_RESULTS = 10;   // passages shown
  var MAX_EVENTS = 5;     // event records whose passages are ranked (each is one download)
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
        return pf.options({ basePath: ROOT + "pagefind/", baseUrl: new URL(ROOT).pathname, excerptLength: 30 })
          .then(function () { return pf; });
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

  // One record per event; each passage is a sub-result under its anchor. The record's `passages`
  // meta (anchor -> [speaker, role, kind, themes]) keeps the filters exact for each passage.
  function keep(who, filters) {
    return (!filters.speaker || who[0] === filters.speaker) && (!filters.kind || who[2] === filters.kind) &&
      (!filters.theme || who[3].indexOf(filters.theme) >= 0);
  }

  function wordsOf(text) {
    return text.toLowerCase().replace(/[’‘`´]/g, "'").split(/\s+/)
      .map(function (w) { return w.replace(/^[^\w']+|[^\w']+$/g, ""); }).filter(Boolean);
  }

  // The longest run of the query's words, in order, in the passage: an exact quotation scores highest.
  function longestRun(query, words) {
    var best = 0, prev = new Array(words.length + 1).fill(0);
    query.forEach(function (q) {
      var cur = new Array(words.length + 1).fill(0);
      words.forEach(function (w, j) { if (w === q) { cur[j + 1] = prev[j] + 1; best = Math.max(best, cur[j + 1]); } });
      prev = cur;
    });
    return best;
  }

  function passages(results, filters, query) {
    var asked = wordsOf(query || "");
    return Promise.all(results.slice(0, MAX_EVENTS).map(function (r) { return r.data(); })).then(function (all) {
      var out = [];
      all.forEach(function (data, rank) {
        var who = JSON.parse(data.meta.passages || "{}");
        var content = (data.content || "").split(/\s+/);
        var subs = (data.sub_results || []).filter(function (sub) { return sub.anchor; })
          .sort(function (a, b) { return a.anchor.location - b.anchor.location; });
        if (!subs.length) {
          subs = Object.keys(who).map(function (a) { return { url: data.url + "#" + a, excerpt: "", anchor: null }; });
        }
        subs.forEach(function (sub, order) {
          var anchor = sub.url.split("#")[1];
          if (!who[anchor] || !keep(who[anchor], filters)) return;
          var end = order + 1 < subs.length && subs[order + 1].anchor ? subs[order + 1].anchor.location : content.length;
          var words = sub.anchor ? wordsOf(content.slice(sub.anchor.location, end).join(" ")) : [];
          var distinct = asked.filter(function (q, i) { return asked.indexOf(q) === i && words.indexOf(q) >= 0; });
          out.push({ title: data.meta.title, date: data.meta.date, who: who[anchor], url: sub.url, excerpt: sub.excerpt,
                     score: [longestRun(asked, words), distinct.length, -words.length, -rank, -order] });
        });
      });
      return out.sort(function (a, b) {
        for (var i = 0; i < a.score.length; i++) if (a.score[i] !== b.score[i]) return b.score[i] - a.score[i];
        return 0;
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
        Object.keys(values).sort().forEach(function (v) {
          select.add(new Option(v + " (" + values[v] + " event" + (values[v] === 1 ? "" : "s") + ")", v));
        });
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

    function item(found, index, query) {
      var li = document.createElement("li");
      li.setAttribute("role", "presentation");
      var a = document.createElement("a");
      a.id = "otr-search-result-" + index;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.href = landing(found.url, query);
      a.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "otr-search__title";
      title.textContent = found.title;
      var who = document.createElement("span");
      who.className = "otr-search__meta";
      who.textContent = found.date + " · " + found.who[0] + ", " + found.who[1] + " · " + found.who[2];
      var excerpt = document.createElement("span");
      excerpt.className = "otr-search__excerpt";
      excerpt.innerHTML = found.excerpt; // Pagefind's excerpt: escaped text with <mark> around matches
      a.append(title, who, excerpt);
      li.appendChild(a);
      a.addEventListener("mousemove", function () { if (active !== index) select(index); });
      return li;
    }

    // A quotation (in quote marks, or six words or more): offer to check it against the record.
    function offerCheck(text) {
      var old = panel.querySelector(".otr-search__check");
      if (old) old.remove();
      var t = text.trim();
      if (!(/^["“”'‘«„]/.test(t) || t.split(/\s+/).length >= 6)) return;
      var a = document.createElement("a");
      a.className = "otr-search__check";
      a.href = ROOT + "check/?q=" + encodeURIComponent(t);
      a.textContent = "Check this quotation against the record →";
      status.after(a);
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
        return passages(results, filters, query).then(function (found) { return [results.length, found]; });
      }).then(function (found) {
        if (mine !== generation) return;
        var events = found[0], shown = found[1].slice(0, MAX_RESULTS);
        list.innerHTML = "";
        offerCheck(input.value);
        shown.forEach(function (p, i) { list.appendChild(item(p, i, query)); });
        status.textContent = found[1].length ? found[1].length + " passage" + (found[1].length === 1 ? "" : "s") +
          " in " + (events > MAX_EVENTS ? "the best " + MAX_EVENTS + " of " : "") + events + " event" +
          (events === 1 ? "" : "s") + (found[1].length > MAX_RESULTS ? ", showing the first " + MAX_RESULTS : "")
          : "No passage found";
        select(shown.length ? 0 : -1);
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
        var prefix = new URL(ROOT).pathname;
        return load().then(function (pf) { return find(pf, normalize(query), filters || {}); })
          .then(function (results) { return passages(results, filters || {}, normalize(query)); })
          .then(function (found) {
            return found.slice(0, MAX_RESULTS).map(function (p) { return p.url.slice(prefix.length); });
          });
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
