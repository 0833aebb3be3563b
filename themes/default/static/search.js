/* search.js: the header's search box and its dropdown, on every page. The engine
   (search-engine.js) and the index (assets/search/, see src/search/shard.rs) load by <script>
   on the reader's first search, so a page that is only read carries neither. */
(function (g) {
  "use strict";
  var LIMIT = 8, PAGE_LIMIT = 50, ENGINE = "../search-engine.js";
  var S = g.HandbookSearch = g.HandbookSearch || {}, files = {};
  /* Pages load the manifest (index.js) with a script tag of their own, beside this script. */
  S.m = function (m) { S.manifest = m; };
  S.root = "";
  /* A result's link; the single-file copy gives its own, to its in-file addresses. */
  S.href = S.href || function (url) { return S.root + url; };
  /* Loads assets/search/`name` once; the single-file copy holds every script already. */
  S.load = S.load || function (name) {
    return new Promise(function (ok, fail) {
      var el = document.createElement("script");
      el.src = S.root + "assets/search/" + name;
      el.onload = ok;
      el.onerror = fail;
      document.head.appendChild(el);
    });
  };
  S.file = function (name) {
    if ((name === "index.js" && S.manifest) || (name === ENGINE && S.find)) return Promise.resolve();
    if (!files[name]) {
      files[name] = S.load(name).catch(function (e) { delete files[name]; throw e; });
    }
    return files[name];
  };
  function engine() { return S.file(ENGINE).then(function () { return S.file("index.js"); }); }
  /* The ranked pages for `q` (see S.find in search-engine.js), the engine loaded first. */
  S.search = function (q, limit) { return engine().then(function () { return S.find(q, limit); }); };
  /* The results of `q`'s did-you-mean, or null (S.fixed). */
  S.retry = function (q, limit) { return engine().then(function () { return S.fixed(q, limit); }); };

  if (typeof document === "undefined") return;

  /* ---- the reader's side: header combobox, search page, `/` to focus ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  /* `text` with the words that matched the query in <mark>, as text nodes, never markup. */
  function highlight(text, found, cls) {
    var p = el("span", cls);
    S.marks(text, found).forEach(function (t, i) { p.append(i % 2 ? el("mark", "", t) : t); });
    return p;
  }
  /* The title names a result (the rest is hidden from the name); kind, section and snippet
     describe it, so a screen reader says the title, then the rest after a pause. */
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
  /* The "Get help now" result shown first when the query holds a help term. */
  function helpItem(item, h) {
    item.classList.add("search-help");
    named(item, el("span", "search-title", h[1]), el("span", "search-snippet", hbT("help_snippet")));
  }
  function plural(n) { return hbT("results", n); }

  function combobox(input) {
    var form = input.form || input.parentNode, active = -1, seq = 0, opts = [], timer, later;
    var drop = el("div", "search-drop"), fixed = el("p", "search-note"), list = el("div", "search-results");
    var status = el("p", "search-status visually-hidden");
    list.id = input.id + "-listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", hbT("search_results"));
    drop.hidden = true;
    status.setAttribute("role", "status");
    drop.append(fixed, list);
    form.append(drop, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    function show(open) {
      drop.hidden = !open;
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
    /* The status is spoken once typing pauses, not for every prefix on the way to a word. */
    function say(t) {
      clearTimeout(timer);
      timer = setTimeout(function () { status.textContent = t; }, 700);
    }
    function run(e) {
      var my = ++seq, t0 = e && e.timeStamp ? e.timeStamp : performance.now(), q = input.value;
      if (!q.trim()) { show(false); say(""); S.lastTiming = { q: q, ms: 0 }; return; }
      clearTimeout(later);
      S.search(q, LIMIT).then(function (found) {
        if (my !== seq) return;
        /* Nothing: once typing pauses, the index's nearest words (search-engine.js S.fixed). */
        if (!found.total && !found.help) later = setTimeout(function () {
          S.retry(q, LIMIT).then(function (again) { if (my === seq) again ? shown(again) : nothing(); }, function () {});
        }, 700);
        shown(found);
      }, function () { say(hbT("unavailable")); });
      /* Still nothing: the drop-down says so and offers Get help now, never a blank. */
      function nothing() {
        if (!S.manifest.help) return;
        shown({ help: S.manifest.help, results: [], total: 0, terms: [] });
        fixed.textContent = hbT("no_results_for", 0, { q: q });
        fixed.hidden = false;
        say(fixed.textContent);
      }
      function shown(found) {
        list.textContent = "";
        var rs = found.help ? [{ help: found.help, url: found.help[0] }].concat(found.results) : found.results;
        opts = rs.map(function (r, i) {
          /* A real link, so it opens in a new tab too; not a tab stop (the box keeps focus). */
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
        /* Say which words were searched when a typo was read, or nothing matched but near words. */
        var fix = found.fixed ? (found.meant ? hbT("no_results_for", 0, { q: q }) + ". " : "") + hbT("showing") : "";
        fixed.textContent = fix;
        if (fix) fixed.append(el("strong", "", found.fixed), ".");
        fixed.hidden = !fix;
        show(opts.length > 0);
        say((fix && fix + hbT("quoted", 0, { q: found.fixed })) + (found.total ? (found.help ? hbT("help_and") : "") + plural(found.total) + (found.total > found.results.length ? hbT("shown", found.results.length) : "") : found.help ? hbT("get_help") : hbT("no_results")));
        S.lastTiming = { q: q, ms: performance.now() - t0 };
      }
    }
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { engine().catch(function () {}); });
    input.addEventListener("keydown", function (e) {
      var n = opts.length;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (drop.hidden && n) { show(true); }
        move(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        go(active);
      } else if (e.key === "Escape") {
        /* Closing keeps the query: the reader may want to change a letter. */
        e.preventDefault();
        if (!drop.hidden) show(false);
      }
    });
    form.addEventListener("focusout", function (e) {
      if (!form.contains(e.relatedTarget)) show(false);
    });
    return run;
  }

  /* For search-page.js, which only the search page loads. */
  S.ui = { el: el, fill: fill, helpItem: helpItem, plural: plural, LIMIT: LIMIT, PAGE_LIMIT: PAGE_LIMIT };
  function start() {
    S.root = document.body.dataset.root || "";
    var input = document.getElementById("site-search-input");
    if (input) combobox(input);
    var box = document.querySelector("[data-search-results]");
    /* On the search page, the engine once the page is idle: searching is why the reader came. */
    if (box) (g.requestIdleCallback || setTimeout)(function () { engine().catch(function () {}); });
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
