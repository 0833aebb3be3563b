// handbook serve: reloads the page when a rebuild finishes and shows build problems in an
// overlay. Served only by `handbook serve`, never part of the built site.
(function () {
  "use strict";
  var overlay = null;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function show(problems) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "handbook-problems";
    overlay.setAttribute("role", "alert");
    var s = overlay.style;
    s.position = "fixed";
    s.inset = "0";
    s.zIndex = "2147483647";
    s.overflow = "auto";
    s.padding = "1.5rem";
    s.background = "rgba(20, 20, 24, 0.96)";
    s.color = "#f4f4f4";
    s.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
    var title = document.createElement("p");
    title.textContent =
      "The handbook has " + problems.length + " problem" + (problems.length === 1 ? "" : "s") +
      ". The last good version stays served; fix the file and this page reloads.";
    title.style.font = "bold 16px/1.4 system-ui, sans-serif";
    overlay.appendChild(title);
    problems.forEach(function (text) {
      var pre = document.createElement("pre");
      pre.textContent = text;
      pre.style.whiteSpace = "pre-wrap";
      pre.style.borderLeft = "4px solid #ff6b6b";
      pre.style.paddingLeft = "0.75rem";
      overlay.appendChild(pre);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  var events = new EventSource("/__handbook/events");
  // data: "*" after a whole rebuild, else the paths of the pages that changed.
  events.addEventListener("reload", function (e) {
    var changed = JSON.parse(e.data);
    var here = location.pathname.replace(/\/$/, "/index.html");
    if (changed === "*" || changed.indexOf(here) !== -1 || document.getElementById("handbook-problems")) {
      location.reload();
    }
  });
  events.addEventListener("problems", function (e) {
    show(JSON.parse(e.data));
  });
  events.addEventListener("ok", hide);
})();
