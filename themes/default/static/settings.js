/* settings.js: applies the reader's dark or light choice before the first paint, so a dark
   reader never sees a light frame. Loaded without defer in <head>; it only reads storage.
   Where storage is denied, the system preference applies. */
(function () {
  var k = "handbook:theme", t = null;
  try { t = sessionStorage.getItem(k) || localStorage.getItem(k); } catch (e) {}
  if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
})();
/* hbT(key, n, vars): an interface string in the page's language, from the JSON block the page
   carries (#hb-strings); a plural is [one, other], and _zero says 0 takes "one". */
function hbT(k, n, v) {
  // A page without the block (an old template of a handbook's own) shows the keys, never throws.
  var e = document.getElementById("hb-strings"), S = hbT.s = hbT.s || JSON.parse(e ? e.textContent : "{}"), s = S[k] || k;
  return (s.pop ? s[n == 1 || n === 0 && S._zero ? 0 : 1] : s).replace(/\{(\w+)\}/g, function (m, x) { return x == "n" ? n : v[x]; });
}
