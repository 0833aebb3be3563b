/* handbook.js: quick exit, checklists, the dark-mode toggle and FAQ deep links.
   Progressive enhancement only: every page works without it. Loaded with `defer`. */
(function () {
  "use strict";
  /* The single-file copy names its own key, so the same checklist ticked there and on the site
     (which share storage when both are opened from disk) does not clash. */
  var KEY = (document.documentElement.getAttribute("data-storage") || "handbook") + ":checklists";
  var THEME = "handbook:theme";
  var doc = document;
  var html = doc.documentElement;
  var all = function (sel, from) { return Array.prototype.slice.call((from || doc).querySelectorAll(sel)); };
  var make = function (tag, cls, text) {
    var el = doc.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  };
  // Reading `window.localStorage` itself throws where storage is denied.
  var storage = function (kind) { return window[kind + "Storage"]; };
  var forget = function (key) {
    ["local", "session"].forEach(function (kind) {
      try { storage(kind).removeItem(key); } catch (e) { /* nothing stored there */ }
    });
  };

  /* ---- Quick exit: the link, or Shift pressed alone three times within 5 s ---- */
  function initExit() {
    var link = doc.getElementById("exit-this-page");
    if (!link) return;
    var status = doc.querySelector("[data-exit-status]");
    var presses = 0, alone = false, timer = 0;
    var say = function (text) { if (status) status.textContent = text; };
    var reset = function () { presses = 0; clearTimeout(timer); say(""); };
    var exit = function () {
      reset();
      if (!doc.querySelector(".exit-overlay")) doc.body.appendChild(make("div", "exit-overlay", hbT("loading")));
      html.classList.add("exiting");
      forget(KEY);
      forget(THEME);
      window.location.replace(link.href);
    };
    link.addEventListener("click", function (e) { e.preventDefault(); exit(); });
    doc.addEventListener("keydown", function (e) {
      if (e.key === "Shift") { if (!e.repeat) alone = true; return; }
      alone = false;
      if (presses) reset();
    });
    doc.addEventListener("mousedown", function () { alone = false; });
    doc.addEventListener("keyup", function (e) {
      if (e.key !== "Shift" || !alone) return;
      alone = false;
      presses += 1;
      if (presses >= 3) return exit();
      if (presses === 1) timer = setTimeout(reset, 5000);
      var left = 3 - presses;
      say(hbT("shift_left", left));
    });
    window.addEventListener("pageshow", function (e) {
      if (!e.persisted) return;
      all(".exit-overlay").forEach(function (o) { o.remove(); });
      html.classList.remove("exiting");
      reset();
    });
  }

  /* ---- Checklist state: one key, item ids only, nothing written before the reader acts ---- */
  var state = { v: 1, remember: false, lists: {} };
  var canSave = true;

  function parse(raw) {
    if (!raw) return null;
    try {
      var data = JSON.parse(raw);
      if (!data || data.v !== 1 || !data.lists || typeof data.lists !== "object" || Array.isArray(data.lists)) return null;
      var lists = {};
      Object.keys(data.lists).forEach(function (id) {
        var ids = data.lists[id];
        if (Array.isArray(ids)) lists[id] = ids.filter(function (x) { return typeof x === "string"; });
      });
      return { v: 1, remember: data.remember === true, lists: lists };
    } catch (e) { return null; }
  }

  function load() {
    try {
      var session = storage("session").getItem(KEY); // throws here too where storage is denied
      var saved = parse(storage("local").getItem(KEY)) || parse(session);
      if (saved) state = saved;
    } catch (e) { canSave = false; }
  }

  function save() {
    if (!canSave) return;
    try {
      var here = storage(state.remember ? "local" : "session");
      var there = storage(state.remember ? "session" : "local");
      if (Object.keys(state.lists).length || state.remember) here.setItem(KEY, JSON.stringify(state));
      else here.removeItem(KEY);
      there.removeItem(KEY);
    } catch (e) {
      canSave = false;
      all(".checklist-note").forEach(function (n) { n.hidden = false; });
    }
  }

  /* The bar shows what the status text says; screen readers hear the text only. */
  function meter(max) {
    var bar = make("progress");
    bar.max = max || 1;
    bar.value = 0;
    bar.setAttribute("aria-hidden", "true");
    return bar;
  }

  function initChecklist(box) {
    var id = box.getAttribute("data-checklist");
    var items = all("input[data-item]", box);
    var done = box.querySelector("[data-done]");
    // Boxes written ticked (`- [x]`) start ticked; once the reader has acted, their saved state wins.
    var preset = items.some(function (i) { return i.defaultChecked; });
    if (Object.prototype.hasOwnProperty.call(state.lists, id)) {
      var saved = state.lists[id];
      items.forEach(function (i) { i.checked = saved.indexOf(i.getAttribute("data-item")) >= 0; });
    }
    var ticked = function () { return items.filter(function (i) { return i.checked; }); };
    var count = function () { return hbT("ticked", ticked().length, { count: items.length }); };
    /* The widget wrote the progress, "Your ticks" and the note into the page (no layout shift). */
    var progress = box.querySelector(".checklist-progress");
    var bar = box.querySelector(".checklist-status progress");
    var remember = box.querySelector("input[data-remember]");
    var clear = box.querySelector("[data-clear]");
    var note = box.querySelector(".checklist-note");
    if (!progress || !bar || !remember || !clear || !note) return;
    remember.checked = state.remember;
    note.hidden = canSave;
    var update = function (prefix) {
      progress.textContent = (prefix || "") + count();
      bar.value = ticked().length;
      if (done) done.hidden = ticked().length !== items.length;
    };
    update();
    box.addEventListener("change", function (e) {
      var t = e.target;
      if (t.hasAttribute("data-item")) {
        var ids = ticked().map(function (i) { return i.getAttribute("data-item"); });
        if (ids.length || preset) state.lists[id] = ids; else delete state.lists[id];
        save();
        update();
      } else if (t === remember) {
        state.remember = remember.checked;
        all("input[data-remember]").forEach(function (r) { r.checked = state.remember; });
        save();
      }
    });
    clear.addEventListener("click", function () {
      items.forEach(function (i) { i.checked = i.defaultChecked; });
      delete state.lists[id];
      if (Object.keys(state.lists).length) save(); else forget(KEY);
      update(hbT("cleared"));
    });
  }

  function initClearAll() {
    all("[data-clear-all]").forEach(function (button) {
      var status = make("p", "clear-all-status");
      status.setAttribute("role", "status");
      button.insertAdjacentElement("afterend", status);
      button.hidden = false;
      button.addEventListener("click", function () {
        forget(KEY);
        forget(THEME);
        html.removeAttribute("data-theme");
        syncTheme();
        state = { v: 1, remember: false, lists: {} };
        all("input[data-item], input[data-remember]").forEach(function (i) { i.checked = false; });
        all("[data-done]").forEach(function (d) { d.hidden = true; });
        status.textContent = hbT("cleared_all");
      });
    });
  }

  /* "My checklists": saved progress beside each link. */
  function initSummary() {
    all("[data-checklist-ref]").forEach(function (row) {
      var items = (row.getAttribute("data-items") || "").split(" ").filter(Boolean);
      var saved = state.lists[row.getAttribute("data-checklist-ref")] || [];
      var n = saved.filter(function (s) { return items.indexOf(s) >= 0; }).length;
      var out = row.querySelector("[data-saved]"), bar = row.querySelector("progress");
      if (!out) return;
      // The template writes the bar and "0 of N" so the row keeps its height (no layout shift).
      if (!bar) out.parentNode.appendChild(bar = meter(items.length));
      bar.value = n;
      out.textContent = hbT("saved", n, { count: items.length });
    });
  }

  /* ---- Dark mode: prefers-color-scheme unless the reader chose. The choice lasts the tab
     (sessionStorage) unless the reader ticks "Remember my settings on this device", which keeps
     it in localStorage ("auto" when no theme was chosen). settings.js applies it before paint. ---- */
  var toggle = doc.querySelector("[data-theme-toggle]");
  var dark = function () {
    var chosen = html.getAttribute("data-theme");
    return chosen ? chosen === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  };
  var remembered = function () {
    try { return storage("local").getItem(THEME) !== null; } catch (e) { return false; }
  };
  function storeTheme(remember) {
    var value = html.getAttribute("data-theme");
    forget(THEME);
    // Where storage is denied, the choice lasts this page only.
    try {
      if (remember) storage("local").setItem(THEME, value || "auto");
      else if (value) storage("session").setItem(THEME, value);
    } catch (e) {}
  }
  function syncTheme() {
    // The label says what a press will do.
    if (toggle) toggle.textContent = dark() ? hbT("light_mode") : hbT("dark_mode");
    all("input[data-remember-settings]").forEach(function (r) { r.checked = remembered(); });
  }
  function initTheme() {
    all("input[data-remember-settings]").forEach(function (box) {
      // The checkbox needs this script, so it shows only with it.
      box.closest(".remember-settings").hidden = false;
      box.addEventListener("change", function () { storeTheme(box.checked); syncTheme(); });
    });
    syncTheme();
    if (!toggle) return;
    var scheme = window.matchMedia("(prefers-color-scheme: dark)");
    if (scheme.addEventListener) scheme.addEventListener("change", syncTheme);
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      html.setAttribute("data-theme", dark() ? "light" : "dark");
      storeTheme(remembered());
      syncTheme();
    });
  }

  /* ---- Help services: the group for the reader's region (from the browser's language, e.g.
     en-AU) goes first, so their emergency number is the first they see. Nothing is sent. ---- */
  function initHelpServices() {
    var region = (navigator.language || "").split("-")[1] || "";
    if (!/^[a-z]{2}$/i.test(region)) return;
    all("[data-help-services]").forEach(function (list) {
      var mine = list.querySelector("[data-regions~=" + region.toUpperCase() + "]");
      if (mine) list.insertBefore(mine, list.firstElementChild);
    });
  }

  /* ---- FAQ: a link to faq/index.html#entry opens that entry; printing opens them all ---- */
  function openFromHash() {
    var id = window.location.hash.slice(1);
    // A malformed escape (#%E0%A4%A) throws; the raw text is then the best guess at the id.
    try { id = decodeURIComponent(id); } catch (e) {}
    var target = id && doc.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView();
    }
  }
  var closed = [];
  var canonical = doc.querySelector("link[rel=canonical]");
  window.addEventListener("beforeprint", function () {
    closed = all("details:not([open])");
    closed.forEach(function (d) { d.open = true; });
    // With base_url set, the handbook's own pages have a full address worth printing.
    if (canonical) all("main a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!/^([a-z][a-z+.-]*:|#)/i.test(href)) a.setAttribute("data-url", new URL(href, canonical.href).href);
    });
  });
  window.addEventListener("afterprint", function () { closed.forEach(function (d) { d.open = false; }); });

  initTheme();
  initHelpServices();
  initExit();
  load();
  all("fieldset[data-checklist]").forEach(initChecklist);
  initClearAll();
  initSummary();
  openFromHash();
  window.addEventListener("hashchange", openFromHash);
})();
