/* search-page.js: the search page's own box and result list, loaded by search.html only, so
   other pages do not carry it. Uses the engine and helpers of search.js (HandbookSearch.ui). */
(function (S) {
  "use strict";
  var el = S.ui.el, fill = S.ui.fill, helpItem = S.ui.helpItem, plural = S.ui.plural, LIMIT = S.ui.LIMIT, PAGE_LIMIT = S.ui.PAGE_LIMIT;
  /* The search page: a form, a status and a result list in [data-search-results]. (The list of
     every page is in <noscript>, for readers without JavaScript.) */
  function page(box) {
    var form = el("form", "search-page-form"), label = el("label", "", "Search the handbook");
    var input = el("input"), status = el("p", "search-page-status"), out = el("ol", "search-page-results");
    var seq = 0;
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.id = label.htmlFor = "search-page-input";
    input.type = "search";
    input.name = "q";
    input.autocomplete = "off";
    status.setAttribute("role", "status");
    form.append(label, " ", input);
    box.append(form, status, out);
    function run() {
      var q = input.value, my = ++seq;
      if (!q.trim()) { out.textContent = ""; status.textContent = ""; return; }
      /* The best few come from the term shards' cards at once; the rest once their pages load.
         Only the whole list is announced. */
      var whole = false;
      S.search(q, LIMIT).then(function (found) { if (my === seq && !whole) show(found); });
      S.search(q, PAGE_LIMIT).then(function (found) {
        if (my !== seq) return;
        whole = true;
        show(found);
        status.textContent = found.total ? plural(found.total) + (found.total > found.results.length ? ", the best " + found.results.length + " shown" : "") : "No results for “" + q + "”";
        if (!found.total && !found.help) out.append(none());
      });
    }
    /* Never a dead end: help, sections and topics when nothing matched. */
    function none() {
      var li = el("li", "search-none"), m = S.ui.manifest() || {}, links = [];
      if (m.help) links.push(m.help);
      li.append(el("p", "", "Try fewer or other words, or look here:"));
      (m.sections || []).concat(m.topics || []).forEach(function (l) { links.push([l[1], l[0]]); });
      links.forEach(function (l) { var a = el("a", "", l[1]); a.href = S.href(l[0]); li.append(a, " "); });
      return li;
    }
    function show(found) {
      out.textContent = "";
      if (found.help) {
        var h = el("li", "search-result"), ha = el("a");
        ha.href = S.href(found.help[0]);
        helpItem(ha, found.help);
        h.append(ha);
        out.append(h);
      }
      found.results.forEach(function (r) {
        var li = el("li", "search-result"), a = el("a");
        a.href = S.href(r.url);
        fill(a, r, found);
        li.append(a);
        out.append(li);
      });
    }
    input.addEventListener("input", run);
    /* An incoming ?q= fills the box, then leaves the address, so the query stays out of history. */
    input.value = new URLSearchParams(location.search).get("q") || "";
    if (location.search) try { history.replaceState(null, "", location.pathname + location.hash); } catch (e) { /* file:// */ }
    /* One search box on this page: the header's gives way to this one (unless the page is a hidden
       section of the single-file copy). */
    var header = document.querySelector(".site-search");
    if (header && box.offsetParent) header.style.display = "none";
    if (input.value) run();
  }

  var box = document.querySelector("[data-search-results]");
  if (box) page(box);
})(window.HandbookSearch);
