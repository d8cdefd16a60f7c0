/* Quote check: how a quotation as printed differs from the record, word by word.
 *
 * One implementation for the site (the /check/ page runs it in the reader's browser) and the command
 * line (`ontherecord quote` runs this same file in an embedded V8), so both give the same verdict.
 * Pure functions, no DOM: OtrQuote.check(quotation, events, subject) -> result.
 *
 * `events`: [{event, title, date, url, units: [{speaker, person, role, kind, turn, paragraphs: [{anchor, text}]}]}]
 * `subject`: the person id of whom the archive keeps the record (a match in anyone else's words is
 * 'other-speaker').
 */
(function (root) {
  "use strict";

  var NUMBERS = {zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
    eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
    nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
    hundred: 100};
  // British and American spellings of one word: one form stands for both.
  var SPELLING = {defence: "defense", offence: "offense", licence: "license", centre: "center", centres: "centers",
    theatre: "theater", metre: "meter", programme: "program", programmes: "programs", labour: "labor",
    favour: "favor", honour: "honor", colour: "color", behaviour: "behavior", neighbour: "neighbor",
    neighbours: "neighbors", neighbourhood: "neighborhood", endeavour: "endeavor", travelled: "traveled",
    cancelled: "canceled", modelled: "modeled", fuelled: "fueled", signalled: "signaled", labelled: "labeled",
    ageing: "aging", catalogue: "catalog", dialogue: "dialog", analyse: "analyze", paralyse: "paralyze",
    grey: "gray", sceptical: "skeptical", manoeuvre: "maneuver", manoeuvres: "maneuvers", judgement: "judgment",
    fulfil: "fulfill", enrol: "enroll", towards: "toward", whilst: "while", amongst: "among"};
  var ISE = /^(.{3,})is(e|es|ed|ing|ation|ations|er|ers)$/;
  var WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|%/gu;
  var GAP = /\s*(?:\(\s*(?:\.\s*){3}\)|\[\s*(?:\.\s*){3}\]|\[…\]|\(…\)|…|(?:\.\s*){3})\s*/g;

  function canon(word) {
    var w = word.toLowerCase().replace(/’/g, "'");
    if (w === "%" || w === "percent") return "percent";
    if (NUMBERS.hasOwnProperty(w)) return String(NUMBERS[w]);
    if (SPELLING.hasOwnProperty(w)) return SPELLING[w];
    var ise = ISE.exec(w);
    if (ise && !/(w|r|cl|pr|prom|advert|exerc|expert|franch|merchand|surpr|compr|enterpr|otherw|conc|prec|premise)$/.test(ise[1])) {
      return ise[1] + "iz" + ise[2];
    }
    return w;
  }

  /* Tokens of `text`: {raw, canon}; "per cent" is one token, like "percent" and "%". */
  function tokens(text) {
    var out = [], m, normal = text.normalize("NFKC");
    WORD.lastIndex = 0;
    while ((m = WORD.exec(normal)) !== null) {
      var raw = m[0], c = canon(raw);
      var last = out[out.length - 1];
      if (c === "cent" && last && last.canon === "per") {
        last.raw += " " + raw;
        last.canon = "percent";
        continue;
      }
      out.push({raw: raw, canon: c});
    }
    return out;
  }

  /* The quotation as printed: its words, with the places where the writer marked an omission (…, [...])
     and the words the writer inserted in square brackets. */
  function printed(text) {
    var clean = text.replace(/^[\s"“”'‘’«»„]+|[\s"“”'‘’«»„]+$/g, "");
    var parts = clean.split(GAP), words = [];
    for (var i = 0; i < parts.length; i++) {
      var segments = parts[i].split(/(\[[^\]]*\])/);
      for (var j = 0; j < segments.length; j++) {
        var inserted = /^\[.*\]$/.test(segments[j]);
        var found = tokens(inserted ? segments[j].slice(1, -1) : segments[j]);
        for (var k = 0; k < found.length; k++) {
          found[k].inserted = inserted;
          found[k].gapBefore = k === 0 && j === 0 && i > 0;
          words.push(found[k]);
        }
      }
    }
    return words;
  }

  function unitTokens(unit) {
    var out = [];
    unit.paragraphs.forEach(function (p, index) {
      tokens(p.text).forEach(function (t) { t.paragraph = index; out.push(t); });
    });
    return out;
  }

  var MATCH = 3, CHANGE = -2, ADDED = -2, OMITTED = -1;

  /* Local alignment of the printed words (q) in the record's words (r): Smith-Waterman, where an
     omission at a mark the writer printed costs nothing. Returns the aligned operations, in order. */
  function align(q, r) {
    var n = q.length, m = r.length, width = m + 1;
    var score = new Int32Array((n + 1) * width), move = new Uint8Array((n + 1) * width);
    var best = 0, bi = 0, bj = 0;
    for (var i = 1; i <= n; i++) {
      var gapFree = i < n && q[i].gapBefore;  // a record word left out after q[i-1], where the writer marked it
      for (var j = 1; j <= m; j++) {
        var same = q[i - 1].canon === r[j - 1].canon;
        var diag = score[(i - 1) * width + j - 1] + (same ? MATCH : CHANGE);
        var up = score[(i - 1) * width + j] + (q[i - 1].inserted ? 0 : ADDED);      // a printed word not in the record
        var left = score[i * width + j - 1] + (gapFree || q[i - 1].inserted ? 0 : OMITTED);  // a record word left out
        var s = 0, mv = 0;
        if (diag > s) { s = diag; mv = same ? 1 : 2; }
        if (up > s) { s = up; mv = 3; }
        if (left > s) { s = left; mv = 4; }
        score[i * width + j] = s;
        move[i * width + j] = mv;
        if (s > best) { best = s; bi = i; bj = j; }
      }
    }
    var ops = [];
    i = bi; j = bj;
    while (i > 0 && j > 0 && move[i * width + j] !== 0) {
      var mv2 = move[i * width + j];
      if (mv2 === 1 || mv2 === 2) { ops.push({op: mv2 === 1 ? "same" : "changed", q: q[i - 1], r: r[j - 1]}); i--; j--; }
      else if (mv2 === 3) { ops.push({op: q[i - 1].inserted ? "inserted" : "added", q: q[i - 1]}); i--; }
      else { ops.push({op: "omitted", r: r[j - 1], marked: i < n && q[i].gapBefore}); j--; }
    }
    ops.reverse();
    var lead = [];
    for (var a = 0; a < i; a++) lead.push({op: q[a].inserted ? "inserted" : "added", q: q[a]});
    var tail = [];
    for (var b = bi; b < n; b++) tail.push({op: q[b].inserted ? "inserted" : "added", q: q[b]});
    return {score: best, ops: lead.concat(ops, tail)};
  }

  /* The verdict of one alignment, on the printed words alone. */
  function judge(ops, q) {
    var same = 0, changed = 0, added = 0, omitted = 0, run = 0, longest = 0, omittedRun = 0, longestGap = 0;
    ops.forEach(function (o) {
      if (o.op === "same") { same++; run++; longest = Math.max(longest, run); omittedRun = 0; }
      else { run = 0; }
      if (o.op === "changed") changed++;
      if (o.op === "added" || o.op === "inserted") added++;  // a writer's [insertion] is shown, and counts
      if (o.op === "omitted") { omitted++; if (!o.marked) { omittedRun++; longestGap = Math.max(longestGap, omittedRun); } }
      else if (o.op !== "same") { omittedRun = 0; }
    });
    var words = q.filter(function (t) { return !t.inserted; }).length;
    if (!words) return {verdict: "not-found", coverage: 0};
    var coverage = same / words;
    // Every printed word, in order, in one stretch of the record: as said, or shortened. A shortening
    // must keep runs of the record's words; a few common words scattered through a long answer are no
    // quotation of it.
    if (same === words && changed === 0 && added === 0) {
      if (omitted === 0) return {verdict: "verbatim", coverage: 1};
      var plausible = (longest >= 4 || longest >= words * 0.5) && longestGap <= 60 && omitted <= words * 6 + 40;
      if (plausible) return {verdict: "shortened", coverage: 1};
    }
    if (coverage >= 0.6 && same >= 4 && longest >= 3) return {verdict: "altered", coverage: coverage};
    return {verdict: "not-found", coverage: coverage};
  }

  var RANK = {"verbatim": 4, "shortened": 3, "altered": 2, "not-found": 0};

  function best(candidates) {
    return candidates.reduce(function (a, c) {
      if (!a) return c;
      var d = RANK[c.verdict] - RANK[a.verdict];
      return d > 0 || (d === 0 && c.coverage > a.coverage) || (d === 0 && c.coverage === a.coverage && c.score > a.score)
        ? c : a;
    }, null);
  }

  function describe(ops) {
    var out = [], notes = [];
    ops.forEach(function (o) {
      if (o.op === "same") {
        out.push({op: "same", record: o.r.raw, printed: o.q.raw});
        var a = o.q.raw.toLowerCase().replace(/’/g, "'"), b = o.r.raw.toLowerCase().replace(/’/g, "'");
        if (a !== b) notes.push({printed: o.q.raw, record: o.r.raw,
          kind: /\d|%|percent|cent/.test(a + b) || NUMBERS.hasOwnProperty(a) || NUMBERS.hasOwnProperty(b)
            ? "number" : "spelling"});
      }
      else if (o.op === "changed") out.push({op: "changed", record: o.r.raw, printed: o.q.raw});
      else if (o.op === "omitted") out.push({op: "omitted", record: o.r.raw, marked: !!o.marked});
      else out.push({op: o.op, printed: o.q.raw});
    });
    return {words: out, notes: notes};
  }

  function check(quotation, events, subject) {
    var q = printed(quotation);
    var candidates = [];
    events.forEach(function (e) {
      e.units.forEach(function (u) {
        var r = unitTokens(u);
        if (!r.length || !q.length) return;
        var aligned = align(q, r);
        var j = judge(aligned.ops, q);
        var firstRecord = aligned.ops.filter(function (o) { return o.r; })[0];
        var paragraph = firstRecord ? u.paragraphs[firstRecord.r.paragraph] : u.paragraphs[0];
        candidates.push({verdict: j.verdict, coverage: j.coverage, score: aligned.score, ops: aligned.ops,
          event: e, unit: u, anchor: paragraph.anchor, mine: u.person === subject});
      });
    });
    var mine = best(candidates.filter(function (c) { return c.mine; }));
    var theirs = best(candidates.filter(function (c) { return !c.mine; }));
    var chosen = mine, verdict = mine ? mine.verdict : "not-found";
    if (theirs && RANK[theirs.verdict] > RANK[verdict] && theirs.verdict !== "not-found") {
      chosen = theirs;
      verdict = "other-speaker";
    }
    var nearest = candidates.slice().sort(function (a, b) { return b.coverage - a.coverage || b.score - a.score; })
      .slice(0, 3).filter(function (c) { return c.coverage >= 0.3; }).map(passage);
    var result = {verdict: verdict, quotation: quotation, words: q.filter(function (t) { return !t.inserted; }).length};
    if (verdict === "not-found") {
      result.nearest = nearest;
      return result;
    }
    result.passage = passage(chosen);
    if (verdict === "other-speaker") result.match = chosen.verdict;
    var d = describe(chosen.ops);
    result.diff = d.words;
    result.notes = d.notes;
    result.coverage = Math.round(chosen.coverage * 1000) / 1000;
    return result;
  }

  function passage(c) {
    return {event: c.event.event, title: c.event.title, date: c.event.date, dateText: c.event.dateText,
      url: c.event.url + "#" + c.anchor, anchor: c.anchor, turn: c.unit.turn, speaker: c.unit.speaker,
      person: c.unit.person, role: c.unit.role, kind: c.unit.kind, coverage: Math.round(c.coverage * 1000) / 1000};
  }

  // Words too common to tell one event from another: the index is not asked about them.
  var STOPWORDS = ("a an and are as at be but by do for from has have he i if in is it its not of on or our so " +
    "that the their there these they this to was we were what which who will with you").split(" ");

  /* The distinct words by which the index finds the candidate events: the quotation's own, lowercase,
     without marks, insertions or the commonest words, longest first (the longest tell events apart best),
     at most five: each word costs the reader one small file of the word index. */
  function searchTerms(quotation) {
    var seen = {};
    return printed(quotation).filter(function (t) {
      var w = t.raw.toLowerCase();
      if (t.inserted || w.length < 3 || STOPWORDS.indexOf(w) >= 0 || seen[w]) return false;
      seen[w] = true;
      return true;
    }).map(function (t) { return t.raw.toLowerCase(); })
      .sort(function (a, b) { return b.length - a.length || (a < b ? -1 : 1); }).slice(0, 5);
  }

  function looksLikeQuotation(text) {
    var t = text.trim();
    return /^["“”'‘«„]/.test(t) || t.split(/\s+/).length >= 6;
  }

  var CANDIDATES = 3;  // events read per check, on the page and on the command line alike
  var SHARDS = 512;    // the word index is split into this many files, by a hash of the word

  /* Which file of the word index holds `word`: FNV-1a over its UTF-16 code units (the engine computes the
     same when it writes the files). */
  function shard(word) {
    var h = 0x811c9dc5;
    for (var i = 0; i < word.length; i++) {
      h ^= word.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % SHARDS;
  }

  /* The candidate events: those holding the quotation's search terms, rarer terms weighing more.
     `postings`: term -> sorted event numbers; `events`: how many events the archive has. */
  function rankEvents(terms, postings, events) {
    var score = {};
    terms.forEach(function (t) {
      var found = postings[t] || [];
      if (!found.length) return;
      var weight = Math.log(1 + events / found.length);
      found.forEach(function (e) { score[e] = (score[e] || 0) + weight; });
    });
    return Object.keys(score).map(Number).sort(function (a, b) { return score[b] - score[a] || a - b; })
      .slice(0, CANDIDATES);
  }

  root.OtrQuote = {CANDIDATES: CANDIDATES, SHARDS: SHARDS, STOPWORDS: STOPWORDS, shard: shard,
    rankEvents: rankEvents, check: check, tokens: tokens, printed: printed, searchTerms: searchTerms,
    looksLikeQuotation: looksLikeQuotation, canon: canon};
})(typeof window !== "undefined" ? window : globalThis);
