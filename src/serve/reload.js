// handbook serve: keeps an open page true to the files. The server tells, for each rebuild, which
// site paths changed. When this page is one of them after an edit of its content, its new version
// is fetched and its main content, contents sidebar and title swapped in place, keeping the scroll
// position (a full reload costs the browser ~100 ms more: a new document, styles and scripts);
// after a whole rebuild (a template or the configuration) it reloads. It also reloads when a file
// it uses changed, swaps a changed stylesheet in place, shows build problems in an overlay and the
// last good build's warnings in a small panel. The page was served at a generation of the site;
// the stream is opened with it, so a change made while the page loaded is not missed. Served only
// by `handbook serve`, never part of the built site.
(function () {
  "use strict";
  var me = document.currentScript;
  var generation = Number((me && me.getAttribute("data-generation")) || 0);
  var overlay = null;
  var warningsPanel = null;
  // The preview's words in the site's language, put in beside this script by the server: a
  // plural is [one, other], and _zero says 0 takes "one" (as the theme's hbT reads them).
  var words = document.getElementById("hb-serve-strings");
  var W = JSON.parse((words && words.textContent) || "{}");
  function t(key, n, vars) {
    var s = W[key] || key;
    if (Array.isArray(s)) s = s[n === 1 || (n === 0 && W._zero) ? 0 : 1];
    return s.replace(/\{(\w+)\}/g, function (m, name) { return name === "n" ? n : (vars || {})[name]; });
  }

  function decoded(path) {
    try { return decodeURIComponent(path); } catch (e) { return path; }
  }
  var here = decoded(location.pathname).replace(/\/$/, "/index.html");

  // The element of this page that loads `path` (a site path such as "/assets/style.css"), if any.
  function user(path) {
    var els = document.querySelectorAll("link[href], script[src], img[src], source[src], video[src], audio[src], object[data], iframe[src]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var url = el.getAttribute("href") || el.getAttribute("src") || el.getAttribute("data");
      try {
        if (decoded(new URL(url, location.href).pathname) === path && el !== me) return el;
      } catch (e) { /* not a URL: uses nothing */ }
    }
    return null;
  }

  function swapStylesheet(link, version) {
    var fresh = link.cloneNode();
    fresh.href = link.href.replace(/([?&])handbook-v=\d+/, "").replace(/[?&]$/, "") +
      (link.href.indexOf("?") === -1 ? "?" : "&") + "handbook-v=" + version;
    // The old sheet stays until the new one has loaded, so the page never shows unstyled.
    fresh.addEventListener("load", function () { link.remove(); });
    fresh.addEventListener("error", function () { location.reload(); });
    link.after(fresh);
  }

  // Parts of a page an edit of its Markdown can change; the safety bar, header and footer come
  // from the configuration and templates, whose changes are whole rebuilds.
  var PARTS = ["main", "nav.sidebar"];
  // Widgets the theme's scripts set up once, as the page loads, beside document-wide keys they
  // bind once: a page showing one reloads in full rather than run those scripts twice.
  var SCRIPTED = "[data-checklist],[data-clear-all],[data-checklist-ref],[data-help-services],[data-remember-settings],[data-search-results]";
  var asked = 0;

  function refresh() {
    var mine = ++asked;
    fetch(location.pathname + location.search, { cache: "no-store" })
      .then(function (r) {
        if (!r.ok || r.redirected) throw new Error("not this page any more");
        return r.text();
      })
      .then(function (text) {
        if (mine !== asked) return; // a newer version is on its way
        var fresh = new DOMParser().parseFromString(text, "text/html");
        var pairs = PARTS.map(function (sel) { return [document.querySelector(sel), fresh.querySelector(sel)]; });
        var fits = pairs[0][0] && pairs.every(function (p) { return !p[0] === !p[1] && !(p[1] && p[1].querySelector(SCRIPTED)); });
        if (!fits) throw new Error("needs the theme's scripts");
        var x = window.scrollX, y = window.scrollY;
        var open = Array.prototype.map.call(document.querySelectorAll("main details[open][id]"), function (d) { return d.id; });
        pairs.forEach(function (p) { if (p[0]) p[0].replaceWith(document.adoptNode(p[1])); });
        open.forEach(function (id) {
          var d = document.getElementById(id);
          if (d && d.tagName === "DETAILS") d.open = true;
        });
        document.title = fresh.title;
        // At once, not smoothly as the theme's stylesheet may ask.
        window.scrollTo({ left: x, top: y, behavior: "instant" });
      })
      .catch(function () { if (mine === asked) location.reload(); });
  }

  function changed(data) {
    generation = Math.max(generation, data.generation);
    var reload = false;
    var mine = false;
    var sheets = [];
    data.changed.forEach(function (path) {
      if (path === here) { mine = true; return; }
      var el = user(path);
      if (!el) return;
      if (el.tagName === "LINK" && /\.css$/.test(path)) sheets.push(el);
      else reload = true;
    });
    if (reload || (mine && data.whole) || (data.good && overlay && overlay.getAttribute("data-served") === "false")) {
      location.reload();
      return;
    }
    sheets.forEach(function (link) { swapStylesheet(link, data.generation); });
    if (mine) refresh();
    if (data.good) hide();
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    if (warningsPanel) warningsPanel.hidden = false;
  }

  // The site's own choice of theme if the reader made one, else the system's.
  function dark() {
    var chosen = document.documentElement.getAttribute("data-theme");
    if (chosen) return chosen === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function show(data) {
    hide();
    if (warningsPanel) warningsPanel.hidden = true;
    var d = dark();
    // Contrast well above 7:1 either way: near-black on white, near-white on near-black.
    var colours = d
      ? { bg: "#16161a", fg: "#f2f2f2", rule: "#ff8a8a", button: "#2c2c33" }
      : { bg: "#ffffff", fg: "#1a1a1a", rule: "#b3261e", button: "#ececf0" };
    overlay = document.createElement("section");
    overlay.id = "handbook-problems";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "handbook-problems-title");
    overlay.setAttribute("data-served", String(data.served));
    var s = overlay.style;
    s.position = "fixed";
    s.inset = "0";
    s.zIndex = "2147483647";
    s.overflow = "auto";
    s.padding = "1.5rem";
    s.background = colours.bg;
    s.color = colours.fg;
    s.colorScheme = d ? "dark" : "light";
    s.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
    var problems = data.problems;
    var title = document.createElement("h2");
    title.id = "handbook-problems-title";
    var errors = typeof data.errors === "number" ? data.errors : problems.length;
    title.textContent = t("has", 0, {
      what: t("errors", errors) + (data.warnings ? t("and") + t("warnings", data.warnings) : "")
    });
    title.style.font = "bold 18px/1.4 system-ui, sans-serif";
    title.style.margin = "0 0 0.5rem";
    overlay.appendChild(title);
    var what = document.createElement("p");
    what.textContent = t(data.served ? "served" : "unbuilt");
    what.style.font = "16px/1.5 system-ui, sans-serif";
    overlay.appendChild(what);
    problems.forEach(function (text) {
      var pre = document.createElement("pre");
      pre.textContent = text;
      pre.lang = "en"; // the tool's own messages are English, whatever the page's language
      pre.style.whiteSpace = "pre-wrap";
      pre.style.borderLeft = "4px solid " + colours.rule;
      pre.style.paddingLeft = "0.75rem";
      pre.style.color = colours.fg;
      pre.style.background = "transparent";
      overlay.appendChild(pre);
    });
    if (data.served) {
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = t("hide");
      close.style.font = "16px/1.4 system-ui, sans-serif";
      close.style.padding = "0.5rem 1rem";
      close.style.minHeight = "44px";
      close.style.color = colours.fg;
      close.style.background = colours.button;
      close.style.border = "2px solid " + colours.fg;
      close.style.borderRadius = "4px";
      close.addEventListener("click", hide);
      overlay.appendChild(close);
    }
    document.body.appendChild(overlay);
  }

  // Warnings do not stop the preview: a collapsed panel in a corner counts them and lists them
  // when opened. Hidden while the problems overlay covers the page.
  function showWarnings(data) {
    var open = warningsPanel && warningsPanel.querySelector("details").open;
    if (warningsPanel) {
      warningsPanel.remove();
      warningsPanel = null;
    }
    if (!data.count) return;
    var d = dark();
    var colours = d
      ? { bg: "#16161a", fg: "#f2f2f2", rule: "#ffd27a" }
      : { bg: "#ffffff", fg: "#1a1a1a", rule: "#8a5a00" };
    warningsPanel = document.createElement("aside");
    warningsPanel.id = "handbook-warnings";
    warningsPanel.setAttribute("aria-label", t("warnings_label"));
    var s = warningsPanel.style;
    s.position = "fixed";
    s.right = "0.5rem";
    s.bottom = "0.5rem";
    s.zIndex = "2147483646";
    s.maxWidth = "min(48rem, calc(100vw - 1rem))";
    s.maxHeight = "60vh";
    s.overflow = "auto";
    s.padding = "0.5rem 0.75rem";
    s.background = colours.bg;
    s.color = colours.fg;
    s.colorScheme = d ? "dark" : "light";
    s.border = "2px solid " + colours.rule;
    s.borderRadius = "4px";
    s.font = "14px/1.5 system-ui, sans-serif";
    var details = document.createElement("details");
    details.open = !!open;
    var summary = document.createElement("summary");
    summary.textContent = t("has", 0, { what: t("warnings", data.count) });
    summary.style.cursor = "pointer";
    summary.style.minHeight = "24px";
    details.appendChild(summary);
    data.warnings.forEach(function (text) {
      var pre = document.createElement("pre");
      pre.textContent = text;
      pre.lang = "en"; // the tool's own messages are English, whatever the page's language
      pre.style.whiteSpace = "pre-wrap";
      pre.style.font = "13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
      pre.style.borderLeft = "4px solid " + colours.rule;
      pre.style.paddingLeft = "0.75rem";
      pre.style.color = colours.fg;
      pre.style.background = "transparent";
      details.appendChild(pre);
    });
    warningsPanel.appendChild(details);
    if (overlay) warningsPanel.hidden = true;
    document.body.appendChild(warningsPanel);
  }

  var events = new EventSource("/__handbook/events?since=" + generation);
  events.addEventListener("change", function (e) { changed(JSON.parse(e.data)); });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
  events.addEventListener("warnings", function (e) { showWarnings(JSON.parse(e.data)); });
})();
