// The shared harness of the real-browser tests: where the built sites are, how Chromium is
// launched, a tiny static server on 127.0.0.1, and watchers for requests, console errors and
// storage. Every *.test.mjs file in this folder imports from here.
//
// How the suite runs: `cargo test` (tests/browser.rs) builds the sites into temp folders and runs
// `node --test` on every tests/browser/*.test.mjs with these variables set:
//   HANDBOOK_SITE_FIXTURE            tests/fixtures/browser-site, built
//   HANDBOOK_SITE_FIXTURE_REORDERED  the same with variants/ laid over content/ (items reordered)
//   HANDBOOK_SITE_BOOK               tests/fixtures/sites/book, built
//   HANDBOOK_SITE_REAL               the repository's own handbook, built; empty when it has no content/
// Run by hand (`node --test tests/browser/` after `npm ci --prefix tests/browser`) the harness
// builds the missing ones itself with `cargo run`. CHROMIUM_PATH overrides /usr/bin/chromium.
//
// Writing a test file: launch one browser per file and reuse it —
//   const browser = await launch();            // in before()
//   const server = await serve(sites.fixture); // server.url('faq/index.html'); server.setRoot(dir)
//   const context = await browser.newContext();
//   const page = await context.newPage();
//   const watch = watchPage(page, server.origin); ... assert.deepEqual(watch.problems(), []);
// and close them in after(). Helpers never assert on their own except where named assert*.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const fixtureRoot = path.join(repoRoot, 'tests', 'fixtures', 'browser-site');
export const screenshotDir = path.join(here, 'screenshots');

// Chromium's own traffic (updates, sync, field trials) would hit the closed network and pollute
// the "no request leaves the site" check.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

// A missing element should fail a test in seconds, not Playwright's default 30 s per action.
export const ACTION_TIMEOUT = 3000;
export const NAVIGATION_TIMEOUT = 10000;

function withTimeouts(context) {
  context.setDefaultTimeout(ACTION_TIMEOUT);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
  return context;
}

/** Headless Chromium; one per test file. Its contexts and pages fail fast (ACTION_TIMEOUT). */
export async function launch() {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  const close = browser.close.bind(browser);
  browser.newContext = async (options) => withTimeouts(await hangGuard(newContext(options), 'open a context'));
  // Playwright's own newPage: its context closes with the page, so none is left open.
  browser.newPage = async (options) => {
    const page = await hangGuard(newPage(options), 'open a page');
    withTimeouts(page.context());
    return page;
  };
  // A wedged Chromium must not keep the file's process alive until the runner's timeout.
  browser.close = async () => {
    try {
      await hangGuard(close(), 'close');
    } catch {
      killChildren();
    }
  };
  return browser;
}

/** Chromium did not answer: a hung browser, which tests/browser.rs may run again once. */
export class BrowserHang extends Error {}

/** `promise`, or a BrowserHang after BROWSER_DEADLINE; none of these calls has a timeout of its own. */
function hangGuard(promise, what) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new BrowserHang(`BROWSER HANG: Chromium did not ${what} within ${BROWSER_DEADLINE / 1000} s`)), BROWSER_DEADLINE);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}
const BROWSER_DEADLINE = 30000;

/** Kills this process's children: in a test file's own process, those are its Chromiums. */
function killChildren() {
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the ')'.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // The process ended between the listing and the read.
    }
  }
}

/** A persistent profile, for tests where localStorage must outlive a context (the "remember" opt-in). */
export async function launchPersistent(userDataDir, options = {}) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  return withTimeouts(context);
}

// ---------------------------------------------------------------------------------------------
// The sites

