// The book fixture (tests/fixtures/sites/book: Markdown written as a book, with wide aligned
// tables, footnotes, code, nested and task lists, raw HTML anchors): every page passes axe-core
// and loads with no console error, which is where Chromium reports a CSP violation (an inline
// `style="text-align: …"` on table cells was one per cell). The same console check runs on every
// page of the real handbook and the other fixture sites.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { audit, htmlFiles, launch, serve, sites, watchPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('the book fixture', () => {
  test('every page has no axe-core violation', async () => {
    const pages = htmlFiles(sites.book);
    assert.ok(pages.length >= 6, `the book has pages (${pages.length})`);
    assert.deepEqual(await audit(browser, sites.book, pages, 'light'), {});
  });

  // Issue 22: no page of the real handbook or of the fixtures logs a CSP (or any other) error.
  for (const name of ['book', 'real', 'fixture', 'paged']) {
    test(`every page of the ${name} site loads with no CSP or other console error`, async (t) => {
      const root = sites[name];
      if (!root) return t.skip('no handbook content in this checkout');
      const server = await serve(root);
      const page = await browser.newPage();
      const watch = watchPage(page, server.url('').replace(/\/$/, ''));
      const problems = {};
      const pages = htmlFiles(root);
      try {
        for (const rel of pages) {
          watch.clear();
          await page.goto(server.url(rel));
          await page.waitForLoadState('load');
          if (watch.errors.length) problems[rel] = [...watch.errors];
        }
        if (name === 'book') {
          const aligned = await page.goto(server.url('articles/data.html')).then(() =>
            page.$eval('td.align-right', (td) => getComputedStyle(td).textAlign),
          );
          assert.equal(aligned, 'right');
        }
      } finally {
        await page.context().close();
        await server.close();
      }
      assert.ok(pages.length >= 6, `${name} has pages (${pages.length})`);
      assert.deepEqual(problems, {});
    });
  }
});
