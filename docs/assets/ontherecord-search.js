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
    return units(query
      .replace(/[’‘`´]/g, "'")
      .replace(/[“”„«»"]/g, " ")
      .replace(/\(\s*(\.\.\.|…)\s*\)|\[\s*(\.\.\.|…)\s*\]|\.\.\.|…/g, " ")
      .replace(/\b([A-Z])\.([A-Z])\.(?=\s|$|[,;:!?])/g, "$1$2")
      .replace(/(^|\s)'+|'+(?=\s|$)/g, " ")
      .replace(/\s+/g, " ")
      .trim());
  }

  // Numbers with a unit, in their usual spellings: 5%, 5 percent, 5 per cent, five per cent are one
  // word of the index ("5percent"), which the records carry beside the text (search.py: the same rule).
  var NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
  var NUMBER = "(\\d+(?:[.,]\\d+)?|" + NUMBERS.join("|") + ")";
  var PERCENT = new RegExp("(^|[^\\w.,])" + NUMBER + "\\s*(?:%|\\s(?:per\\s?cent|percent|pc)\\b)", "gi");
  function number(word) {
    var i = NUMBERS.indexOf(word.toLowerCase());
    return i >= 0 ? String(i) : word.replace(/[.,]/, "point"); // Pagefind splits words at "."
  }
  function units(text) {
    return text.replace(PERCENT, function (_, before, n) { return before + number(n) + "percent"; });
  }
  function isAlias(word) { return /^\d+(point\d+)?percent$/i.test(word); }

  // Words not worth marking or counting.
  var STOP = ("a an and are as at be but by can do for from had has have he her his i if in into is it its me my " +
    "no not of on one only or our out she so than that the their them then there these they this those to too " +
    "up us was we were what when where which who will with would you your").split(" ");

  // A query word matches a word of the text that starts with its stem (spend: spends, spending).
  function stem(word) {
    return word.length > 4 ? word.replace(/(ing|ed|es|s|ly)$/, "") : word;
  }

  // The character ranges of `text` that the query's words (not stopwords) match.
  function matches(text, query) {
    var ranges = [], m;
    var seen = {};
    normalize(query || "").toLowerCase().split(" ").forEach(function (q) {
      q = q.replace(/^[^\w']+|[^\w']+$/g, "");
      if (!q || STOP.indexOf(q) >= 0 || seen[q]) return;
      seen[q] = true;
      var pattern;
      if (isAlias(q)) {
        var n = q.slice(0, -7), names = NUMBERS[+n] && String(+n) === n ? "|" + NUMBERS[+n] : "";
        pattern = new RegExp("(?:^|(?<=[^\\w.,]))(?:" + n.replace("point", "[.,]") + names + ")\\s*(?:%|\\s(?:per\\s?cent|percent|pc)\\b)", "gi");
      } else {
        pattern = new RegExp("(?<![\\w])" + stem(q).replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "[\\w'’]*", "gi");
      }
      while ((m = pattern.exec(text))) ranges.push([m.index, m.index + m[0].length]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    return ranges.filter(function (r, i) { return i === 0 || r[0] >= ranges[i - 1][1]; });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // About `size` words of `text` around the most query words, those words marked: escaped, then marked.
  function excerpt(text, query, size) {
    var words = [], m, re = /\S+/g;
    while ((m = re.exec(text))) if (!isAlias(m[0])) words.push([m.index, m.index + m[0].length]);
    if (!words.length) return "";
    var ranges = matches(text, query);
    var hits = words.map(function (w) {
      return ranges.some(function (r) { return r[0] < w[1] && w[0] < r[1]; }) ? 1 : 0;
    });
    // The window of `size` words with the most hits; it starts a few words before its first hit.
    var best = -1, bestAt = 0;
    for (var i = 0; i < words.length; i++) {
      var count = 0, first = -1;
      for (var j = i; j < Math.min(i + size, words.length); j++) {
        count += hits[j];
        if (hits[j] && first < 0) first = j;
      }
      if (count > best) { best = count; bestAt = first < 0 ? i : first; }
    }
    var from = Math.max(0, Math.min(bestAt - 3, words.length - size));
    var to = Math.min(words.length, from + size) - 1;
    var start = words[from][0], end = words[to][1], out = "", at = start;
    ranges.forEach(function (r) {
      if (r[0] < start || r[1] > end) return;
      out += escapeHtml(text.slice(at, r[0])) + "<mark>" + escapeHtml(text.slice(r[0], r[1])) + "</mark>";
      at = r[1];
    });
    out += escapeHtml(text.slice(at, end));
    return (from > 0 ? "… " : "") + out + (to < words.length - 1 ? " …" : "");
  }

  var pagefind = null;
  function load() {
    if (!pagefind) {
      pagefind = import(ROOT + "pagefind/pagefind.js").then(function (pf) {
        // No worker: pagefind-worker.js would repeat most of pagefind.js, 12 KB more for a first search.
        return pf.options({ basePath: ROOT + "pagefind/", baseUrl: new URL(ROOT).pathname, excerptLength: 30,
                            noWorker: true })
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

  // One record per event; each passage is a sub-result under its anchor. The record says who spoke
  // each passage, as what, and on which themes, so that the filters are exact for each passage: its
  // `passages` meta has a row for each heading, in order: the places of the passage's speaker, role,
  // kind and themes in the record's (sorted) speaker filter, `roles` meta, kind filter and theme filter,
  // written in DIGITS (punctuation, which Pagefind does not index as words: search.py says why).
  var DIGITS = "!$%()+,-./";
  function whoOf(data) { // anchor -> [speaker, role, kind, themes]
    var filters = data.filters || {}, rows = (data.meta.passages || "").split(" "), who = {};
    var lists = [filters.speaker, JSON.parse(data.meta.roles || "[]"), filters.kind, filters.theme]
      .map(function (list) { return (list || []).slice().sort(); });
    (data.anchors || []).forEach(function (heading, i) {
      if (!rows[i]) return;
      var n = rows[i].split(":").map(function (code) {
        return +code.split("").map(function (c) { return DIGITS.indexOf(c); }).join("");
      });
      who[heading.id] = [lists[0][n[0]], lists[1][n[1]], lists[2][n[2]],
        n.slice(3).map(function (t) { return lists[3][t]; })];
    });
    return who;
  }

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
    var meant = asked.filter(function (q, i) { return STOP.indexOf(q) < 0 && asked.indexOf(q) === i; });
    return Promise.all(results.slice(0, MAX_EVENTS).map(function (r) { return r.data(); })).then(function (all) {
      var out = [];
      all.forEach(function (data, rank) {
        var who = whoOf(data);
        var content = (data.content || "").split(/\s+/);
        var subs = (data.sub_results || []).filter(function (sub) { return sub.anchor; })
          .sort(function (a, b) { return a.anchor.location - b.anchor.location; });
        if (!subs.length) {
          subs = Object.keys(who).map(function (a) { return { url: data.url + "#" + a, excerpt: "", anchor: null }; });
        }
        subs.forEach(function (sub, order) {
          var anchor = sub.url.split("#")[1];
          if (!who[anchor] || !keep(who[anchor], filters)) return;
          // The passage ends where the next one's heading starts (Pagefind lists every heading's place).
          var starts = (data.anchors || []).map(function (x) { return x.location; });
          var at = sub.anchor ? sub.anchor.location : 0;
          var end = starts.filter(function (l) { return l > at; }).sort(function (x, y) { return x - y; })[0];
          if (end === undefined) end = content.length;
          // The passage's words: after its heading (one mark, search-record.html), the index's aliases left out.
          var skip = sub.anchor ? 1 : 0;
          var text = sub.anchor ? content.slice(sub.anchor.location + skip, end).join(" ") : "";
          var words = wordsOf(text);
          var found = meant.filter(function (q) {
            return words.some(function (w) { return w === q || (w.indexOf(stem(q)) === 0); });
          });
          if (meant.length && !found.length) return; // in the event's record, but not in this passage
          out.push({ title: data.meta.title, date: data.meta.date, who: who[anchor], url: sub.url,
                     excerpt: text ? excerpt(text, query, 30) : "",
                     score: [found.length === meant.length ? 1 : 0, found.length, longestRun(asked, words),
                             -words.length, -rank, -order] });
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
          // Pagefind counts event records: say so, and say nothing where the count is always one.
          select.add(new Option(pair[0] === "event" ? v : v + " (in " + values[v] + " event" +
            (values[v] === 1 ? "" : "s") + ")", v));
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
      excerpt.innerHTML = found.excerpt; // escaped text with <mark> around the query's words (see excerpt())
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
    shortcuts(box, input);
    window.otrSearch = {
      normalize: normalize,
      matches: matches,
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

  // Single-key shortcuts (/ and s to search; Material's n, p, . and ,) can be turned off (WCAG 2.1.4):
  // the choice is kept in this browser.
  var SHORTCUTS = "otr-shortcuts";
  function shortcutsOn() {
    try { return localStorage.getItem(SHORTCUTS) !== "off"; } catch (e) { return true; }
  }
  function shortcuts(box, input) {
    var toggle = box.querySelector(".otr-search__shortcuts");
    function show() {
      if (toggle) toggle.textContent = shortcutsOn() ? "Turn off the one-key shortcuts (/ and s)" :
        "Turn on the one-key shortcuts (/ and s)";
    }
    show();
    if (toggle) toggle.addEventListener("click", function () {
      try { localStorage.setItem(SHORTCUTS, shortcutsOn() ? "off" : "on"); } catch (e) { /* private mode */ }
      show();
    });
    window.addEventListener("keydown", function (event) {
      var t = event.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (typing || event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
      if (!shortcutsOn()) { event.stopImmediatePropagation(); return; }
      if (event.key === "/" || event.key === "s") {
        event.preventDefault();
        input.focus();
      }
    }, true);
  }

  // Arriving from a result: mark every searched word (not stopwords) in the passage landed on.
  function highlightOnArrival() {
    var query = new URLSearchParams(location.search).get("highlight");
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!query || !target || target.querySelector("mark.otr-found")) return;
    var holders = target.matches(".otr-turn-head") ? target.closest(".otr-turn").querySelectorAll(".otr-para") : [target];
    Array.prototype.forEach.call(holders, function (el) {
      var text = "", walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) { return n.parentElement.closest(".otr-controls, .otr-visually-hidden") ? 2 : 1; }
      });
      while (walker.nextNode()) text += walker.currentNode.data;
      if (window.otrMark) window.otrMark(el, matches(text, query), "otr-found");
    });
    target.scrollIntoView({ block: "center" });
  }

  document.querySelectorAll("[data-otr-search]").forEach(setUp);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(highlightOnArrival);
  else highlightOnArrival();
})();
