/* thutuc search worker: speaks Material for MkDocs' worker protocol (SETUP 0, READY 1,
 * QUERY 2, RESULT 3) over an index prebuilt by lunr.py at build time.
 * Built into one file after lunr.js, so it loads with a plain script tag under file://.
 * fold() and tokens() must stay identical to site_builder/textfold.py and index/tokens.py:
 * tests/test_search_parity.py runs both on the whole catalogue vocabulary.
 */
/* global lunr */
"use strict";

var THUTUC = (function () {
  var MARKS = /[\u0300-\u036f]/g;
  var TOKEN = /[a-z0-9]+(?:\.[a-z0-9]+)*/g;
  var CURRENT = { active: true, amended: true };
  /* lunr copies a posting's metadata and never writes to it: one shared empty object saves
   * an allocation per posting (garbage collection was most of the expansion time). */
  var NO_METADATA = Object.freeze({});
  var STATUS = { replaced: "Đã được thay thế", abolished: "Đã bãi bỏ" };

  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function tokens(text) {
    return fold(text).match(TOKEN) || [];
  }

  /* Raw Telex and VNI typing undone, as index/tokens.py `untyped` (tests/test_search_parity.py):
   * the key letters or digits removed when what remains is a syllable and the word is not one. */
  var SYLLABLE = new RegExp("^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?(?:(?:" +
    "uya|uye|uyu|uoi|uou|ieu|yeu|oai|oao|oay|oeo|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu|uy|ye|[aeiouy]" +
    ")(?:ch|nh|ng|[cmnpt])?|oo(?:ng|c))$");

  function syllable(word) {
    return SYLLABLE.test(word);
  }

  function telex(word) {
    var start = word.search(/[aeiouy]/);
    if (start < 0) return word;
    var untoned = word.slice(0, start) + word.slice(start).replace(/[sfrxjz]/g, "");
    if (syllable(untoned)) return untoned;
    var plain = untoned.split("uw").join("u").split("ow").join("o").split("aw").join("a").replace(/w/g, "u");
    return plain.replace(/aa|ee|oo|dd/g, function (m) { return m.charAt(0); });
  }

  function untyped(word) {
    if (syllable(word) || !/^[a-z]+[a-z0-9]*$/.test(word)) return null;
    var plain = /[0-9]/.test(word) ? word.replace(/[0-9]/g, "") : telex(word);
    return plain !== word && syllable(plain) ? plain : null;
  }

  function typedForms(text) {
    var words = tokens(text), plain = words.map(function (w) { return untyped(w) || w; });
    return plain.join(" ") !== words.join(" ") ? [words, plain] : [words];
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Rebuild lunr's serialized index from the compact encoding (site_builder/index/compact.py),
   * computing each field vector with lunr's own BM25 formula (lunr.Builder.createFieldVectors).
   * For tests and tools: the worker loads shards (Sharded). */
  var SLICE = 1500;

  /* lunr's BM25 pieces, as lunr.Builder computes them (lunr.idf, createFieldVectors): the
   * whole index and the shards use these same functions, so their weights are equal. */
  function idfOf(count, withTerm) {
    return Math.log(1 + Math.abs((count - withTerm + 0.5) / (withTerm + 0.5)));
  }

  function normOf(k1, b, length, average) {
    return k1 * (1 - b + b * (length / average));
  }

  function weightOf(idf, k1, tf, norm) {
    return Math.round(idf * ((k1 + 1) * tf) / (norm + tf) * 1000) / 1000;
  }

  function averages(fields, lengths, count) {
    return fields.map(function (f) {
      var total = 0;
      lengths[f].forEach(function (length) { total += length; });
      return total / count;
    });
  }

  /* A term's posting lists are only decoded into lunr's `{ref: metadata}` objects when a query
   * first reads them: building all of them up front was 80 % of the setup time, and a search
   * touches a few dozen terms. `entriesOf(posting)` gives the compact lists. */
  function postingType(fields, entriesOf) {
    function Posting(ti) { this._index = ti; }
    fields.forEach(function (f, fi) {
      Object.defineProperty(Posting.prototype, f, {
        configurable: true,
        get: function () {
          var refs = {}, entries = entriesOf(this);
          for (var e = 0; e < entries.length; e++) {
            if (entries[e][0] !== fi) continue;
            for (var k = 1, ref = 0; k < entries[e].length; k++) refs[(ref += entries[e][k])] = NO_METADATA;
          }
          Object.defineProperty(this, f, { value: refs, enumerable: true });
          return refs;
        }
      });
    });
    return Posting;
  }

  function expander(c) {
    var fields = c.fields, n = c.count, k1 = c.k1, b = c.b, T = c.terms.length;
    var inverted = {}, idf = new Array(T), vectors = [], repeats = fields.map(function () { return {}; });
    var perDoc = fields.map(function () {
      var docs = new Array(n);
      for (var i = 0; i < n; i++) docs[i] = [];
      return docs;
    });
    var steps = [], result = null;

    var Posting = postingType(fields, function (posting) { return c.postings[posting._index]; });

    function terms(from, to) {
      return function () {
        for (var ti = from; ti < to; ti++) {
          var withTerm = 0, entries = c.postings[ti];
          for (var e = 0; e < entries.length; e++) {
            var entry = entries[e], docs = perDoc[entry[0]], ref = 0;
            for (var k = 1; k < entry.length; k++) docs[(ref += entry[k])].push(ti);
            withTerm += entry.length - 1;
          }
          idf[ti] = idfOf(n, withTerm);
          inverted[c.terms[ti]] = new Posting(ti);
        }
      };
    }

    function fieldVectors(fi, from, to, average) {
      return function () {
        var f = fields[fi], lengths = c.lengths[f], docs = perDoc[fi], rep = repeats[fi];
        for (var ref = from; ref < to; ref++) {
          var elements = [], list = docs[ref], own = rep[ref];
          var norm = normOf(k1, b, lengths[ref], average);
          for (var j = 0; j < list.length; j++) {
            var ti = list[j], tf = (own && own[ti]) || 1;
            elements.push(ti, weightOf(idf[ti], k1, tf, norm));
          }
          vectors.push([f + "/" + ref, elements]);
        }
      };
    }

    for (var from = 0; from < T; from += SLICE) steps.push(terms(from, Math.min(from + SLICE, T)));
    steps.push(function () {
      c.tf.forEach(function (r) { (repeats[r[0]][r[1]] = repeats[r[0]][r[1]] || {})[r[2]] = r[3]; });
    });
    averages(fields, c.lengths, n).forEach(function (average, fi) {
      for (var start = 0; start < n; start += SLICE) steps.push(fieldVectors(fi, start, Math.min(start + SLICE, n), average));
    });
    steps.push(function () {
      var sorted = Object.keys(inverted).sort().map(function (t) { return [t, inverted[t]]; });
      result = { version: lunr.version, fields: fields, fieldVectors: vectors, invertedIndex: sorted, pipeline: [] };
    });
    return { steps: steps, result: function () { return result; } };
  }

  /* All at once, every posting decoded: for tests and tools that compare with lunr.py. */
  function expand(c) {
    var job = expander(c);
    job.steps.forEach(function (step) { step(); });
    var result = job.result();
    result.invertedIndex.forEach(function (entry) {
      var posting = { _index: entry[1]._index };
      c.fields.forEach(function (f) { posting[f] = entry[1][f]; });
      entry[1] = posting;
    });
    return result;
  }

  /* Clauses, from strongest to weakest: the code; two words in the typed order in the name or
   * keywords; a whole word in the name, keywords, other text. Every word must be found
   * somewhere (a required clause) unless that finds nothing, then any word may (fallback).
   * Only the last word, the one still being typed, is also matched as a prefix: wildcard
   * expansion is the expensive part of a lunr query. */
  function build(query, words, required) {
    var P = lunr.Query.presence, W = lunr.Query.wildcard, ALL = ["code", "name", "kw", "other"];
    var last = words.length - 1;
    words.forEach(function (w, i) {
      var typing = i === last && w.length >= 2;
      var presence = required && (i < last || typing) ? P.REQUIRED : P.OPTIONAL;
      query.term(w, { fields: ALL, boost: 1, presence: presence, wildcard: typing ? W.TRAILING : W.NONE });
      query.term(w, { fields: ["code"], boost: 40 });
      query.term(w, { fields: ["name"], boost: 10 });
      query.term(w, { fields: ["kw"], boost: 6 });
      if (typing) query.term(w, { fields: ["name", "kw"], boost: 3, wildcard: W.TRAILING });
      if (i > 0) {
        var pair = words[i - 1] + "_" + w;
        query.term(pair, { fields: ["name"], boost: 16 });
        query.term(pair, { fields: ["kw"], boost: 8 });
        if (typing) query.term(pair, { fields: ["name", "kw"], boost: 6, wildcard: W.TRAILING });
      }
    });
  }

  function highlightWords(title, words) {
    var matched = {};
    var html = title.split(/(\s+)/).map(function (part) {
      var folded = (fold(part).match(TOKEN) || [""])[0];
      var hit = folded && words.some(function (w) { return folded === w || (w.length >= 2 && folded.indexOf(w) === 0); });
      if (!hit) return escapeHTML(part);
      matched[part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")] = true;
      return "<mark>" + escapeHTML(part) + "</mark>";
    }).join("");
    return { html: html, terms: matched };
  }

  function Search(serialized, store) {
    this.index = lunr.Index.load(serialized);
    this.store = store;
  }

  /* The hits of every form of the query (as typed; Telex/VNI undone), each document once at its
   * best score. */
  function hitsOf(indexOf, forms, required) {
    var best = {};
    forms.forEach(function (words) {
      var hits = [], target = indexOf(words, required);
      try {
        if (target) hits = target.index.query(function (q) { build(q, words, target.required); });
      } catch (e) {
        hits = [];
      }
      hits.forEach(function (hit) {
        if (!best[hit.ref] || best[hit.ref].score < hit.score) best[hit.ref] = hit;
      });
    });
    return Object.keys(best).map(function (ref) { return best[ref]; }).sort(function (a, b) { return b.score - a.score; });
  }

  /* Whether the words, in order, are in `field` of a hit: each adjacent pair matched there (the
   * last one as a prefix while it is being typed), or the one word itself. */
  function inOrder(metadata, words, field) {
    var last = words.length - 1;
    function matched(term, prefix) {
      return Object.keys(metadata).some(function (key) {
        return metadata[key][field] && (key === term || (prefix && key.indexOf(term) === 0));
      });
    }
    if (!last) return matched(words[0], false);
    for (var i = 1; i <= last; i++) if (!matched(words[i - 1] + "_" + words[i], i === last)) return false;
    return true;
  }

  /* lunr scores each field on its own scale, so the weight of a field over another is set here:
   * the query as a phrase in the name (at its start: the procedure's own name, "Thủ tục" aside)
   * or in the keywords, which editors write in the words people use, weighs above words that
   * happen to occur in other procedures' names; procedures the catalogue features (its
   * `featured` list: the ones most people need) come before rare ones; former ones last. */
  var NAME_START = 2, NAME_INSIDE = 1.5, KEYWORDS = 2.5, FEATURED = 1.5, FORMER = 0.25;

  function rescore(hit, doc, forms) {
    var name = tokens(doc[5] || doc[1]).join(" ").replace(/^thu tuc /, "");
    var phrase = 1;
    forms.forEach(function (words) {
      var at = name.indexOf(words.join(" "));
      if (at >= 0) phrase = Math.max(phrase, at === 0 ? NAME_START : NAME_INSIDE);
      if (inOrder(hit.matchData.metadata, words, "kw")) phrase = Math.max(phrase, KEYWORDS);
    });
    return hit.score * phrase * (doc[6] ? FEATURED : 1) * (CURRENT[doc[4]] ? 1 : FORMER);
  }

  var TOP = 60; // hits rescored and shown

  function formsOf(raw) {
    return typedForms(raw.replace(/[*+~^:]/g, " "));
  }

  /* `indexOf(words, required)`: the lunr index to query for one form of the query and whether
   * its words are still to be required ({index, required}), or null when nothing can match. */
  function hitsFor(indexOf, forms) {
    var hits = hitsOf(indexOf, forms, true);
    return (hits.length ? hits : hitsOf(indexOf, forms, false)).slice(0, TOP);
  }

  /* The result items of `hits` (lunr's, best first) rescored, with `row(ref)` the store's row. */
  function present(hits, row, forms) {
    var words = [].concat.apply([], forms);
    return hits.map(function (hit) {
      var doc = row(+hit.ref);
      return { doc: doc, score: rescore(hit, doc, forms) };
    }).sort(function (a, b) { return b.score - a.score; }).map(function (r) {
      var doc = r.doc, title = highlightWords(doc[1], words), shown = title.html;
      /* A short form (doc[5] holds the full name): the full name for screen readers, hover and focus. */
      if (doc[5]) shown = '<span class="tt-cut"><span class="tt-cut__short" aria-hidden="true">' + shown +
        '</span><span class="tt-cut__full">' + escapeHTML(doc[5]) + "</span></span>";
      var badge = STATUS[doc[4]] ? '<span class="tt-badge tt-badge--' + doc[4] + '">' + STATUS[doc[4]] + "</span> " : "";
      var text = '<p class="tt-sr-meta">' + escapeHTML(doc[2]) + "</p>" + (doc[3] ? "<p>" + escapeHTML(doc[3]) + "</p>" : "");
      return [{ location: doc[0], title: badge + shown, text: text, score: r.score, terms: title.terms }];
    });
  }

  Search.prototype.query = function (raw) {
    var forms = formsOf(raw), store = this.store;
    if (!forms[0].length) return [];
    var index = this.index;
    function whole(words, required) { return { index: index, required: required }; }
    return present(hitsFor(whole, forms), function (ref) { return store[ref]; }, forms);
  };

  /* The terms a query looks up, as `build` queries them: [term, whether as a prefix]. */
  function termsOf(forms) {
    var found = [];
    forms.forEach(function (words) {
      var last = words.length - 1;
      words.forEach(function (w, i) {
        var typing = i === last && w.length >= 2;
        found.push([w, typing]);
        if (i > 0) found.push([words[i - 1] + "_" + w, typing]);
      });
    });
    return found;
  }

  /* The shards holding `term`, and with `prefix` every term it begins: the rule of
   * index/shards.py `key` (a term's first three characters when that is a key, else two). */
  function keysFor(table, term, prefix) {
    var own = table[term.slice(0, 3)] !== undefined ? term.slice(0, 3) : term.slice(0, 2);
    var keys = table[own] !== undefined ? [own] : [];
    if (prefix) Object.keys(table).forEach(function (k) { if (k !== own && k.indexOf(term) === 0) keys.push(k); });
    return keys;
  }

  /* Documents per step of a query: lunr's time grows with the postings it reads, and under
   * file:// it runs on the page's main thread, where a task must stay short. */
  var STEP = 4000; // postings
  var BUCKET = 64; // documents

  /* The index of index/shards.py's parts: `load(path)` returns a promise of a part's JSON. A
   * query loads the shards of its words (once for the page's life) and the store chunks of its
   * hits, and is answered by a lunr index made for it through lunr's public constructor
   * (`plan`, `step`). lunr scores a document from the query terms' postings, idf, field lengths
   * and term frequencies, all of which the query's shards hold in full. */
  function Sharded(manifest, load, postingsPerStep) {
    this.m = manifest;
    this.load = load;
    this.postingsPerStep = postingsPerStep || STEP; // smaller in tests: many steps on a small catalogue
    this.averages = averages(manifest.fields, manifest.lengths, manifest.count);
    /* Each document's BM25 length norm per field, computed once: the same values lunr's
     * formula gives (normOf), read for every posting a query scores. */
    var self = this;
    this.norms = manifest.fields.map(function (f, fi) {
      var lengths = manifest.lengths[f], norms = new Float64Array(manifest.count);
      for (var ref = 0; ref < norms.length; ref++) norms[ref] = normOf(manifest.k1, manifest.b, lengths[ref], self.averages[fi]);
      return norms;
    });
    this.shards = {};
    this.chunks = {};
    this.rows = {};
    this.entries = {};
    this.numbers = {}; // term -> its global number
    this.idf = {};
    this.repeats = {};
    this.sorted = {}; // key -> the terms of its loaded shard, sorted (for prefixes)
  }

  /* A shard's terms join the loaded ones: their postings stay compact until a query reads them
   * (Sharded.plan), so adding the largest shard takes a few milliseconds. */
  Sharded.prototype.add = function (shard, key) {
    var repeats = this.repeats;
    var fields = this.m.fields.length;
    shard.tf.forEach(function (r) {
      if (!repeats[r[2]]) for (var fi = 0, tf = repeats[r[2]] = []; fi < fields; fi++) tf.push({});
      repeats[r[2]][r[0]][r[1]] = r[3];
    });
    for (var i = 0; i < shard.terms.length; i++) {
      var ti = shard.numbers[i], entries = shard.postings[i], withTerm = 0;
      for (var e = 0; e < entries.length; e++) withTerm += entries[e].length - 1;
      this.idf[ti] = idfOf(this.m.count, withTerm);
      this.entries[ti] = entries;
      this.numbers[shard.terms[i]] = ti;
    }
    /* Sorted per shard, not all loaded terms at once: after many searches in one page that
     * was a sort of most of the vocabulary at the first prefix after every new shard. */
    this.sorted[key] = shard.terms.slice().sort();
  };

  Sharded.prototype.keysOf = function (forms) {
    var table = this.m.shards, keys = {};
    termsOf(forms).forEach(function (t) { keysFor(table, t[0], t[1]).forEach(function (k) { keys[k] = true; }); });
    return Object.keys(keys);
  };

  Sharded.prototype.need = function (keys) {
    var self = this;
    return Promise.all(keys.map(function (k) {
      if (!self.shards[k]) self.shards[k] = self.load(self.m.shards[k]).then(function (s) { self.add(s, k); });
      return self.shards[k];
    }));
  };

  Sharded.prototype.needRows = function (hits) {
    return this.needRefs(hits.map(function (hit) { return +hit.ref; }));
  };

  Sharded.prototype.needRefs = function (refs) {
    var self = this, size = this.m.chunk, wanted = {};
    refs.forEach(function (ref) { wanted[Math.floor(ref / size)] = true; });
    return Promise.all(Object.keys(wanted).map(function (c) {
      if (!self.chunks[c]) self.chunks[c] = self.load(self.m.store[c]).then(function (rows) { self.rows[c] = rows; });
      return self.chunks[c];
    }));
  };

  /* The loaded terms equal to `term`, or with `prefix` beginning with it (lunr's wildcard). */
  Sharded.prototype.expand = function (term, prefix) {
    if (!prefix) return this.numbers[term] !== undefined ? [term] : [];
    var found = [], self = this;
    // Every term beginning with `term` is in one of these shards (the rule of keysFor).
    keysFor(this.m.shards, term, true).forEach(function (k) {
      var sorted = self.sorted[k] || [], lo = 0, hi = sorted.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (sorted[mid] < term) lo = mid + 1; else hi = mid;
      }
      for (; lo < sorted.length && sorted[lo].indexOf(term) === 0; lo++) found.push(sorted[lo]);
    });
    return found.sort();
  };

  /* The documents holding any of `terms` (and in `keep`, when given), as marks by document:
   * typed arrays, as every set of documents below (objects keyed by number were most of a
   * query's time at 20,000 procedures). */
  Sharded.prototype.refsOf = function (terms, keep) {
    var refs = new Uint8Array(this.m.count), entries = this.entries, numbers = this.numbers;
    terms.forEach(function (t) {
      var list = entries[numbers[t]];
      for (var e = 0; e < list.length; e++) {
        for (var k = 1, ref = 0; k < list[e].length; k++) {
          ref += list[e][k];
          if (keep === null || keep[ref]) refs[ref] = 1;
        }
      }
    });
    return refs;
  };

  /* One form of a query (see hitsFor), made ready to be queried in steps of documents (`step`).
   * lunr's time goes into sets for every document a clause's terms are in, and for a required
   * word typed as a prefix, a new set per expansion holding all before it (seconds per
   * keystroke at 20,000 procedures). Only the documents holding every required word can be
   * hits: the postings are narrowed to those, which then need no required clause. A document's
   * score depends on the query and its own postings only (the query vector holds every
   * expanded term of every clause whatever the postings; lunr's similarity divides by its
   * magnitude alone), so documents can be scored a range at a time. The same hits with the same
   * scores: tests/test_search_shards.py compares with the whole index queried with required
   * clauses. Null when no document holds every required word. */
  Sharded.prototype.plan = function (words, required) {
    var self = this, last = words.length - 1, keep = null;
    if (required) {
      words.forEach(function (w, i) {
        var typing = i === last && w.length >= 2;
        if (i < last || typing) keep = self.refsOf(self.expand(w, typing), keep);
      });
      if (keep !== null && keep.indexOf(1) < 0) return null;
    }
    var terms = [], seen = {}, lists = [], counts = [];
    termsOf([words]).forEach(function (t) {
      self.expand(t[0], t[1]).forEach(function (term) {
        if (!seen[term]) terms.push(term);
        seen[term] = true;
      });
    });
    // In term number order, the order of a field vector's elements: no sorting in `step`.
    terms.sort(function (a, b) { return self.numbers[a] - self.numbers[b]; });
    var clauses = required && keep === null; // whether lunr still applies required clauses
    var vectors = queryVectors(words, clauses, this.m.fields, terms);
    var top = vectors && this.likelyTop(terms, keep, vectors);
    if (top) {
      keep = new Uint8Array(this.m.count);
      top.forEach(function (ref) { keep[ref] = 1; });
    }
    terms.forEach(function (term) {
      lists.push(self.entries[self.numbers[term]].map(function (entry) {
        var refs = [];
        for (var k = 1, ref = 0; k < entry.length; k++) {
          ref += entry[k];
          if (keep && !keep[ref]) continue;
          refs.push(ref);
          counts[ref / BUCKET | 0] = (counts[ref / BUCKET | 0] || 0) + 1;
        }
        return { field: entry[0], refs: refs, at: 0 };
      }));
    });
    var ends = [], sum = 0;
    for (var c = 0; c < counts.length; c++) {
      sum += counts[c] || 0;
      if (sum > this.postingsPerStep) { ends.push((c + 1) * BUCKET); sum = 0; }
    }
    if (sum || !ends.length) ends.push(Infinity);
    else ends[ends.length - 1] = Infinity;
    var sorted = terms.slice().sort();
    return { words: words, required: clauses, terms: terms, lists: lists, ends: ends,
      tokens: lunr.TokenSet.fromArray(sorted), top: top };
  };

  /* lunr's query vector of each field for one form of a query: each clause adds its boost to
   * every loaded term it expands to (`terms`), in each of its fields, whatever the postings
   * (lunr.Index.query). Null with a required clause (`plan` leaves lunr to apply it). */
  function queryVectors(words, required, fields, terms) {
    var query = new lunr.Query(fields), vectors = fields.map(function () { return {}; });
    build(query, words, required);
    for (var c = 0; c < query.clauses.length; c++) {
      var clause = query.clauses[c], prefix = clause.term.slice(-1) === "*";
      var stem = prefix ? clause.term.slice(0, -1) : clause.term;
      if (clause.presence === lunr.Query.presence.REQUIRED) return null;
      for (var t = 0; t < terms.length; t++) {
        if (terms[t] !== stem && !(prefix && terms[t].indexOf(stem) === 0)) continue;
        for (var f = 0; f < clause.fields.length; f++) {
          var boosts = vectors[fields.indexOf(clause.fields[f])];
          boosts[terms[t]] = (boosts[terms[t]] || 0) + clause.boost;
        }
      }
    }
    return vectors.map(function (boosts) {
      var sum = 0;
      Object.keys(boosts).forEach(function (t) { sum += boosts[t] * boosts[t]; });
      return { boosts: boosts, magnitude: Math.sqrt(sum) };
    });
  }

  /* Of the documents in `keep` (all without), those that can be among the TOP hits of a form,
   * with ties: lunr's score of each (its field vectors' products with the query vectors,
   * divided by their magnitudes), summed in another order, so up to a rounding error, which
   * the margin covers. lunr then scores these few exactly: its time grows with the documents
   * it is given (seconds for a common word at 20,000 procedures). With TOP hits or fewer, all
   * of them (no other document has a posting a clause reads). An array of documents. */
  Sharded.prototype.likelyTop = function (terms, keep, vectors) {
    var m = this.m, self = this, scores = new Float64Array(m.count), seen = new Uint8Array(m.count), hits = [];
    terms.forEach(function (term) {
      var ti = self.numbers[term], idf = self.idf[ti], tf = self.repeats[ti];
      self.entries[ti].forEach(function (entry) {
        var fi = entry[0], q = vectors[fi], boost = q.boosts[term], norms = self.norms[fi];
        var counts = tf && tf[fi], k1 = m.k1;
        if (!boost) return; // no clause looks for the term in this field
        for (var k = 1, ref = 0; k < entry.length; k++) {
          ref += entry[k];
          if (keep !== null && !keep[ref]) continue;
          if (!seen[ref]) hits.push(ref);
          seen[ref] = 1;
          scores[ref] += weightOf(idf, k1, (counts && counts[ref]) || 1, norms[ref]) * boost / q.magnitude;
        }
      });
    });
    if (hits.length <= TOP) return hits;
    var best = new Float64Array(hits.length);
    for (var h = 0; h < hits.length; h++) best[h] = scores[hits[h]];
    best.sort(); // ascending: the TOP-th best is TOP from the end
    var floor = best[best.length - TOP] * (1 - 1e-9);
    return hits.filter(function (ref) { return scores[ref] >= floor; });
  };

  /* The hits among the plan's next range of documents: a lunr index of their postings built
   * through lunr's public constructor, each field vector holding the query's terms only,
   * weighed as lunr.Builder weighs them. */
  Sharded.prototype.step = function (plan, end) {
    var m = this.m, k1 = m.k1, self = this, inverted = {};
    var elements = m.fields.map(function () { return {}; }); // by field, by document
    plan.terms.forEach(function (term, n) {
      var ti = self.numbers[term], idf = self.idf[ti], tf = self.repeats[ti], posting = { _index: ti };
      m.fields.forEach(function (f) { posting[f] = {}; });
      plan.lists[n].forEach(function (list) {
        var fi = list.field, refs = posting[m.fields[fi]], norms = self.norms[fi];
        var own = elements[fi], counts = tf && tf[fi];
        for (; list.at < list.refs.length && list.refs[list.at] < end; list.at++) {
          var ref = list.refs[list.at], count = (counts && counts[ref]) || 1;
          refs[ref] = NO_METADATA;
          (own[ref] || (own[ref] = [])).push(ti, weightOf(idf, k1, count, norms[ref]));
        }
      });
      inverted[term] = posting;
    });
    var vectors = {};
    elements.forEach(function (own, fi) {
      Object.keys(own).forEach(function (ref) { vectors[m.fields[fi] + "/" + ref] = new lunr.Vector(own[ref]); });
    });
    var index = new lunr.Index({
      invertedIndex: inverted, fieldVectors: vectors, tokenSet: plan.tokens, fields: m.fields, pipeline: new lunr.Pipeline()
    });
    return index.query(function (q) { build(q, plan.words, plan.required); });
  };

  /* Work in slices of about SLICE_MS, yielding to the event loop between them (messages come
   * in, the page's main thread under file:// paints); `live()` false at a yield: a newer query
   * replaced this one, and the promise gives null. */
  var SLICE_MS = 25;

  function stepper(live) {
    var since = Date.now();
    return function next(work) {
      if (Date.now() - since < SLICE_MS) return new Promise(function (resolve) { resolve(work()); });
      return new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () {
        since = Date.now();
        return live() ? work() : null;
      });
    };
  }

  /* As hitsOf, in steps: each form's plan, then its ranges of documents, in turn. A promise of
   * the hits, or of null when a newer query replaced this one. */
  Sharded.prototype.hitsStepped = function (forms, required, next) {
    var self = this, best = {};
    function form(f) {
      if (f === forms.length) return Promise.resolve(true);
      var plan = null, found = [];
      function range(r) {
        if (!plan || r === plan.ends.length) return true;
        return next(function () {
          found = found.concat(self.step(plan, plan.ends[r]));
          return true;
        }).then(function (go) { return go && range(r + 1); });
      }
      return next(function () {
        plan = self.plan(forms[f], required);
        // The store chunks of the likely hits load while lunr scores them, not after.
        if (plan && plan.top) self.needRefs(plan.top).then(null, function () {});
        return true;
      }).then(function (go) { return go && range(0); }).then(function (go) {
        found.forEach(function (hit) {
          if (!best[hit.ref] || best[hit.ref].score < hit.score) best[hit.ref] = hit;
        });
        return go;
      }, function () {
        return true; // as hitsOf: a form lunr cannot query finds nothing
      }).then(function (go) { return go && form(f + 1); });
    }
    return form(0).then(function (go) {
      if (!go) return null;
      return Object.keys(best).map(function (ref) { return best[ref]; }).sort(function (a, b) { return b.score - a.score; });
    });
  };

  /* A promise of the result items; of null when `current()` says a newer query replaced this
   * one while its parts loaded or between its steps. */
  Sharded.prototype.query = function (raw, current) {
    var self = this, forms = formsOf(raw), size = this.m.chunk;
    if (!forms[0].length) return Promise.resolve([]);
    function live() { return !current || current(); }
    var next = stepper(live);
    return this.need(this.keysOf(forms)).then(function () {
      return live() ? self.hitsStepped(forms, true, next) : null;
    }).then(function (hits) {
      if (hits === null || hits.length) return hits;
      return self.hitsStepped(forms, false, next);
    }).then(function (hits) {
      if (hits === null || !live()) return null;
      hits = hits.slice(0, TOP);
      return self.needRows(hits).then(function () {
        if (!live()) return null;
        return present(hits, function (ref) { return self.rows[Math.floor(ref / size)][ref % size]; }, forms);
      });
    });
  };

  return { fold: fold, tokens: tokens, untyped: untyped, typedForms: typedForms, expand: expand, Search: Search,
    Sharded: Sharded };
})();

