/* settings.js: applies the reader's dark or light choice before the first paint, so a dark
   reader never sees a light frame. Loaded without defer in <head>; it only reads storage. */
(function () {
  "use strict";
  var chosen = null;
  try {
    chosen = window.sessionStorage.getItem("handbook:theme") || window.localStorage.getItem("handbook:theme");
  } catch (e) { /* storage denied: the system preference applies */ }
  if (chosen === "dark" || chosen === "light") document.documentElement.setAttribute("data-theme", chosen);
})();
