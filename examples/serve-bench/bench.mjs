// Save-to-visible latency of `handbook serve` in a real browser: starts the preview on a handbook,
// opens a page in headless Chromium, then saves the page's Markdown N times and times each save
// until the browser shows the new text (the live reload included). Run from the repository:
//
//   cargo build --release && npm ci --prefix tests/browser
//   node examples/serve-bench/bench.mjs [ROOT=.] [PAGE=content/faq/how-long-should-i-wait.md] [SAVES=30]
//
// Prints the median, p95 and max, and how many times the page was reloaded in full (an edit of
// the page's text is swapped in place; the search index refreshed after a pause reloads it); the
// server's own rebuild times are on its stderr (`rebuilt …`).
import { launch } from '../../tests/browser/harness.mjs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const [root = '.', pageArg, savesArg = '30'] = process.argv.slice(2);
const saves = Number(savesArg);
const mdPath = pageArg || fs.readdirSync(path.join(root, 'content/faq')).filter((f) => f.endsWith('.md') && f !== '_index.md').map((f) => `content/faq/${f}`)[0];
const url = '/' + mdPath.replace(/^content\//, '').replace(/\.md$/, '.html');
const exe = process.env.HANDBOOK || path.resolve('target/release/handbook');

const server = spawn(exe, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
const rebuilds = [];
readline.createInterface({ input: server.stderr }).on('line', (line) => {
  const m = /the edited page in ([\d.]+) ms/.exec(line);
  if (m) rebuilds.push(Number(m[1]));
});
const first = await new Promise((resolve) => readline.createInterface({ input: server.stdout }).once('line', resolve));
const origin = first.replace(/^serving /, '').replace(/\/ .*$/, '').replace(/\/$/, '');
const file = path.join(root, mdPath);
const original = fs.readFileSync(file, 'utf8');
const browser = await launch();
const times = [];
let reloads = 0;
try {
  const page = await (await browser.newContext()).newPage();
  for (let tries = 0; ; tries++) {
    const r = await page.goto(origin + url);
    if (r.status() === 200) break;
    if (tries > 100) throw new Error('the site never built');
    await new Promise((s) => setTimeout(s, 100));
  }
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) reloads += 1; });
  for (let n = 0; n < saves; n++) {
    const marker = `bench-marker-${n}-${Date.now()}`;
    const t0 = performance.now();
    fs.writeFileSync(file, `${original}\n\n${marker}\n`);
    await page.waitForFunction((m) => document.body && document.body.textContent.includes(m), marker, { timeout: 10000, polling: 'raf' });
    times.push(performance.now() - t0);
    await new Promise((s) => setTimeout(s, 400));
  }
} finally {
  fs.writeFileSync(file, original);
  await browser.close();
  server.kill('SIGINT');
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.round((s.length - 1) * p)];
  return `median ${q(0.5).toFixed(1)} ms  p95 ${q(0.95).toFixed(1)} ms  max ${s[s.length - 1].toFixed(1)} ms  (n=${s.length})`;
};
console.log(`save -> visible in Chromium: ${stats(times)}; full reloads: ${reloads}`);
if (rebuilds.length) console.log(`server: edited page rebuilt in ${stats(rebuilds)}`);
