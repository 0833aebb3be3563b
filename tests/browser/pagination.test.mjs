// Long lists in pages (issue 20), from file:// with no server: a reader walks a section index,
// the FAQ's topics, a tag and "My checklists" by their pagers, and axe finds nothing to fix.
// The site is tests/fixtures/sites/paged, built with `page_size: 2`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKLIST_KEY, axeViolations, fileUrl, launch, sites, watchPage } from './harness.mjs';

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Titles of the entries the page lists, in order. */
function listed(page) {
  return page.locator('main .page-list a, main .faq-entry summary').allTextContents();
}

describe('pagination from file://', () => {
  test('the articles index walks forward by rel=next and back by rel=prev, no entry lost', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(fileUrl(sites.paged, 'articles/index.html'));
    assert.match(await page.locator('main .prose').innerText(), /first page only/);
    const seen = [];
    const where = [];
    for (;;) {
      where.push(await page.locator('.pager-where').innerText());
      seen.push(...(await listed(page)));
      const next = page.locator('.pager a[rel="next"]');
      if ((await next.count()) === 0) break;
      await Promise.all([page.waitForEvent('load'), next.click()]);
    }
    assert.deepEqual(where, ['Page 1 of 3', 'Page 2 of 3', 'Page 3 of 3']);
    assert.ok(page.url().endsWith('/articles/page-3.html'), page.url());
    assert.equal(await page.locator('main .prose').count(), 0, 'the introduction stays on the first page');
    assert.deepEqual(seen, [
      'Giving it time',
      'Looking at your part',
      'Talking to a friend',
      'Writing it down',
      'Letting go of a plan',
    ]);
    await Promise.all([page.waitForEvent('load'), page.locator('.pager a[rel="prev"]').click()]);
    assert.ok(page.url().endsWith('/articles/page-2.html'), page.url());
    assert.equal(await page.locator('.pager [aria-current="page"]').innerText(), '2');
    assert.deepEqual(watch.problems(), []);
    // Last: axe reads the stylesheets by XMLHttpRequest, which file:// refuses (and logs).
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test('the first FAQ page names every topic, and each topic link lands on its heading', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(fileUrl(sites.paged, 'faq/index.html'));
    const topics = page.locator('nav.toc a');
    assert.deepEqual(await topics.allTextContents(), ['Timing', 'Contact', 'Other questions']);
    await Promise.all([page.waitForEvent('load'), topics.nth(2).click()]);
    assert.ok(page.url().endsWith('/faq/page-3.html#category-other-questions'), page.url());
    assert.equal(await page.locator('#category-other-questions').innerText(), 'Other questions');
    assert.deepEqual(await listed(page), ['Who can I talk to?']);
    await page.goto(fileUrl(sites.paged, 'faq/page-2.html'));
    assert.equal(await page.locator('#category-timing').innerText(), 'Timing (continued)');
    assert.deepEqual(watch.problems(), []);
    // Last: axe reads the stylesheets by XMLHttpRequest, which file:// refuses (and logs).
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test('a tag page continues in its own folder and links back to the first page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(fileUrl(sites.paged, 'tags/space/page-3.html'));
    assert.equal(await page.locator('main h1').innerText(), 'Space');
    await Promise.all([page.waitForEvent('load'), page.locator('.pager a', { hasText: /^Page 1$/ }).click()]);
    assert.ok(page.url().endsWith('/tags/space.html'), page.url());
    assert.equal(await page.locator('link[rel="stylesheet"]').evaluate((l) => l.sheet !== null), true);
    assert.deepEqual(watch.problems(), []);
    await context.close();
  });

  test('"My checklists" shows saved ticks on a later page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(fileUrl(sites.paged, 'articles/writing-it-down.html'));
    await page.locator('.checklist input[type="checkbox"]').first().check();
    await page.goto(fileUrl(sites.paged, 'checklists/page-2.html'));
    const row = page.locator('[data-checklist-ref]', { hasText: 'Writing it down' });
    await page.waitForFunction(() => document.querySelector('[data-saved]')?.textContent !== '', null, { timeout: 3000 });
    assert.match(await row.locator('[data-saved]').innerText(), /1 of 2/);
    assert.ok((await page.evaluate((k) => sessionStorage.getItem(k), CHECKLIST_KEY)) !== null);
    assert.deepEqual(watch.problems(), []);
    // Last: axe reads the stylesheets by XMLHttpRequest, which file:// refuses (and logs).
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
});
