// Rutte on the Record: copy a link, cite a passage, link to a selection.
// Every control is a plain link without JavaScript; this script makes them copy.
(function () {
  "use strict";

  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return (canonical ? canonical.href : location.href).split("#")[0];
  }

  function copy(text, near, label) {
    var note = document.createElement("span");
    note.className = "otr-copied";
    note.setAttribute("role", "status");
    near.after(note);
    setTimeout(function () { note.remove(); }, 2500);
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { note.textContent = label; },
        function () { note.textContent = text; });
    }
    note.textContent = text;
    return Promise.resolve();
  }

  function target(anchor) {
    history.replaceState(null, "", "#" + anchor);
    document.querySelectorAll(".otr-targeted").forEach(function (el) { el.classList.remove("otr-targeted"); });
    var el = document.getElementById(anchor);
    if (el) el.classList.add("otr-targeted");
  }

  // Citations: templates made at build time, filled with this passage's address and today's date.
  var citeData = null;
  function templates(turn) {
    if (!citeData) {
      var island = document.getElementById("otr-cite-data");
      citeData = island ? JSON.parse(island.textContent) : {};
    }
    return citeData[turn];
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
    var url = pageUrl() + "#" + anchor;
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

  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest("a.otr-link, a.otr-cite, button.otr-fragment-link");
    if (!control) return;
    if (control.matches("a.otr-link")) {
      event.preventDefault();
      target(control.dataset.anchor);
      copy(pageUrl() + "#" + control.dataset.anchor, control, "Link copied");
    } else if (control.matches("a.otr-cite")) {
      if (citeBox(control)) event.preventDefault();
    } else {
      copy(control.dataset.url, control, "Link to the selection copied");
    }
  });

  // Standalone pages: the citations shown were made at build time; use today's date.
  document.querySelectorAll(".otr-citations").forEach(function (box) {
    var t = templates(box.dataset.turn);
    if (!t) return;
    box.querySelector(".otr-cite-plain").textContent = fill(t.plain, box.dataset.url, box.dataset.turn);
    box.querySelector(".otr-cite-bibtex").textContent = fill(t.bibtex, box.dataset.url, box.dataset.turn);
  });

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
    if (!spec) return;
    var parts = spec.split(",").map(function (p) { return decodeURIComponent(p); });
    var holders = document.querySelectorAll(".otr-para, .otr-quotation, .otr-standalone-text p");
    for (var i = 0; i < holders.length; i++) {
      var el = holders[i];
      var text = el.textContent;
      var start = text.indexOf(parts[0]);
      if (start < 0) continue;
      var end = parts.length > 1 ? text.indexOf(parts[1], start) + parts[1].length : start + parts[0].length;
      if (end < start) continue;
      wrap(el, start, end);
      el.scrollIntoView({ block: "center" });
      return;
    }
  }

  // Wrap characters [start, end) of el's text in <mark class="otr-fragment"> elements.
  function wrap(el, start, end) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    var pos = 0, nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var from = Math.max(start - pos, 0), to = Math.min(end - pos, node.length);
      pos += node.length;
      if (from >= to) return;
      var range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      var mark = document.createElement("mark");
      mark.className = "otr-fragment";
      range.surroundContents(mark);
    });
  }

  markFragment();
})();
