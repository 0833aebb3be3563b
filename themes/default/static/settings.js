/* settings.js: applies the reader's dark or light choice before the first paint, so a dark
   reader never sees a light frame. Loaded without defer in <head>; it only reads storage.
   Where storage is denied, the system preference applies. */
(function () {
  var k = "handbook:theme", t = null;
  try { t = sessionStorage.getItem(k) || localStorage.getItem(k); } catch (e) {}
  if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
})();
