(function (S) {
"use strict";
var el = S.ui.el, fill = S.ui.fill, helpItem = S.ui.helpItem, plural = S.ui.plural, LIMIT = S.ui.LIMIT, PAGE_LIMIT = S.ui.PAGE_LIMIT;
function page(box) {
var form = el("form", "search-page-form"), label = el("label", "", hbT("search_handbook"));
var input = el("input"), status = el("p", "search-page-status"), out = el("ol", "search-page-results");
var seq = 0, timer;
function say(t) {
clearTimeout(timer);
timer = setTimeout(function () { status.textContent = t; }, 700);
}
form.setAttribute("role", "search");
form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
input.id = label.htmlFor = "search-page-input";
input.type = "search";
input.name = "q";
input.autocomplete = "off";
status.setAttribute("role", "status");
form.append(label, " ", input);
var fixed = el("p", "search-fix");
fixed.hidden = true;
box.append(form, status, fixed, out);
function run() {
var q = input.value, my = ++seq;
if (!q.trim()) { out.textContent = ""; say(""); return; }
var whole = false;
S.search(q, LIMIT).then(function (found) { if (my === seq && !whole) show(found); });
S.search(q, PAGE_LIMIT).then(function (found) {
if (my !== seq) return;
whole = true;
show(found);
if (found.total || found.help) return say(count(found));
return meant(q).then(function (fix) {
return fix && S.search(fix, PAGE_LIMIT).then(function (again) {
if (my !== seq || !again.total) return;
fix = shownAs(fix, again);
show(again);
say(hbT("showing_for", 0, { q: q }) + "“" + fix + "”: " + count(again));
fixed.textContent = hbT("showing_for", 0, { q: q });
fixed.append(el("strong", "", fix), ".");
fixed.hidden = false;
return true;
});
}).catch(function () {}).then(function (done) {
if (my !== seq || done) return;
say(hbT("no_results_for", 0, { q: q }));
out.append(none());
});
});
}
function count(found) {
return plural(found.total) + (found.total > found.results.length ? hbT("best_shown", found.results.length) : "");
}
function none() {
var li = el("li", "search-none"), m = S.ui.manifest() || {}, links = [];
if (m.help) links.push(m.help);
li.append(el("p", "", hbT("try_other")));
(m.sections || []).concat(m.topics || []).forEach(function (l) { links.push([l[1], l[0]]); });
links.forEach(function (l) { var a = el("a", "", l[1]); a.href = S.href(l[0]); li.append(a, " "); });
return li;
}
function show(found) {
out.textContent = "";
fixed.hidden = true;
if (found.help) {
var h = el("li", "search-result"), ha = el("a");
ha.id = "search-result-help";
ha.href = S.href(found.help[0]);
helpItem(ha, found.help);
h.append(ha);
out.append(h);
}
found.results.forEach(function (r, i) {
var li = el("li", "search-result"), a = el("a");
a.id = "search-result-" + i;
a.href = S.href(r.url);
fill(a, r, found);
li.append(a);
out.append(li);
});
}
input.addEventListener("input", run);
input.value = new URLSearchParams(location.search).get("q") || "";
if (location.search) try { history.replaceState(null, "", location.pathname + location.hash); } catch (e) { /* file:// */ }
var header = document.querySelector(".site-search");
if (header && box.offsetParent) header.style.display = "none";
if (input.value) run();
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
var ws = S.words(q), changed = false;
return Promise.all(ws.map(function (w) {
var st = S.stem(w), cap = w.length < 5 ? 1 : 2;
if (w.length < 3 || !S.tokens(w).length) return w;
return S.ui.range(w[0], w[0] + "\uffff", 8).then(function (list) {
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
var text = found.results.map(function (r) { return r.title + " " + r.heading + " " + r.excerpt; }).join(" ");
return fix.split(" ").map(function (t) {
var seen = (text.match(/[\p{Alphabetic}\p{N}'’]+/gu) || []).filter(function (w) { return S.stem(S.fold(w)) === t; });
return seen.length ? seen[0].toLowerCase() : t;
}).join(" ");
}
var box = document.querySelector("[data-search-results]");
if (box) page(box);
})(window.HandbookSearch);
