// The single-file copy (site/downloads/handbook.html of the real handbook) in Chromium with the
// network off: one page shown at a time, links and the back button, search, checklist storage
// apart from the site's, Exit, and axe-core clean.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { axeViolations, launch, sites, storageOf, watchPage } from './harness.mjs';

const file = sites.real && path.join(sites.real, 'downloads', 'handbook.html');
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function open(hash = '') {
  const context = await browser.newContext({ offline: true });
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(pathToFileURL(file).href + hash);
  return { context, page, watch };
}

const shown = (page) => page.evaluate(() => document.querySelector('.export-page.export-current')?.id);
// A link's hash change is handled by a later task than the click, so wait for the page to show.
async function showsPage(page, id) {
  await page.waitForFunction((want) => document.querySelector('.export-page.export-current')?.id === want, id, { timeout: 5000 })
    .catch(() => {});
  assert.equal(await shown(page), id);
}

describe('the single-file copy, offline', { skip: !file || !fs.existsSync(file) }, () => {
  test('opens on the home page and moves between pages by links and the back button', async () => {
    const { context, page, watch } = await open();
    assert.equal(await shown(page), 'index');
    assert.equal(await page.locator('.export-page:visible').count(), 1);
    await page.click('.sidebar a[href="#articles/index"]');
    await showsPage(page, 'articles/index');
    await page.click('#articles\\/index a[href="#articles/writing-a-first-message"]');
    await showsPage(page, 'articles/writing-a-first-message');
    assert.match(await page.title(), /^Writing a first message · /);
    await page.goBack();
    await showsPage(page, 'articles/index');
    assert.deepEqual(watch.problems(), []);
    await context.close();
  });

  test('search finds pages and its results lead to them in the file', async () => {
    const { context, page, watch } = await open();
    await page.fill('#site-search-input', 'blocked');
    const first = page.locator('#site-search-input-listbox [role=option]').first();
    await first.waitFor();
    await first.click();
    await showsPage(page, 'articles/they-blocked-me');
    assert.deepEqual(watch.problems(), []);
    await context.close();
  });

  test('checklist ticks use the file\'s own key; Shift pressed three times leaves', async () => {
    const { context, page } = await open('#articles/writing-a-first-message');
    await page.locator('#articles\\/writing-a-first-message fieldset[data-checklist] input[data-item]').first().check();
    const stored = await storageOf(page);
    assert.ok(stored.session['handbook-file:checklists'], JSON.stringify(stored));
    assert.equal(stored.session['handbook:checklists'], undefined);
    // The network is off, so the neutral site never loads: the request for it shows Exit went.
    const exit = await page.getAttribute('#exit-this-page', 'href');
    const leaving = page.waitForRequest((r) => r.url() === exit, { timeout: 5000 });
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await leaving;
    await context.close();
  });

  test('FAQ deep links open their answer, and axe finds nothing in light or dark mode', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, watch } = await open();
      await page.emulateMedia({ colorScheme });
      for (const hash of ['index', 'articles/writing-a-first-message', 'faq/index', 'search']) {
        await page.evaluate((h) => { location.hash = h; }, hash);
        await showsPage(page, hash);
        assert.deepEqual(await axeViolations(page), [], `#${hash} in ${colorScheme} mode`);
      }
      assert.deepEqual(watch.problems(), []);
      await context.close();
    }
  });
});
