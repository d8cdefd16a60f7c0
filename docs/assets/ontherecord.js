// Rutte on the Record: share a passage, cite it, link to a selection, flip a list.
// Every control is a plain link without JavaScript; this script makes them copy. It works on
// Material's pages (also across instant navigation) and on the archive's own standalone pages.
(function () {
  "use strict";

  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return (canonical ? canonical.href : location.href).split("#")[0];
  }

  function copy(text, near, label) {
    var old = near.parentNode && near.parentNode.querySelector(".otr-copied");
    if (old) old.remove();
    var note = document.createElement("span");
    note.className = "otr-copied";
    note.setAttribute("role", "status");
    near.after(note);
    setTimeout(function () { note.remove(); }, 4000);
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { note.textContent = label; },
        function () { note.textContent = text; });
    }
    note.textContent = text;
    return Promise.resolve();
  }

  function target(anchor) {
    document.querySelectorAll(".otr-targeted").forEach(function (el) { el.classList.remove("otr-targeted"); });
    var el = document.getElementById(anchor);
    if (el) el.classList.add("otr-targeted");
  }

  // The site's root on this host (this script is in its assets/ folder), and where it is published:
  // the page's canonical address less the page's own path. Links are shared by their published address.
  var HERE = new URL("../", document.currentScript ? document.currentScript.src : location.href).href;
  function published(url) {
    var page = location.href.split(/[?#]/)[0], canonical = pageUrl();
    if (url.indexOf(HERE) !== 0 || page.indexOf(HERE) !== 0) return url;
    var path = page.slice(HERE.length);
    var root = !path ? canonical : canonical.slice(-path.length) === path ? canonical.slice(0, -path.length) : HERE;
    return root + url.slice(HERE.length);
  }

  // The address a passage is shared and cited by: its own page, whose preview shows its words.
  function shareUrl(anchor) {
    var link = document.querySelector('a.otr-share[data-anchor="' + anchor + '"]');
    return link ? published(new URL(link.getAttribute("href"), location.href).href) : pageUrl() + "#" + anchor;
  }

  // Citations: templates made at build time ({forms, turns}), filled with the passage's address and today's date.
  function templates(turn) {
    var island = document.getElementById("otr-cite-data");
    var data = island ? JSON.parse(island.textContent) : {};
    return data.forms && data.turns && turn in data.turns ? data.forms[data.turns[turn]] : null;
  }

  function fill(template, url, anchor) {
    var now = new Date();
    var iso = now.toISOString().slice(0, 10);
    var long = now.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    return template.split("{url}").join(url).split("{accessed_iso}").join(iso)
      .split("{accessed}").join(long).split("{anchor}").join(anchor);
  }

  function citeBox(control) {
    var anchor = control.dataset.anchor, t = templates(control.dataset.turn);
    if (!t) return false;
    var open = document.querySelector(".otr-cite-box");
    if (open) open.remove();
    var url = shareUrl(anchor);
    var box = document.createElement("div");
    box.className = "otr-cite-box";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Cite #" + anchor);
    [["Plain text", fill(t.plain, url, anchor)], ["BibTeX", fill(t.bibtex, url, anchor)]].forEach(function (pair) {
      var label = document.createElement("p");
      label.textContent = pair[0];
      var text = document.createElement("pre");
      text.textContent = pair[1];
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Copy " + pair[0];
      button.addEventListener("click", function () { copy(pair[1], button, "Copied"); });
      box.append(label, text, button);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.className = "otr-cite-close";
    close.textContent = "Close";
    close.addEventListener("click", function () { box.remove(); control.focus(); });
    box.appendChild(close);
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") { box.remove(); control.focus(); } });
    control.closest("p, .otr-turn-links, .otr-quotation").after(box);
    box.querySelector("button").focus();
    return true;
  }

  // One listener for the whole life of the window: controls are found when clicked.
  document.addEventListener("click", function (event) {
    var control = event.target.closest &&
      event.target.closest("a.otr-share, a.otr-cite, button.otr-fragment-link, [data-otr-flip], [data-otr-focus-search]");
    if (!control) return;
    if (control.matches("a.otr-share")) {
      event.preventDefault();
      target(control.dataset.anchor);
      copy(shareUrl(control.dataset.anchor), control, "Link copied — its preview shows these words");
    } else if (control.matches("a.otr-cite")) {
      if (citeBox(control)) event.preventDefault();
    } else if (control.matches("[data-otr-flip]")) {
      flip(control);
    } else if (control.matches("[data-otr-focus-search]")) {
      var input = document.getElementById("otr-search-input");
      if (input) input.focus();
    } else {
      copy(control.dataset.url, control, "Link to the selection copied");
    }
  });

  // A list in date order the reader can turn round (theme pages).
  function flip(button) {
    var list = document.querySelector(button.dataset.otrFlip);
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    items.reverse().forEach(function (el) { list.appendChild(el); });
    var newest = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", newest ? "true" : "false");
    button.textContent = newest ? "Show oldest first" : "Show newest first";
  }

  // Link to a selection: a #:~:text= fragment on the passage's anchor.
  function encode(text) {
    return encodeURIComponent(text).replace(/-/g, "%2D").replace(/,/g, "%2C").replace(/&/g, "%26");
  }

  function fragmentFor(text) {
    var words = text.trim().split(/\s+/);
    if (words.length <= 8) return encode(words.join(" "));
    return encode(words.slice(0, 4).join(" ")) + "," + encode(words.slice(-4).join(" "));
  }

  var selectionButton = null;
  document.addEventListener("selectionchange", function () {
    var selection = document.getSelection();
    var text = selection ? selection.toString().trim() : "";
    var holder = text && selection.anchorNode && selection.anchorNode.parentElement &&
      selection.anchorNode.parentElement.closest(".otr-para[id], .otr-quotation[id], .otr-standalone-text[id]");
    if (!holder || !holder.contains(selection.focusNode)) {
      if (selectionButton) selectionButton.hidden = true;
      return;
    }
    if (!selectionButton) {
      selectionButton = document.createElement("button");
      selectionButton.type = "button";
      selectionButton.className = "otr-fragment-link";
      selectionButton.textContent = "Copy link to the selection";
    }
    selectionButton.dataset.url = pageUrl() + "#" + holder.id + ":~:text=" + fragmentFor(text);
    selectionButton.hidden = false;
    holder.after(selectionButton);
  });

  // Arriving on a text fragment: browsers that support them highlight natively; mark it
  // for every browser, reading the directive from the navigation's own address.
  function directive() {
    var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    var url = (nav && nav.name) || location.href;
    var at = url.indexOf(":~:text=");
    return at < 0 ? null : url.slice(at + 8).split("&")[0];
  }

  function markFragment() {
    var spec = directive();
    if (!spec || document.querySelector("mark.otr-fragment")) return;
    var parts = spec.split(",").map(function (p) { return decodeURIComponent(p); });
    var holders = document.querySelectorAll(".otr-para, .otr-quotation, .otr-standalone-text p");
    for (var i = 0; i < holders.length; i++) {
      var el = holders[i];
      var text = el.textContent;
      var start = text.indexOf(parts[0]);
      if (start < 0) continue;
      var end = parts.length > 1 ? text.indexOf(parts[1], start) + parts[1].length : start + parts[0].length;
      if (end < start) continue;
      window.otrMark(el, [[start, end]], "otr-fragment");
      el.scrollIntoView({ block: "center" });
      return;
    }
  }

  // Wrap the character ranges [start, end) of el's text in <mark class="cls"> elements.
  window.otrMark = function (el, ranges, cls) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentElement.closest(".otr-controls, .otr-visually-hidden") ? 2 : 1; }
    });
    var pos = 0, nodes = [];
    while (walker.nextNode()) nodes.push([walker.currentNode, pos, pos += walker.currentNode.length]);
    ranges.slice().sort(function (a, b) { return b[0] - a[0]; }).forEach(function (r) {
      nodes.forEach(function (entry) {
        var from = Math.max(r[0] - entry[1], 0), to = Math.min(r[1] - entry[1], entry[0].length);
        if (from >= to) return;
        var range = document.createRange();
        range.setStart(entry[0], from);
        range.setEnd(entry[0], to);
        var mark = document.createElement("mark");
        mark.className = cls;
        range.surroundContents(mark);
      });
    });
  };

  // What each page needs once it is shown: run on load, and after each of Material's instant page changes.
  function onPage() {
    // A passage's own page: its citations are written without a date; accessed is the reader's today.
    document.querySelectorAll("[data-accessed]").forEach(function (slot) {
      slot.textContent = fill(slot.dataset.accessed, "", "");
    });
    document.querySelectorAll("[data-otr-flip]").forEach(function (b) { b.hidden = false; });
    if (location.hash) target(location.hash.slice(1));
    markFragment();
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(onPage);
  else onPage();
})();
