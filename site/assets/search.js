(function (g) {
"use strict";
var FOLD = "a=àáâãäåāăą c=çćĉċč d=ďđð e=èéêëēĕėęě g=ĝğġģ h=ĥħ i=ìíîïĩīĭįı j=ĵ k=ķ l=ĺļľŀł n=ñńņňŉ o=òóôõöøōŏő r=ŕŗř s=śŝşšſ t=ţťŧ u=ùúûüũūŭůűų w=ŵ y=ýÿŷ z=źżž ae=æ oe=œ ss=ß th=þ ij=ĳ";
var STOP = "a about also am an and are as at be been being but by can cant could couldnt did didnt do does doesnt dont for from had has have he her hers him his how i if im in into is isnt it its ive just me my of on or our ours she should so than that thats the their theirs them then there these they this those to too us very was wasnt we were what when where which who whom will with wont would wouldnt you youre your yours";
var MAX_WORD = 32, LIMIT = 8, PAGE_LIMIT = 50;
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
function words(s) {
return fold(s).split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) { return w && len(w) <= MAX_WORD; });
}
function undouble(w) {
var n = w.length;
return n >= 2 && w[n - 1] === w[n - 2] && "bcdfghjkmnpqrtvwx".indexOf(w[n - 1]) >= 0 ? w.slice(0, -1) : w;
}
function stem(w) {
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
return words(s).filter(function (w) { return !stops.has(w); }).map(stem);
}
var manifest = null, shards = [], docs = [], files = {};
S.m = function (m) { manifest = m; };
S.t = function (i, s, cards) {
var lines = s ? s.split("!") : [];
shards[i] = { lines: lines, terms: lines.map(function (l) { return l.slice(0, l.indexOf(" ")); }) };
(cards || []).forEach(function (c) {
var d = docs[c[0]] || (docs[c[0]] = [c[1], c[2], c[3], [], true]);
c[4].forEach(function (sec) { d[3][sec[0]] = d[3][sec[0]] || sec.slice(1); });
});
};
S.d = function (i, a) { a.forEach(function (d, j) { docs[i * manifest.chunk + j] = d; }); };
function shown(doc, sec) {
var d = docs[doc], first = d && d[3][0], s = d && (d[3][sec] || (!d[4] && first));
var excerpt = s && (s[2] || (first && first[2]));
return typeof excerpt === "string" ? [s[0], s[1], excerpt] : null;
}
S.root = "";
S.href = S.href || function (url) { return S.root + url; };
S.load = S.load || function (name) {
return new Promise(function (ok, fail) {
var el = document.createElement("script");
el.src = S.root + "assets/search/" + name;
el.onload = ok;
el.onerror = fail;
document.head.appendChild(el);
});
};
function file(name) {
if (name === "index.js" && manifest) return Promise.resolve();
if (!files[name]) {
files[name] = S.load(name).catch(function (e) { delete files[name]; throw e; });
}
return files[name];
}
function shardOf(term) {
var lo = 0, hi = manifest.shards.length - 1;
while (lo < hi) {
var mid = (lo + hi + 1) >> 1;
if (manifest.shards[mid] <= term) lo = mid; else hi = mid - 1;
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
scan(list, word, word, function (t) { return t !== stemmed; }).forEach(function (f) {
f.weight = 0.6 * Math.min(1, word.length / f.term.length + 0.2);
found.push(f);
});
}
if (word.length < 3 && found.length && found[0].term === stemmed) found = found.filter(function (f) { return f.term === stemmed; });
if (found.length || word.length < 5) return found;
var two = word.slice(0, 2);
return loadRange(two, two + end, 8).then(function (list2) {
return scan(list2, two, two, function (t) { return near(t, stemmed) || near(t, word); })
.map(function (f) { f.weight = 0.5; return f; });
});
});
}
function alts(st) {
var out = [];
(manifest.synonyms || []).forEach(function (g) {
if (g.some(function (p) { return p.length === 1 && p[0] === st; })) {
g.forEach(function (p) { var t = p[p.length - 1]; if (t !== st && out.indexOf(t) < 0) out.push(t); });
}
});
return out;
}
function expandAll(w, open) {
var st = stem(w);
return Promise.all([expand(w, st, open)].concat(alts(st).map(function (t) {
return expand(t, t, false).then(function (fs) { fs.forEach(function (f) { f.weight *= 0.8; }); return fs; });
}))).then(function (all) { return [].concat.apply([], all); });
}
function helpFor(ws, open) {
var ts = ws.map(stem), n = ts.length, m = manifest;
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
S.search = function (q, limit) {
var all = words(q), ws = all.filter(function (w) { return !stops.has(w); });
var open = !/\s$/.test(q), only = !ws.length, help;
if (only) ws = all;
if (!ws.length) return Promise.resolve({ total: 0, results: [], terms: [] });
return file("index.js").then(function () {
help = helpFor(ws, open);
return Promise.all(ws.map(function (w, i) { return expandAll(w, only || (open && i === ws.length - 1)); }));
}).then(function (per) {
var N = manifest.docs, terms = [], touched = [], top = [], k = limit || LIMIT, nw = ws.length;
var b = buffers(N), total;
per.forEach(function (found) {
var seen = [];
found.sort(function (x, y) { return y.weight - x.weight || y.line.length - x.line.length; });
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
var need = Array.from(new Set(top.filter(function (r) { return !shown(r[0], r[2]); })
.map(function (r) { return Math.floor(r[0] / manifest.chunk); })));
return Promise.all(need.map(function (c) { return file("d" + c + ".js"); })).then(function () {
var last = ws[nw - 1];
if (open && last.length < 3 && typeof setTimeout === "function") setTimeout(function () { loadRange(last, last + "\uffff", 6).catch(function () {}); });
return {
help: help,
total: total,
terms: terms,
prefix: open ? ws[ws.length - 1] : null,
results: top.map(function (r) {
var d = docs[r[0]], sec = shown(r[0], r[2]);
return {
url: d[0] + (sec[0] ? "#" + sec[0] : ""), title: d[1], kind: manifest.kinds[d[2]],
heading: sec[1], excerpt: sec[2], score: r[1]
};
})
};
});
});
};
S.fold = fold; S.words = words; S.stem = stem; S.tokens = tokens;
if (typeof document === "undefined") return;
function el(tag, cls, text) {
var e = document.createElement(tag);
if (cls) e.className = cls;
if (text) e.textContent = text;
return e;
}
function highlight(text, found, cls) {
var p = el("span", cls), terms = new Set(found.terms), last = 0, m;
var re = /[\p{Alphabetic}\p{N}'’]+/gu;
while ((m = re.exec(text))) {
var f = fold(m[0]), hit = terms.has(stem(f)) || (found.prefix && f.startsWith(found.prefix));
if (!hit) continue;
p.append(text.slice(last, m.index), el("mark", "", m[0]));
last = m.index + m[0].length;
}
p.append(text.slice(last));
return p;
}
function named(item, t, d) {
d.id = item.id + "d";
d.setAttribute("aria-hidden", "true");
item.setAttribute("aria-describedby", d.id);
item.append(t, d);
}
function fill(item, r, found) {
var d = el("span");
d.append(el("span", "search-kind", r.kind));
if (r.heading) d.append(highlight(r.heading, found, "search-heading"));
d.append(highlight(r.excerpt, found, "search-snippet"));
named(item, highlight(r.title, found, "search-title"), d);
}
function helpItem(item, h) {
item.classList.add("search-help");
named(item, el("span", "search-title", h[1]), el("span", "search-snippet", hbT("help_snippet")));
}
function plural(n) { return hbT("results", n); }
function combobox(input) {
var form = input.form || input.parentNode, active = -1, seq = 0, opts = [], timer;
var list = el("div", "search-results"), status = el("p", "search-status visually-hidden");
list.id = input.id + "-listbox";
list.setAttribute("role", "listbox");
list.setAttribute("aria-label", hbT("search_results"));
list.hidden = true;
status.setAttribute("role", "status");
form.append(list, status);
input.setAttribute("role", "combobox");
input.setAttribute("aria-autocomplete", "list");
input.setAttribute("aria-expanded", "false");
input.setAttribute("aria-controls", list.id);
function show(open) {
list.hidden = !open;
input.setAttribute("aria-expanded", String(open));
if (!open) move(-1);
}
function move(i) {
if (opts[active]) opts[active].setAttribute("aria-selected", "false");
active = i;
if (opts[i]) {
opts[i].setAttribute("aria-selected", "true");
opts[i].scrollIntoView({ block: "nearest" });
input.setAttribute("aria-activedescendant", opts[i].id);
} else input.removeAttribute("aria-activedescendant");
}
function go(i) { if (opts[i]) opts[i].click(); }
function say(t) {
clearTimeout(timer);
timer = setTimeout(function () { status.textContent = t; }, 700);
}
function run(e) {
var my = ++seq, t0 = e && e.timeStamp ? e.timeStamp : performance.now(), q = input.value;
if (!q.trim()) { show(false); say(""); S.lastTiming = { q: q, ms: 0 }; return; }
S.search(q, LIMIT).then(function (found) {
if (my !== seq) return;
list.textContent = "";
var rs = found.help ? [{ help: found.help, url: found.help[0] }].concat(found.results) : found.results;
opts = rs.map(function (r, i) {
var li = el("a", "search-option");
li.id = list.id + "-" + i;
li.href = S.href(r.url);
li.tabIndex = -1;
li.setAttribute("role", "option");
li.setAttribute("aria-selected", "false");
if (r.help) helpItem(li, r.help); else fill(li, r, found);
li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
return li;
});
list.append.apply(list, opts);
active = -1;
show(opts.length > 0);
say(found.total ? (found.help ? hbT("help_and") : "") + plural(found.total) + (found.total > found.results.length ? hbT("shown", found.results.length) : "") : found.help ? hbT("get_help") : hbT("no_results"));
S.lastTiming = { q: q, ms: performance.now() - t0 };
}, function () { say(hbT("unavailable")); });
}
input.addEventListener("input", run);
input.addEventListener("focus", function () { file("index.js").catch(function () {}); });
input.addEventListener("keydown", function (e) {
var n = opts.length;
if (e.key === "ArrowDown" || e.key === "ArrowUp") {
e.preventDefault();
if (list.hidden && n) { show(true); }
move(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
} else if (e.key === "Enter" && active >= 0) {
e.preventDefault();
go(active);
} else if (e.key === "Escape") {
e.preventDefault();
if (!list.hidden) show(false);
}
});
form.addEventListener("focusout", function (e) {
if (!form.contains(e.relatedTarget)) show(false);
});
return run;
}
S.ui = { el: el, fill: fill, helpItem: helpItem, plural: plural, manifest: function () { return manifest; }, range: loadRange, LIMIT: LIMIT, PAGE_LIMIT: PAGE_LIMIT };
function start() {
S.root = document.body.dataset.root || "";
var input = document.getElementById("site-search-input");
if (input) combobox(input);
var box = document.querySelector("[data-search-results]");
if (input || box) (g.requestIdleCallback || setTimeout)(function () { file("index.js").catch(function () {}); });
document.addEventListener("keydown", function (e) {
var t = e.target, typing = /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable;
if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && input) {
e.preventDefault();
input.focus();
}
});
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})(typeof window !== "undefined" ? window : globalThis);
