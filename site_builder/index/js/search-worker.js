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
  var STATUS = { replaced: "Đã được thay thế", abolished: "Đã bãi bỏ" };

  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function tokens(text) {
    return fold(text).match(TOKEN) || [];
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Rebuild lunr's serialized index from the compact encoding (site_builder/index/compact.py),
   * computing each field vector with lunr's own BM25 formula (lunr.Builder.createFieldVectors). */
  function expand(c) {
    var fields = c.fields, n = c.count, k1 = c.k1, b = c.b;
    var inverted = {}, idf = new Array(c.terms.length);
    var perDoc = fields.map(function () {
      var docs = new Array(n);
      for (var i = 0; i < n; i++) docs[i] = [];
      return docs;
    });
    c.terms.forEach(function (term, ti) {
      var posting = { _index: ti }, withTerm = 0;
      fields.forEach(function (f) { posting[f] = {}; });
      c.postings[ti].forEach(function (entry) {
        var fi = entry[0], ref = 0;
        for (var k = 1; k < entry.length; k++) {
          ref += entry[k];
          posting[fields[fi]][ref] = {};
          perDoc[fi][ref].push(ti);
          withTerm++;
        }
      });
      idf[ti] = Math.log(1 + Math.abs((n - withTerm + 0.5) / (withTerm + 0.5)));
      inverted[term] = posting;
    });
    var repeats = {};
    c.tf.forEach(function (r) { repeats[r[0] + "/" + r[1] + "/" + r[2]] = r[3]; });
    var vectors = [];
    fields.forEach(function (f, fi) {
      var lengths = c.lengths[f], total = 0;
      for (var i = 0; i < n; i++) total += lengths[i];
      var average = total / n;
      for (var ref = 0; ref < n; ref++) {
        var elements = [], terms = perDoc[fi][ref];
        for (var j = 0; j < terms.length; j++) {
          var ti = terms[j], tf = repeats[fi + "/" + ref + "/" + ti] || 1;
          var score = idf[ti] * ((k1 + 1) * tf) / (k1 * (1 - b + b * (lengths[ref] / average)) + tf);
          elements.push(ti, Math.round(score * 1000) / 1000);
        }
        vectors.push([f + "/" + ref, elements]);
      }
    });
    var sorted = Object.keys(inverted).sort().map(function (t) { return [t, inverted[t]]; });
    return { version: lunr.version, fields: fields, fieldVectors: vectors, invertedIndex: sorted, pipeline: [] };
  }

  /* Clauses, from strongest to weakest: the code; two words in the typed order in the name or
   * keywords; a whole word in the name, keywords, other text; then the word as a prefix
   * (still being typed). Every word must match somewhere (required prefix clause) unless
   * that finds nothing, then any word may (fallback). */
  function build(query, words, required) {
    var P = lunr.Query.presence, W = lunr.Query.wildcard;
    words.forEach(function (w, i) {
      query.term(w, { fields: ["code"], boost: 40 });
      query.term(w, { fields: ["name"], boost: 10 });
      query.term(w, { fields: ["kw"], boost: 6 });
      query.term(w, { fields: ["other"], boost: 1 });
      if (w.length >= 2 || i < words.length - 1) {
        query.term(w, {
          fields: ["code", "name", "kw", "other"], boost: 0.5, wildcard: W.TRAILING,
          presence: required ? P.REQUIRED : P.OPTIONAL
        });
      }
      if (w.length >= 2) query.term(w, { fields: ["name"], boost: 2, wildcard: W.TRAILING });
      if (i > 0) {
        var pair = words[i - 1] + "_" + w;
        query.term(pair, { fields: ["name"], boost: 16 });
        query.term(pair, { fields: ["kw"], boost: 8 });
        if (i === words.length - 1 && w.length >= 2) {
          query.term(pair, { fields: ["name"], boost: 4, wildcard: W.TRAILING });
        }
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

  function Search(payload) {
    this.index = lunr.Index.load(expand(payload.index));
    this.store = payload.store;
  }

  Search.prototype.query = function (raw) {
    var words = tokens(raw.replace(/[*+~^:]/g, " "));
    if (!words.length) return [];
    var index = this.index, hits;
    try {
      hits = index.query(function (q) { build(q, words, true); });
      if (!hits.length) hits = index.query(function (q) { build(q, words, false); });
    } catch (e) {
      return [];
    }
    var phrase = words.join(" "), store = this.store;
    return hits.slice(0, 60).map(function (hit) {
      var doc = store[+hit.ref], score = hit.score;
      var name = tokens(doc[1]).join(" ");
      if (name.indexOf(phrase) >= 0) score *= name.indexOf(phrase) === 0 ? 2.5 : 2;
      if (!CURRENT[doc[4]]) score *= 0.25;
      return { doc: doc, score: score };
    }).sort(function (a, b) { return b.score - a.score; }).map(function (r) {
      var doc = r.doc, title = highlightWords(doc[1], words);
      var badge = STATUS[doc[4]] ? '<span class="tt-badge tt-badge--' + doc[4] + '">' + STATUS[doc[4]] + "</span> " : "";
      var text = '<p class="tt-sr-meta">' + escapeHTML(doc[2]) + "</p>" + (doc[3] ? "<p>" + escapeHTML(doc[3]) + "</p>" : "");
      return [{ location: doc[0], title: badge + title.html, text: text, score: r.score, terms: title.terms }];
    });
  };

  return { fold: fold, tokens: tokens, expand: expand, Search: Search };
})();

/* In a dedicated worker `self` is the worker scope; under file:// Material's iframe-worker
 * shim runs this in an iframe whose `self` is its window: both receive and post messages. */
(function () {
  var search = null;
  if (typeof self === "undefined" || typeof self.addEventListener !== "function") return;
  self.addEventListener("message", function (ev) {
    var message = ev.data;
    if (!message || typeof message.type !== "number") return;
    if (message.type === 0) {
      search = new THUTUC.Search(message.data.config.thutuc);
      self.postMessage({ type: 1 });
    } else if (message.type === 2 && search) {
      self.postMessage({ type: 3, data: { items: search.query(message.data) } });
    }
  });
})();
