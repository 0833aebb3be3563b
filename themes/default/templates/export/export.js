/* export.js: the single-file copy. Each page is a <section> whose id is its address
   (#articles/first-message); one is shown at a time, chosen by the address after # so links,
   the back button and bookmarks move between them. Runs before search.js and handbook.js. */
(function () {
  "use strict";
  var doc = document, home = "index", current = null, title = doc.title;
  var S = window.HandbookSearch = window.HandbookSearch || {};
  /* Every index script is in the file already: nothing is ever loaded. */
  S.load = function () { return Promise.resolve(); };
  /* A result's site URL (articles/x.html#heading) as an in-file address. */
  S.href = function (url) {
    var at = url.indexOf("#"), path = at < 0 ? url : url.slice(0, at);
    return "#" + path.replace(/\.html$/, "") + (at < 0 ? "" : ":" + url.slice(at + 1));
  };
  function show(moved) {
    var id = decodeURIComponent(location.hash.slice(1)) || home;
    var target = doc.getElementById(id);
    var page = target && target.closest(".export-page");
    if (!page) { page = doc.getElementById(home); target = page; }
    if (!page) return;
    if (page !== current) {
      if (current) current.classList.remove("export-current");
      page.classList.add("export-current");
      current = page;
      doc.title = page.id === home ? title : page.getAttribute("data-title") + " · " + title;
    }
    if (target && target !== page) { target.scrollIntoView(); return; }
    /* The browser scrolls to the section itself after this runs (and on first load after the
       whole file is read), which would hide the header under the sticky safety bar: like a new
       page, a section starts at the top. */
    window.scrollTo(0, 0);
    requestAnimationFrame(function () { window.scrollTo(0, 0); });
    /* Like a new page: a screen reader starts at the page's heading. */
    var h = page.querySelector("h1");
    if (moved && h) { h.setAttribute("tabindex", "-1"); h.focus({ preventScroll: true }); }
  }
  doc.documentElement.classList.add("export-js");
  show(false);
  window.addEventListener("load", function () { if (!location.hash || doc.getElementById(decodeURIComponent(location.hash.slice(1))) === current) window.scrollTo(0, 0); });
  window.addEventListener("hashchange", function () { show(true); });
  /* The header's search: Enter shows the search page with the words typed. */
  var form = doc.querySelector("[data-export-search]");
  if (form) form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = doc.getElementById("site-search-input").value;
    location.hash = "search";
    var input = doc.getElementById("search-page-input");
    if (input) { input.value = q; input.dispatchEvent(new Event("input")); }
  });
})();
