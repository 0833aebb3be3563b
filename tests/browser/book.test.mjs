// The book fixture (tests/fixtures/sites/book: Markdown written as a book, with wide aligned
// tables, footnotes, code, nested and task lists, raw HTML anchors): every page passes axe-core
// and loads with no console error, which is where Chromium reports a CSP violation (an inline
// `style="text-align: …"` on table cells was one per cell).

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

  test('every page loads with no CSP or other console error', async () => {
    const server = await serve(sites.book);
    const page = await browser.newPage();
    const watch = watchPage(page, server.url('').replace(/\/$/, ''));
    const problems = {};
    try {
      for (const rel of htmlFiles(sites.book)) {
        watch.clear();
        await page.goto(server.url(rel));
        await page.waitForLoadState('load');
        // Publishing images beside pages is the assets work (issue 16 §1), merged separately:
        // until then the chapter's image is the one missing file tolerated here, by name.
        const errors = watch.errors.filter((e) => !e.includes('/articles/images/terminal.png'));
        if (errors.length) problems[rel] = errors;
      }
      const aligned = await page.goto(server.url('articles/data.html')).then(() =>
        page.$eval('td.align-right', (td) => getComputedStyle(td).textAlign),
      );
      assert.equal(aligned, 'right');
    } finally {
      await page.context().close();
      await server.close();
    }
    assert.deepEqual(problems, {});
  });
});
