// Every page of the fixture and of the real handbook, opened from disk (file://) and over http:
// no request leaves the site, no console error, no failed request, no cookie, no broken link.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FIXTURE_PAGES, fileUrl, htmlFiles, launch, serve, sites, watchPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Local link targets of the open page that do not exist on disk (file:// only). */
async function brokenLinks(page) {
  const targets = await page.evaluate(() =>
    [...document.querySelectorAll('a[href], link[href], script[src], img[src]')].map((el) => el.href || el.src),
  );
  return [...new Set(targets.filter((t) => t.startsWith('file:')).map((t) => t.replace(/[#?].*$/, '')))].filter(
    (t) => !fs.existsSync(fileURLToPath(t)),
  );
}

async function crawl(site, mode) {
  const server = mode === 'http' ? await serve(site) : undefined;
  const context = await browser.newContext();
  const page = await context.newPage();
  const watch = watchPage(page, server?.origin);
  const problems = [];
  try {
    for (const rel of htmlFiles(site)) {
      watch.clear();
      await page.goto(server ? server.url(rel) : fileUrl(site, rel), { waitUntil: 'load' });
      await page.waitForTimeout(20); // let deferred scripts finish their first tasks
      const found = [...watch.problems()];
      if ((await page.evaluate(() => document.cookie)) !== '') found.push('document.cookie is set');
      if (!server) found.push(...(await brokenLinks(page)).map((t) => `broken link: ${t}`));
      problems.push(...found.map((p) => `${rel}: ${p}`));
    }
    const cookies = await context.cookies();
    if (cookies.length > 0) problems.push(`cookies: ${JSON.stringify(cookies)}`);
  } finally {
    await context.close();
    await server?.close();
  }
  return problems;
}

describe('the fixture site', () => {
  test('has one page of every kind', () => {
    const files = new Set(htmlFiles(sites.fixture));
    const missing = Object.entries(FIXTURE_PAGES).filter(([, rel]) => !files.has(rel));
    assert.deepEqual(missing, [], `pages missing from the build: ${JSON.stringify(missing)}`);
  });
  for (const mode of ['file', 'http']) {
    test(`every page is clean over ${mode}`, async () => {
      assert.deepEqual(await crawl(sites.fixture, mode), []);
    });
  }
});

describe('the real handbook', { skip: sites.real ? false : 'the repository has no content/ to build' }, () => {
  for (const mode of ['file', 'http']) {
    test(`every page is clean over ${mode}`, async () => {
      assert.ok(htmlFiles(sites.real).length > 5, 'the real handbook has pages');
      assert.deepEqual(await crawl(sites.real, mode), []);
    });
  }
});
