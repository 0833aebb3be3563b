// Search in headless Chromium over a built site: bytes loaded and time to results per keystroke,
// cold (nothing loaded) and warm. `node tests/browser/search-bench.mjs SITE [word…]`
// It serves SITE on 127.0.0.1 (to count the bytes sent) and writes SITE/search-bench.html, a
// page with the site-search markup and scripts of base.html, so it measures search alone.
import { createServer } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE || "playwright-core");
const site = path.resolve(process.argv[2]);
const queries = process.argv.slice(3).length ? process.argv.slice(3) : ["therapy", "relationship", "theraphy"];
/** Every keystroke's time by origin and cold/warm, for the summary. */
const all = {};
const keep = (key, times) => (all[key] ||= []).push(...times.map((t) => (t === null ? Infinity : t)));

await writeFile(`${site}/search-bench.html`, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script src="assets/settings.js"></script><script src="assets/search.js" defer></script><script src="assets/search/index.js" defer></script></head><body data-root="">
<form class="site-search" role="search" action="search.html"><label for="site-search-input">Search</label><input id="site-search-input" name="q" type="search" autocomplete="off"></form>
</body></html>`);

let sent = 0;
const server = createServer(async (req, res) => {
  try {
    const body = await readFile(path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (req.url.includes("/assets/search")) sent += body.length; // the index, and the engine it brings
    res.writeHead(200, { "content-type": req.url.endsWith(".js") ? "text/javascript" : "text/html" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

/** Types `word` a key at a time; the time from each input event to its results being shown. */
async function type(page, word) {
  const times = [];
  for (let i = 1; i <= word.length; i++) {
    await page.keyboard.type(word[i - 1]);
    const t = await page.waitForFunction((q) => HandbookSearch.lastTiming?.q === q && HandbookSearch.lastTiming, word.slice(0, i), { timeout: 10000 })
      .then((h) => h.jsonValue()).catch(() => null);
    times.push(t ? Math.round(t.ms * 10) / 10 : null);
  }
  return times;
}

for (const origin of [`http://127.0.0.1:${server.address().port}`, `file://${site}`]) {
  for (const q of queries) {
    const page = await browser.newPage();
    await page.goto(`${origin}/search-bench.html`);
    sent = 0;
    await page.click("#site-search-input");
    const cold = await type(page, q);
    const bytes = sent;
    await page.fill("#site-search-input", "");
    const warm = await type(page, q);
    keep(`${origin.split(":")[0]} cold`, cold);
    keep(`${origin.split(":")[0]} warm`, warm);
    const shown = await page.$$eval("[role=option]", (o) => o.length);
    const status = await page.textContent("[role=status]");
    console.log(`${origin.split(":")[0]} "${q}": ${origin.startsWith("http") ? `${bytes} bytes of index loaded; ` : ""}` +
      `ms per keystroke cold ${JSON.stringify(cold)}, warm ${JSON.stringify(warm)}; ${shown} shown, "${status}"`);
    await page.close();
  }
}
for (const [key, times] of Object.entries(all)) {
  const sorted = times.slice().sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const limit = key.endsWith("cold") ? 100 : 20;
  console.log(`${key}: ${sorted.length} keystrokes, median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)} ms, ${sorted.filter((t) => t > limit).length} over ${limit} ms`);
}
await browser.close();
server.close();
