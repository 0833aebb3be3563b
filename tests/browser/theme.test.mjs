// The theme's smaller promises in a real browser: FAQ deep links open their entry, the dark-mode
// choice is remembered, the print stylesheet drops the safety bar.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE_PAGES, THEME_KEY, fileUrl, launch, serve, sites, storageOf, watchPage } from './harness.mjs';

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await serve(sites.fixture);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Relative luminance (0 black, 1 white) of the first opaque background from <body> up. */
function backgroundLuminance(page) {
  return page.evaluate(() => {
    for (const el of [document.body, document.documentElement]) {
      const m = getComputedStyle(el).backgroundColor.match(/[\d.]+/g);
      if (!m || (m.length === 4 && Number(m[3]) === 0)) continue;
      const [r, g, b] = m.slice(0, 3).map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }
    return 1; // nothing painted: the canvas is white
  });
}

describe('FAQ deep links', () => {
  for (const how of ['http', 'file']) {
    test(`faq/index.html#<slug> opens that entry only (${how})`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const watch = watchPage(page, server.origin);
      const base = how === 'http' ? server.url(FIXTURE_PAGES['faq-index']) : fileUrl(sites.fixture, FIXTURE_PAGES['faq-index']);
      await page.goto(`${base}#how-long-to-wait`);
      const entry = page.locator('details#how-long-to-wait.faq-entry');
      const other = page.locator('details#what-if-there-was-abuse.faq-entry');
      assert.equal(await entry.evaluate((d) => d.open), true, 'the linked entry is open');
      assert.equal(await other.evaluate((d) => d.open), false, 'the other entry stays closed');

      await page.evaluate(() => {
        location.hash = '#what-if-there-was-abuse';
      });
      await page.waitForFunction(() => document.getElementById('what-if-there-was-abuse').open, null, { timeout: 2000 });
      assert.deepEqual(watch.problems(), []);
      await context.close();
    });
  }

  test('each entry links to its own page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url(FIXTURE_PAGES['faq-index']));
    const hrefs = await page.locator('details.faq-entry a[href="how-long-to-wait.html"]').count();
    assert.ok(hrefs >= 1, 'the entry links to faq/how-long-to-wait.html');
    await context.close();
  });
});

describe('dark mode', () => {
  test('the system preference gives the dark theme with no choice stored', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(server.url(FIXTURE_PAGES.article));
    assert.ok((await backgroundLuminance(page)) < 0.2, 'dark background under prefers-color-scheme: dark');
    assert.deepEqual((await storageOf(page)).local, {});
    await context.close();
  });

  test('the toggle switches the theme for the tab only, and the choice survives a reload', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    const watch = watchPage(page, server.origin);
    await page.goto(server.url(FIXTURE_PAGES.article));
    assert.ok((await backgroundLuminance(page)) > 0.5, 'light to start with');
    const toggle = page.getByRole('button', { name: /dark|theme|colou?r/i });
    assert.equal(await toggle.count(), 1, 'one theme toggle button');
    await toggle.click();
    assert.ok((await backgroundLuminance(page)) < 0.2, 'dark after the toggle');
    const stored = await storageOf(page);
    assert.equal(stored.session[THEME_KEY], 'dark', `the choice is kept for the tab under ${THEME_KEY}`);
    assert.deepEqual(stored.local, {}, 'nothing on the device without "Remember my settings"');

    await page.reload();
    assert.ok((await backgroundLuminance(page)) < 0.2, 'still dark after a reload');
    await page.goto(server.url(FIXTURE_PAGES.home));
    assert.ok((await backgroundLuminance(page)) < 0.2, 'dark on another page too');
    assert.deepEqual(watch.problems(), []);
    await context.close();
  });
});

describe('print', () => {
  test('the print stylesheet hides the safety bar and the skip links', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url(FIXTURE_PAGES.article));
    assert.equal(await page.locator('#exit-this-page').isVisible(), true, 'safety bar on screen');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#exit-this-page').isVisible(), false, 'no exit link on paper');
    assert.equal(await page.getByRole('link', { name: 'Get help now' }).first().isVisible(), false);
    assert.equal(await page.locator('main h1').isVisible(), true, 'the article itself prints');
    await context.close();
  });
});