function buildWithCargo(root, out) {
  execFileSync('cargo', ['run', '--quiet', '--bin', 'handbook', '--', 'build', '--root', root, '--out', out], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

let fallbackDir;
function fallback(name, root, prepare) {
  fallbackDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-browser-'));
  const out = path.join(fallbackDir, name);
  if (!fs.existsSync(out)) {
    buildWithCargo(prepare ? prepare(path.join(fallbackDir, `${name}-src`)) : root, out);
  }
  return out;
}

function reorderedSource(dir) {
  fs.cpSync(fixtureRoot, dir, { recursive: true });
  fs.cpSync(path.join(fixtureRoot, 'variants'), path.join(dir, 'content'), { recursive: true });
  return dir;
}

/** Built site folders; each getter builds on first use when its variable is unset. */
export const sites = {
  get fixture() {
    return process.env.HANDBOOK_SITE_FIXTURE || fallback('fixture', fixtureRoot);
  },
  get fixtureReordered() {
    return process.env.HANDBOOK_SITE_FIXTURE_REORDERED || fallback('reordered', null, reorderedSource);
  },
  /** tests/fixtures/sites/french: a handbook in French (language: fr). */
  get french() {
    return fallback('french', path.join(repoRoot, 'tests', 'fixtures', 'sites', 'french'));
  },
  /** The French handbook with `exports: [html]`: its single-file copy in downloads/. */
  get frenchExported() {
    return fallback('french-exported', null, (dir) => {
      fs.cpSync(path.join(repoRoot, 'tests', 'fixtures', 'sites', 'french'), dir, { recursive: true });
      fs.appendFileSync(path.join(dir, 'handbook.yaml'), 'exports: [html]\n');
      return dir;
    });
  },
  /** tests/fixtures/sites/rtl: a handbook in Arabic, written right to left. */
  get rtl() {
    return fallback('rtl', path.join(repoRoot, 'tests', 'fixtures', 'sites', 'rtl'));
  },
  /** tests/fixtures/sites/multilingual: English, with French pages in content/fr/. */
  get multilingual() {
    return fallback('multilingual', path.join(repoRoot, 'tests', 'fixtures', 'sites', 'multilingual'));
  },
  /** tests/fixtures/sites/book: Markdown written as a book, not for this generator. */
  get book() {
    return process.env.HANDBOOK_SITE_BOOK || fallback('book', path.join(repoRoot, 'tests', 'fixtures', 'sites', 'book'));
  },
  /** tests/fixtures/sites/paged: every list two entries a page. */
  get paged() {
    return process.env.HANDBOOK_SITE_PAGED || fallback('paged', path.join(repoRoot, 'tests', 'fixtures', 'sites', 'paged'));
  },
  /** Undefined when the repository has no handbook content to build. */
  get real() {
    if (process.env.HANDBOOK_SITE_REAL !== undefined) return process.env.HANDBOOK_SITE_REAL || undefined;
    return fs.existsSync(path.join(repoRoot, 'content')) ? fallback('real', repoRoot) : undefined;
  },
};

/** One page of every kind in the fixture, as paths relative to the site root. */
export const FIXTURE_PAGES = {
  home: 'index.html',
  section: 'articles/index.html',
  article: 'articles/before-you-reach-out.html',
  widgets: 'articles/every-widget.html',
  'faq-index': 'faq/index.html',
  'faq-entry': 'faq/how-long-to-wait.html',
  'case-study': 'case-studies/a-slow-rebuild.html',
  tags: 'tags/index.html',
  tag: 'tags/readiness.html',
  search: 'search.html',
  checklists: 'checklists.html',
  404: '404.html',
  standalone: 'get-help.html',
  'staying-safe': 'staying-safe.html',
};

/** The fixture's checklists (see tests/fixtures/browser-site/content/articles/before-you-reach-out.md). */
export const FIXTURE_CHECKLISTS = {
  block: 'before-you-reach-out',
  taskList: 'before-you-reach-out-your-first-message',
};
export const FIXTURE_EXIT_URL = 'https://exit.example/weather';

/**
 * A few pages standing for all of `dir`: every page at the top, and the index and first entry
 * of each folder. For audits too slow to run on every page twice.
 */
export function samplePages(dir) {
  const all = htmlFiles(dir);
  const folders = new Map();
  for (const rel of all.filter((f) => f.includes('/'))) {
    const folder = rel.slice(0, rel.lastIndexOf('/'));
    if (!folders.has(folder)) folders.set(folder, []);
    folders.get(folder).push(rel);
  }
  const sample = all.filter((f) => !f.includes('/'));
  for (const [folder, files] of folders) {
    const index = `${folder}/index.html`;
    if (files.includes(index)) sample.push(index);
    const entry = files.find((f) => f !== index);
    if (entry) sample.push(entry);
  }
  return sample.sort();
}

/** Every .html file under `dir`, relative, sorted. */
export function htmlFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.html'))
    .sort();
}

export function fileUrl(site, rel) {
  return pathToFileURL(path.join(site, rel)).href;
}

// ---------------------------------------------------------------------------------------------
// The server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * A static server for `root` on 127.0.0.1 with an ephemeral port. `setRoot(dir)` swaps the folder
 * served (a "rebuild" at the same origin, so storage carries over). Missing files get 404.html
 * with status 404, as a static host would. `requests` lists every path asked for.
 */
export async function serve(root) {
  let current = root;
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push({ path: url.pathname, headers: req.headers });
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(current, '.' + rel);
    const inside = file === current || file.startsWith(current + path.sep);
    if (inside && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(fs.readFileSync(file));
      return;
    }
    const notFound = path.join(current, '404.html');
    res.writeHead(404, { 'content-type': TYPES['.html'] });
    res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    url: (rel) => `${origin}/${rel}`,
    setRoot(dir) {
      current = dir;
    },
    close: () => new Promise((resolve) => {
      server.close(resolve);
      // Chromium keeps sockets open (keep-alive, preconnect); close() alone would wait for them.
      server.closeAllConnections();
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Watching a page

/**
 * Records every request, console error and uncaught page error of `page`. `problems()` lists
 * requests that left the site (anything but file:, data:, blob:, about: and `origin`), errors,
 * failed requests and HTTP errors.
 */
export function watchPage(page, origin) {
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    // Chromium asks an http origin for /favicon.ico on its own, now and then; that is the
    // browser, not the page, and stays on the site.
    if (m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico')) {
      errors.push(`console: ${m.text()} (${m.location().url})`);
    }
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // An aborted navigation (the reader left mid-load) is not a broken page.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !/\/(404\.html|favicon\.ico)$/.test(r.url())) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const local = (u) =>
    /^(file|data|blob|about):/.test(u) || (origin !== undefined && (u === origin || u.startsWith(origin + '/')));
  return {
    requests,
    errors,
    outside: () => requests.filter((u) => !local(u)),
    problems: () => [...requests.filter((u) => !local(u)).map((u) => `request left the site: ${u}`), ...errors],
    clear() {
      requests.length = 0;
      errors.length = 0;
    },
  };
}

/** Every key of both storages and every cookie, as seen by `page`. */
export async function storageOf(page) {
  const stored = await page.evaluate(() => {
    const dump = (s) => {
      try {
        return Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)]));
      } catch (e) {
        return { error: String(e) };
      }
    };
    return { session: dump(sessionStorage), local: dump(localStorage), cookie: document.cookie };
  });
  return stored;
}