/* In a dedicated worker `self` is the worker scope; under file:// Material's iframe-worker
 * shim runs this in an iframe whose `self` is its window: both receive and post messages.
 * Material sends a query per keystroke: only the latest waits, a newer one replaces it, and a
 * query that a newer one replaced while its parts loaded posts nothing. */
(function () {
  if (typeof self === "undefined" || typeof self.addEventListener !== "function") return;
  var engine = null, latest = null, running = false, parts = {};
  // The site root, from this script's own address (assets/javascripts/workers/…): a real
  // worker knows it as self.location, the file:// iframe shim as the current script tag.
  var script = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
  var root = new URL("../../../", script);
  var online = root.protocol !== "file:" && typeof fetch === "function";

  /* Online the worker fetches a part itself (parsed off the page's main thread); under file://
   * fetch is refused, so it loads the part's script twin (index/writer.py), which registers it
   * in self.__thutuc (the shim's importScripts adds a script tag and returns a promise). Each
   * part is loaded once for the page's life. */
  function load(path) {
    if (!parts[path]) {
      parts[path] = online
        ? fetch(new URL(path, root).href).then(function (r) { return r.json(); })
        : Promise.resolve(importScripts(new URL(path.replace(/\.json$/, ".js"), root).href)).then(function () {
          var data = self.__thutuc[path];
          delete self.__thutuc[path];
          return data;
        });
    }
    return parts[path];
  }

  // Online, start on the manifest at once, while the page is still fetching its own copy of
  // the small index file that names it.
  if (online) {
    fetch(new URL("search/search_index.json", root).href).then(function (r) { return r.json(); })
      .then(function (small) { load(small.config.thutuc.manifest); }, function () {});
  }

  /* A query starts in a task of its own, after the messages already waiting: a burst of
   * keystrokes becomes one search, of the last one. */
  function pump() {
    if (running || !engine || latest === null) return;
    running = true;
    setTimeout(function () {
      var query = latest;
      latest = null;
      engine.query(query, function () { return latest === null; }).then(function (items) {
        running = false;
        if (items && latest === null) self.postMessage({ type: 3, data: { items: items } });
        pump();
      }, function (error) {
        running = false;
        console.error(error);
        pump();
      });
    }, 0);
  }

  self.addEventListener("message", function (ev) {
    var message = ev.data;
    if (!message || typeof message.type !== "number") return;
    if (message.type === 0) {
      load(message.data.config.thutuc.manifest).then(function (manifest) {
        engine = new THUTUC.Sharded(manifest, load);
        self.postMessage({ type: 1 });
        pump();
      });
    } else if (message.type === 2) {
      latest = message.data;
      pump();
    }
  });
})();
