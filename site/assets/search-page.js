(function (S) {
"use strict";
var el = S.ui.el, fill = S.ui.fill, helpItem = S.ui.helpItem, plural = S.ui.plural, LIMIT = S.ui.LIMIT, PAGE_LIMIT = S.ui.PAGE_LIMIT;
function page(box) {
var form = box.querySelector("form"), input = form.querySelector("input"), status = box.querySelector("[role=status]");
var fixed = box.querySelector(".search-fix"), out = box.querySelector("ol");
var seq = 0, timer;
function say(t) {
clearTimeout(timer);
timer = setTimeout(function () { status.textContent = t; }, 700);
}
form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
function run() {
var q = input.value, my = ++seq;
if (!q.trim()) { out.textContent = ""; say(""); return; }
var whole = false;
S.search(q, LIMIT).then(function (found) { if (my === seq && !whole) show(found); });
S.search(q, PAGE_LIMIT).then(function (found) {
if (my !== seq) return;
whole = true;
show(found);
if (found.total || found.help) return say((found.fixed ? note(found) + hbT("quoted", 0, { q: found.fixed }) : "") + count(found));
return S.retry(q, PAGE_LIMIT).catch(function () { return null; }).then(function (again) {
if (my !== seq) return;
if (!again) { say(hbT("no_results_for", 0, { q: q })); return out.append(none()); }
show(again);
say(note(again) + hbT("quoted", 0, { q: again.fixed }) + count(again));
});
});
}
function count(found) {
return plural(found.total) + (found.total > found.results.length ? hbT("best_shown", found.results.length) : "");
}
function none() {
var li = el("li", "search-none"), m = S.manifest || {}, links = [];
if (m.help) links.push(m.help);
li.append(el("p", "", hbT("try_other")));
(m.sections || []).concat(m.topics || []).forEach(function (l) { links.push([l[1], l[0]]); });
links.forEach(function (l) { var a = el("a", "", l[1]); a.href = S.href(l[0]); li.append(a, " "); });
return li;
}
function note(found) {
return (found.meant ? hbT("no_results_for", 0, { q: input.value }) + ". " : "") + hbT("showing");
}
function show(found) {
out.textContent = "";
fixed.hidden = !found.fixed;
if (found.fixed) {
fixed.textContent = note(found);
fixed.append(el("strong", "", found.fixed), ".");
}
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
var box = document.querySelector("[data-search-results]");
if (box && box.querySelector("form")) page(box);
})(window.HandbookSearch);
