/* search-fr.js: French search terms — elisions, French stop words, a light French stemmer —
   rule for rule as src/search/french.rs specifies them (tests/search_vectors.json, "french",
   proves they agree). Uses search-engine.js's fold; the build appends this file to
   search-engine.js for a French handbook, whose manifest's `lang` makes the engine use it. */
(function (S) {
  "use strict";
  var STOP = new Set("a ai au aux avec avez c car ce ces cet cette d dans de des donc du elle elles en est et etre il ils j je l la le les leur leurs lui m ma mais me mes mon n ne ni nos notre nous on ont ou par pas pour qu que qui s sa se ses si son sont sur t ta te tes ton tu un une vos votre vous y".split(" "));
  var len = function (w) { return Array.from(w).length; };
  /* `end` of `w` replaced by `by`, if at least three chars remain; else null. */
  function swap(w, end, by) {
    if (w.slice(-end.length) !== end) return null;
    var s = w.slice(0, -end.length);
    return len(s) >= 3 ? s + by : null;
  }
  function first(w, rules) {
    for (var i = 0; i < rules.length; i++) { var s = swap(w, rules[i][0], rules[i][1]); if (s !== null) return s; }
    return null;
  }
  function stem(w) {
    if (len(w) <= 3) return w;
    var s = first(w, [["aient", ""], ["ait", ""], ["ez", ""], ["er", ""]]);
    if (s !== null) w = s;
    else {
      s = first(w, [["aux", "al"], ["s", ""], ["x", ""]]);
      if (s !== null) w = s;
      s = first(w, [["ement", ""], ["euse", "eu"], ["ive", "if"], ["ere", ""], ["ee", ""]]);
      if (s !== null) w = s;
    }
    return len(w) > 3 && /e$/.test(w) ? w.slice(0, -1) : w;
  }
  function elide(text) {
    return text.toLowerCase().replace(/[\u2019\u02bc]/g, "'").replace(/(^|[^\p{Alphabetic}\p{N}])(qu|[ldjnscmt])'/gu, "$1");
  }
  function tokens(text) {
    return S.fold(elide(text)).split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) {
      return w && len(w) <= 32 && !STOP.has(w);
    }).map(stem);
  }
  S.fr = { stem: stem, tokens: tokens, elide: elide, STOP: STOP };
})(this.HandbookSearch);
