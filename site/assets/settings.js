(function () {
var k = "handbook:theme", t = null;
try { t = sessionStorage.getItem(k) || localStorage.getItem(k); } catch (e) {}
if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
})();
