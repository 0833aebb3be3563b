(function (g) {
"use strict";
var FOLD = "a=àáâãäåāăą c=çćĉċč d=ďđð e=èéêëēĕėęě g=ĝğġģ h=ĥħ i=ìíîïĩīĭįı j=ĵ k=ķ l=ĺļľŀł n=ñńņňŉ o=òóôõöøōŏő r=ŕŗř s=śŝşšſ t=ţťŧ u=ùúûüũūŭůűų w=ŵ y=ýÿŷ z=źżž ae=æ oe=œ ss=ß th=þ ij=ĳ";
var STOP = "a about also am an and are as at be been being but by can cant could couldnt did didnt do does doesnt dont for from had has have he her hers him his how i if im in into is isnt it its ive just me much my of on or our ours really she should so than that thats the their theirs them then there these they this those to too us very was wasnt we were what when where which who whom will with wont would wouldnt you youre your yours";
var MAX_WORD = 32, LIMIT = 8;
var S = g.HandbookSearch = g.HandbookSearch || {};
var folds = {}, stops = new Set(STOP.split(" "));
FOLD.split(" ").forEach(function (grp) {
var p = grp.split("=");
for (var c of p[1]) folds[c] = p[0];
});
function fold(s) {
return s.toLowerCase().replace(/[^\0-\x7f]|'/gu, function (c) {
return folds[c] || (/^[\u0300-\u036f\u2019\u02bc']$/.test(c) ? "" : c);
});
}
function len(w) { return Array.from(w).length; }
var FOLD_ONLY = { stem: function (w) { return w; }, STOP: new Set() };
function rules() {
var l = S.manifest && S.manifest.lang;
return !l ? null : l === "fr" && S.fr ? S.fr : FOLD_ONLY;
}
function isStop(w) { var r = rules(); return (r ? r.STOP : stops).has(w); }
function foldIn(s) {
var r = rules();
return fold(r && r.elide ? r.elide(s) : s);
}
function words(s) {
return foldIn(s).split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) { return w && len(w) <= MAX_WORD; });
}
function undouble(w) {
var n = w.length;
return n >= 2 && w[n - 1] === w[n - 2] && "bcdfghjkmnpqrtvwx".indexOf(w[n - 1]) >= 0 ? w.slice(0, -1) : w;
}
function stem(w) {
var r = rules();
if (r) return r.stem(w);
if (len(w) <= 3) return w;
var s;
if (/sses$/.test(w)) w = w.slice(0, -2);
else if (/ies$/.test(w) && len(w) > 4) w = w.slice(0, -3) + "y";
else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
if (/ied$/.test(w) && len(w) > 4) w = w.slice(0, -3) + "y";
else if (/ing$/.test(w) && len(s = w.slice(0, -3)) >= 3 && /[aeiouy]/.test(s)) w = undouble(s);
else if (/ed$/.test(w) && len(s = w.slice(0, -2)) >= 3 && /[aeiouy]/.test(s)) w = undouble(s);
if (/e$/.test(w) && len(w) > 3) w = w.slice(0, -1);
if (/iz$/.test(w)) w = w.slice(0, -2) + "is";
return w;
}
function tokens(s) {
return words(s).filter(function (w) { return !isStop(w); }).map(stem);
}
var shards = [], docs = [], file = function (name) { return S.file(name); };
S.t = function (i, s, cards) {
var lines = s ? s.split("!") : [];
shards[i] = { lines: lines, terms: lines.map(function (l) { return l.slice(0, l.indexOf(" ")); }) };
(cards || []).forEach(function (c) {
var d = docs[c[0]] || (docs[c[0]] = [c[1], c[2], c[3], [], true]);
c[4].forEach(function (sec) { d[3][sec[0]] = d[3][sec[0]] || sec.slice(1); });
});
};
var spelled = [];
S.w = function (i, s) { spelled[i] = s.split("!"); };
S.d = function (i, a) { a.forEach(function (d, j) { docs[i * S.manifest.chunk + j] = d; }); };
function shown(doc, sec) {
var d = docs[doc], first = d && d[3][0], s = d && (d[3][sec] || (!d[4] && first));
var excerpt = s && (s[2] || (first && first[2]));
return typeof excerpt === "string" ? [s[0], s[1], excerpt] : null;
}
function shardOf(term) {
var lo = 0, hi = S.manifest.shards.length - 1;
while (lo < hi) {
var mid = (lo + hi + 1) >> 1;
if (S.manifest.shards[mid] <= term) lo = mid; else hi = mid - 1;
}
return lo;
}
function loadRange(from, to, cap) {
var a = shardOf(from), b = Math.min(shardOf(to), a + cap - 1), all = [];
for (var i = a; i <= b; i++) all.push(file("t" + i + ".js"));
return Promise.all(all).then(function () {
var out = [];
for (var i = a; i <= b; i++) out.push(shards[i]);
return out;
});
}
function lowerBound(arr, x) {
var lo = 0, hi = arr.length;
while (lo < hi) { var mid = (lo + hi) >> 1; if (arr[mid] < x) lo = mid + 1; else hi = mid; }
return lo;
}
function scan(list, from, prefix, keep) {
var out = [];
list.forEach(function (sh) {
for (var k = lowerBound(sh.terms, from); k < sh.terms.length && sh.terms[k].startsWith(prefix); k++) {
if (keep(sh.terms[k])) out.push({ term: sh.terms[k], line: sh.lines[k] });
}
});
return out;
}
var scratch = null;
function buffers(n) {
if (!scratch || scratch.n !== n) {
scratch = { n: n, word: new Float64Array(n), wsec: new Uint32Array(n), score: new Float64Array(n),
count: new Uint8Array(n), best: new Float64Array(n), sec: new Uint32Array(n) };
}
return scratch;
}
function add(line, weight, N, word, wsec, seen) {
var i = line.indexOf(" ") + 1, n = line.length, df = 0, acc = 0, c, d, s;
for (var j = i; j < n; j++) if (line.charCodeAt(j) < 80) df++; /* digits 0..44 end a number */
df /= 2;
var scale = weight * Math.log(1 + (N - df + 0.5) / (df + 0.5)), doc = -1, gap = -1;
for (; i < n; i++) {
c = line.charCodeAt(i);
d = c - 35 - (c > 92 ? 1 : 0);
if (d >= 45) { acc = acc * 45 + d - 45; continue; }
acc = acc * 45 + d;
if (gap < 0) { gap = acc; acc = 0; continue; }
doc += gap + 1;
s = scale * (acc % 15 + 1);
if (s > word[doc]) {
if (word[doc] === 0) seen.push(doc);
word[doc] = s;
wsec[doc] = Math.floor(acc / 15);
}
gap = -1;
acc = 0;
}
}
function near(a, b) { /* Damerau-Levenshtein distance at most 1 */
if (a === b) return true;
var m = a.length, n = b.length, i = 0;
if (Math.abs(m - n) > 1) return false;
while (i < m && i < n && a[i] === b[i]) i++;
if (m === n) {
return a.slice(i + 1) === b.slice(i + 1) ||
(a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
}
return m > n ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
function expand(word, stemmed, prefix) {
var end = "\uffff", pre = prefix && word.length >= 2, tries = pre ? [stemmed, word].sort() : [stemmed];
return loadRange(tries[0], pre ? tries[1] + end : stemmed, 6).then(function (list) {
var found = scan(list, stemmed, stemmed, function (t) { return t === stemmed; });
found.forEach(function (f) { f.weight = 1; });
if (pre) {
var more = scan(list, word, word, function (t) { return t !== stemmed; });
var most = Math.max.apply(null, more.map(function (f) { return f.line.length; }).concat(1));
more.forEach(function (f) {
f.weight = 0.6 * (word.length < 3 ? f.line.length / most : Math.min(1, word.length / f.term.length + 0.2));
f.pre = true;
found.push(f);
});
}
if (word.length < 3 && found.length && found[0].term === stemmed) found = found.filter(function (f) { return f.term === stemmed; });
if (found.length || word.length < 5) return found;
var two = word.slice(0, 2);
return loadRange(two, two + end, 8).then(function (list2) {
return scan(list2, two, two, function (t) { return near(t, stemmed) || near(t, word); })
.map(function (f) { f.weight = 0.5; f.typo = true; return f; });
});
});
}
function alts(st) {
var out = [];
(S.manifest.synonyms || []).forEach(function (g) {
if (g.some(function (p) { return p.length === 1 && p[0] === st; })) {
g.forEach(function (p) { var t = p[p.length - 1]; if (t !== st && out.indexOf(t) < 0) out.push(t); });
}
});
return out;
}
function expandAll(w, open) {
var st = stem(w);
return Promise.all([expand(w, st, open)].concat(alts(st).map(function (t) {
return expand(t, t, false).then(function (fs) { fs.forEach(function (f) { f.weight *= 0.8; f.alt = true; }); return fs; });
}))).then(function (all) { return [].concat.apply([], all); });
}
function helpFor(ws, open) {
var ts = ws.map(stem), n = ts.length, m = S.manifest;
var hit = m.help && m.help_terms.some(function (p) {
for (var i = 0; i + p.length <= n; i++) {
if (p.every(function (t, j) {
var k = i + j;
return ts[k] === t || (open && k === n - 1 && ws[k].length >= 4 && t.startsWith(ws[k]));
})) return true;
}
return false;
});
return hit ? m.help : null;
}
function snippet(doc, at, found) {
var hit = function (t) { return marks(t, found).length > 1; };
for (var i = 0; i < at.length; i++) {
var s = shown(doc, at[i]);
if (hit(s[1]) || hit(s[2])) return s;
}
return shown(doc, at[0]);
}
function fixes(ws, per) {
var any = false, out = ws.map(function (w, i) {
var own = per[i].filter(function (f) { return !f.alt; });
if (!own.length || !own.every(function (f) { return f.typo; })) return w;
any = true;
return own.reduce(function (a, f) { return f.line.length > a.line.length ? f : a; }).term;
});
return any ? out.join(" ") : null;
}
S.find = function (q, limit) {
var all = words(q), ws = all.filter(function (w) { return !isStop(w); });
var open = !/\s$/.test(q), only = !ws.length, help;
if (only) ws = all;
if (!ws.length) return Promise.resolve({ total: 0, results: [], terms: [] });
return file("index.js").then(function () {
help = helpFor(all, open);
return Promise.all(ws.map(function (w, i) { return expandAll(w, only || (open && i === ws.length - 1)); }));
}).then(function (per) {
var N = S.manifest.docs, terms = [], touched = [], top = [], k = (limit || LIMIT) + (help ? 1 : 0), nw = ws.length;
var b = buffers(N), total, secs = {};
per.forEach(function (found) {
var seen = [];
found.sort(function (x, y) {
return (x.pre ? 1 : 0) - (y.pre ? 1 : 0) || (x.pre ? 0 : y.weight - x.weight) || y.line.length - x.line.length;
});
found.slice(0, 40).forEach(function (f) {
terms.push(f.term);
add(f.line, f.weight, N, b.word, b.wsec, seen);
});
for (var i = 0; i < seen.length; i++) {
var doc = seen[i], w = b.word[doc];
if (!b.count[doc]) touched.push(doc);
b.score[doc] += w;
b.count[doc]++;
if (w > b.best[doc]) { b.best[doc] = w; b.sec[doc] = b.wsec[doc]; }
(secs[doc] || (secs[doc] = [])).push(b.wsec[doc]);
b.word[doc] = 0;
}
});
var share = ws.map(function (w, i) { return Math.pow((i + 1) / nw, 2); });
touched.forEach(function (doc) {
var s = b.score[doc] * share[b.count[doc] - 1], i = top.length;
while (i > 0 && (top[i - 1][1] < s || (top[i - 1][1] === s && top[i - 1][0] > doc))) i--;
if (i < k) { top.splice(i, 0, [doc, s, b.sec[doc]]); if (top.length > k) top.pop(); }
});
touched.forEach(function (doc) { b.score[doc] = 0; b.count[doc] = 0; b.best[doc] = 0; });
total = touched.length;
var need = Array.from(new Set(top.filter(function (r) {
return secs[r[0]].some(function (sec) { return !shown(r[0], sec); });
})
.map(function (r) { return Math.floor(r[0] / S.manifest.chunk); })));
return Promise.all(need.map(function (c) { return file("d" + c + ".js"); })).then(function () {
var last = ws[nw - 1];
if (open && last.length < 3 && typeof setTimeout === "function") setTimeout(function () { loadRange(last, last + "\uffff", 6).catch(function () {}); });
var found = { help: help, total: total, terms: terms, prefix: open ? ws[ws.length - 1] : null }, fix = fixes(ws, per);
if (help) {
var listed = top.filter(function (r) { return docs[r[0]][0] !== help[0]; });
found.total -= top.length - listed.length;
top = listed.slice(0, k - 1);
}
found.results = top.map(function (r) {
var d = docs[r[0]], sec = snippet(r[0], [r[2]].concat(secs[r[0]]), found);
return {
url: d[0] + (sec[0] ? "#" + sec[0] : ""), title: d[1], kind: S.manifest.kinds[d[2]],
heading: sec[1], excerpt: sec[2], score: r[1]
};
});
return shownAs(fix, found).then(function (shown) { found.fixed = shown; return found; });
});
});
};
function marks(text, found) {
var terms = new Set(found.terms), out = [], last = 0, m, re = /[\p{Alphabetic}\p{N}'’]+/gu;
while ((m = re.exec(text))) {
var f = foldIn(m[0]);
if (!(terms.has(stem(f)) || (found.prefix && f.startsWith(found.prefix)))) continue;
out.push(text.slice(last, m.index), m[0]);
last = m.index + m[0].length;
}
out.push(text.slice(last));
return out;
}
function distance(a, b, cap) {
if (Math.abs(a.length - b.length) > cap) return cap + 1;
var d = [];
for (var i = 0; i <= a.length; i++) {
d[i] = [i];
for (var j = 1; j <= b.length; j++) {
d[i][j] = i ? Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)) : j;
if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
}
}
return d[a.length][b.length];
}
function meant(q) {
var ws = words(q), changed = false;
return Promise.all(ws.map(function (w) {
var st = stem(w), cap = w.length < 5 ? 1 : 2;
if (w.length < 3 || isStop(w)) return w;
return loadRange(w[0], w[0] + "\uffff", 8).then(function (list) {
var best = null, bd = cap + 1, bn = 0;
list.forEach(function (sh) {
sh.lines.forEach(function (line, k) {
var t = sh.terms[k];
if (t === st) { best = t; bd = -1; return; }
if (bd < 0 || t[0] !== w[0]) return;
var dd = Math.min(distance(t, st, cap), distance(t, w, cap));
if (dd <= cap && (dd < bd || (dd === bd && line.length > bn))) { best = t; bd = dd; bn = line.length; }
});
});
if (bd > 0 && best) changed = true;
return bd > 0 && best ? best : w;
});
})).then(function (fixed) { return changed ? fixed.join(" ") : null; });
}
function shownAs(fix, found) {
if (!fix) return Promise.resolve(null);
var text = found.results.map(function (r) { return r.title + " " + r.heading + " " + r.excerpt; }).join(" ");
var seen = text.match(/[\p{Alphabetic}\p{N}'’]+/gu) || [];
return Promise.all(fix.split(" ").map(function (t) {
var w = seen.filter(function (w) { return stem(foldIn(w)) === t; })[0];
if (w) return w.toLowerCase();
var i = shardOf(t);
return file("w" + i + ".js").then(function () {
var sh = shards[i], k = lowerBound(sh.terms, t);
return (sh.terms[k] === t && spelled[i] && spelled[i][k]) || t;
}, function () { return t; });
})).then(function (ws) { return ws.join(" "); });
}
S.fixed = function (q, limit) {
return meant(q).then(function (fix) {
return fix && S.find(fix, limit).then(function (again) {
if (!again.total) return null;
again.meant = true;
return shownAs(fix, again).then(function (shown) { again.fixed = shown; return again; });
});
});
};
S.fold = fold; S.words = words; S.stem = stem; S.tokens = tokens; S.marks = marks;
})(typeof window !== "undefined" ? window : globalThis);
