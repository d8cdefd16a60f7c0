// The quote-check page: finds candidate events with the check's own word index (data/quote/words/),
// fetches what the check needs of them (data/quote/<event>.json) and lets the matcher (quotecheck.js, the
// same file the command line runs) give its verdict. Every request goes to this site.
(function () {
  "use strict";

  var form = document.getElementById("otr-check");
  if (!form) return;
  var ROOT = new URL(form.dataset.root || "./", location.href).href;
  var SUBJECT = form.dataset.subject;
  var box = form.querySelector("textarea");
  var out = document.getElementById("otr-check-result");
  var VERDICTS = {
    "verbatim": ["Verbatim", "The same words in the same order, in one passage of the record."],
    "shortened": ["Shortened", "Every printed word is in one passage, in order, with words left out between them."],
    "altered": ["Altered", "The printed words match one passage only with words changed, added or reordered."],
    "other-speaker": ["Someone else said this", "The words are in the record, but not in the mouth of the person they are attributed to."],
    "not-found": ["Not found", "Nothing in this archive matches closely enough. The archive holds only what it holds: this is not proof that the words were never said."]
  };
  var eventList = null;

  function json(path) {
    return fetch(ROOT + path).then(function (r) { return r.ok ? r.json() : {}; });
  }

  // The events the word index ranks first for the quotation's search terms: the same terms, the same
  // files and the same ranking as the command line. One small file a term, then the events' check data.
  function candidates(quotation) {
    var Q = window.OtrQuote, terms = Q.searchTerms(quotation);
    eventList = eventList || json("data/quote/events.json");
    var shards = {};
    terms.forEach(function (t) { shards[Q.shard(t)] = true; });
    var names = Object.keys(shards);
    return Promise.all([eventList].concat(names.map(function (n) { return json("data/quote/words/" + n + ".json"); })))
      .then(function (got) {
        var events = got[0], postings = {};
        got.slice(1).forEach(function (words) {
          terms.forEach(function (t) { if (words[t]) postings[t] = words[t]; });
        });
        return Promise.all(Q.rankEvents(terms, postings, events.length).map(function (n) {
          return json("data/quote/" + events[n] + ".json");
        }));
      });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text) { return el("a", { href: href }, text); }

  function who(p) {
    var line = el("p", { "class": "otr-check-who" });
    line.append(el("strong", {}, p.speaker), ", " + p.role + " · " + p.dateText + " · ");
    line.append(link(ROOT + "events/" + p.event + "/", p.title));
    return line;
  }

  function diff(words) {
    var para = el("p", { "class": "otr-check-diff" });
    words.forEach(function (w, i) {
      if (i) para.append(" ");
      if (w.op === "same") para.append(w.record);
      else if (w.op === "omitted") para.append(el("del", { title: "in the record, left out of the quotation" + (w.marked ? " (marked)" : "") }, w.record));
      else if (w.op === "changed") {
        para.append(el("del", { title: "the record says" }, w.record));
        para.append(el("ins", { title: "printed instead" }, w.printed));
      } else if (w.op === "inserted") para.append(el("ins", { "class": "otr-check-inserted", title: "inserted by the writer in square brackets" }, "[" + w.printed + "]"));
      else para.append(el("ins", { title: "printed, not in the record" }, w.printed));
    });
    return para;
  }

  function show(result) {
    out.innerHTML = "";
    var verdict = VERDICTS[result.verdict];
    var section = el("section", { "class": "otr-check-verdict", "data-verdict": result.verdict });
    section.append(el("h2", {}, verdict[0]), el("p", {}, verdict[1]));
    if (result.passage) {
      var p = result.passage;
      section.append(who(p));
      var links = el("p", { "class": "otr-check-links" });
      links.append(link(ROOT + p.url, "Read it in context (#" + p.anchor + ")"));
      if (p.turn) links.append(" · ", link(ROOT + "a/" + p.event + "/" + p.turn + "/", "Cite this passage"));
      section.append(links);
      section.append(el("h3", {}, "The record, word by word"));
      section.append(diff(result.diff));
      var legend = el("p", { "class": "otr-check-legend" });
      legend.append("Plain: the same words. ", el("del", {}, "Struck"), ": in the record, not in the quotation. ",
        el("ins", {}, "Underlined"), ": printed, not in the record.");
      section.append(legend);
      if (result.notes && result.notes.length) {
        section.append(el("h3", {}, "Differences that do not count"));
        var list = el("ul", {});
        result.notes.forEach(function (n) { list.append(el("li", {}, n.kind + ": “" + n.printed + "” printed, “" + n.record + "” in the record")); });
        section.append(list);
      }
    } else if (result.nearest && result.nearest.length) {
      section.append(el("h3", {}, "The nearest passages"));
      var near = el("ul", {});
      result.nearest.forEach(function (n) {
        var li = el("li", {});
        li.append(link(ROOT + n.url, n.speaker + ", " + n.dateText + ": " + n.title));
        near.append(li);
      });
      section.append(near);
    }
    out.append(section);
  }

  function run(quotation) {
    if (!quotation.trim()) return Promise.resolve(null);
    out.textContent = "Checking…";
    return candidates(quotation).then(function (events) {
      var result = window.OtrQuote.check(quotation, events, SUBJECT);
      show(result);
      return result;
    }).catch(function (error) { out.textContent = "The check could not run: " + error; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", box.value);
    history.replaceState(null, "", url);
    run(box.value);
  });
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) { box.value = asked; run(asked); }
  window.otrCheck = { run: run };
})();