export const CHECKLIST_KEY = 'handbook:checklists';
export const THEME_KEY = 'handbook:theme';

// ---------------------------------------------------------------------------------------------
// axe-core

const axeSource = fs.readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core on each of `pages` (relative to `site`, served over http) in `colorScheme`: a map from
 * page to its violations, empty when all pass.
 */
export async function audit(browser, site, pages, colorScheme) {
  const server = await serve(site);
  const context = await browser.newContext({ colorScheme });
  const page = await context.newPage();
  const report = {};
  try {
    for (const rel of pages) {
      await page.goto(server.url(rel));
      const violations = await axeViolations(page);
      if (violations.length > 0) report[rel] = violations;
    }
  } finally {
    await context.close();
    await server.close();
  }
  return report;
}

/**
 * Runs axe-core on `page` and returns its violations, each shortened to what a reader of a test
 * failure needs. The source goes in through `page.evaluate`, which the page's CSP
 * (`script-src 'self'`) does not govern; `addScriptTag` inserts an inline script the CSP blocks.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
  }));
}

// ---------------------------------------------------------------------------------------------
// Checklists

/** FNV-1a 32 of the item's normalised text, as the Markdown stage makes item ids. */
export function itemId(text) {
  const normalised = text.toLowerCase().replace(/\s+/g, ' ').trim();
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(normalised)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 'i' + hash.toString(16).padStart(8, '0');
}

/** The checkbox of the item whose label reads `text`, in the checklist `id`. */
export function item(page, id, text) {
  return page.locator(`fieldset[data-checklist="${id}"]`).getByLabel(text, { exact: true });
}

/** The parsed checklist record from one storage dump (`storageOf(page).session` or `.local`). */
export function checklistRecord(storage) {
  const raw = storage[CHECKLIST_KEY];
  return raw === undefined || raw === null ? undefined : JSON.parse(raw);
}
