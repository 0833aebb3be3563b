(function () {
var k = "handbook:theme", t = null;
try { t = sessionStorage.getItem(k) || localStorage.getItem(k); } catch (e) {}
if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
})();
function hbT(k, n, v) {
var e = document.getElementById("hb-strings"), S = hbT.s = hbT.s || JSON.parse(e ? e.textContent : "{}"), s = S[k] || k;
return (s.pop ? s[n == 1 || n === 0 && S._zero ? 0 : 1] : s).replace(/\{(\w+)\}/g, function (m, x) { return x == "n" ? n : v[x]; });
}
