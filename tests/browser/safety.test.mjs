// Issue 14 §4–5 and issue 13 item 15 in a real browser: every key a page can store is listed on
// the Staying safe page; a dark reader never sees a light first frame; "Remember my settings"
// is the only way the theme reaches localStorage; a malformed fragment breaks no script.

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

/** Every storage key the page can see: both storages, cookies, IndexedDB and Cache Storage. */
async function everyKey(page) {
  return page.evaluate(async () => {
    const keys = [...Object.keys(localStorage), ...Object.keys(sessionStorage)];
    if (document.cookie) keys.push(...document.cookie.split(';').map((c) => `cookie:${c.split('=')[0].trim()}`));
    if (indexedDB.databases) keys.push(...(await indexedDB.databases()).map((d) => `indexeddb:${d.name}`));
    if (self.caches) keys.push(...(await caches.keys()).map((k) => `cache:${k}`));
    return keys;
  });
}

describe('privacy', () => {
  test('every interaction stores only keys listed on the Staying safe page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page, server.origin);
    await page.goto(server.url(FIXTURE_PAGES['staying-safe']));
    const listed = (await page.locator('[data-storage-keys]').getAttribute('data-storage-keys')).split(' ');
    assert.ok(listed.includes(THEME_KEY) && listed.length >= 2, `the page lists the keys: ${listed}`);
    assert.deepEqual(await everyKey(page), [], 'nothing stored before the reader acts');

    const seen = new Set();
    const record = async () => (await everyKey(page)).forEach((k) => seen.add(k));
    // Ticks, remember, clear
    await page.goto(server.url(FIXTURE_PAGES.article));
    const box = page.locator('fieldset[data-checklist] input[data-item]').first();
    await box.check();
    await record();
    await page.locator('input[data-remember]').first().check();
    await record();
    // Theme toggle, then remember settings
    await page.getByRole('button', { name: /dark mode/i }).click();
    await record();
    await page.goto(server.url(FIXTURE_PAGES['staying-safe']));
    await page.locator('input[data-remember-settings]').check();
    await record();
    assert.ok((await storageOf(page)).local[THEME_KEY], 'remembered settings go to localStorage');
    // Search, FAQ
    await page.goto(server.url(FIXTURE_PAGES.search));
    await page.locator('main input[type="search"]').first().fill('wait');
    await page.waitForTimeout(300);
    await record();
    await page.goto(server.url(FIXTURE_PAGES['faq-index']));
    await page.locator('details.faq-entry summary').first().click();
    await record();
    const unlisted = [...seen].filter((k) => !listed.includes(k));
    assert.deepEqual(unlisted, [], 'keys stored but not listed on the Staying safe page');

    // Clear everything removes all of it; so does Exit.
    await page.goto(server.url(FIXTURE_PAGES['staying-safe']));
    await page.locator('[data-clear-all]').click();
    assert.deepEqual(await everyKey(page), [], 'Clear everything leaves nothing');
    await page.getByRole('button', { name: /dark mode/i }).click();
    await page.route('https://exit.example/**', (r) => r.fulfill({ body: 'weather' }));
    await page.locator('#exit-this-page').click();
    await page.waitForURL(/exit\.example/);
    await page.goto(server.url(FIXTURE_PAGES.home));
    assert.deepEqual(await everyKey(page), [], 'Exit leaves nothing');
    assert.deepEqual(watch.errors, []);
    await context.close();
  });
});

describe('dark mode before paint', () => {
  for (const how of ['http', 'file']) {
    test(`a dark reader's first frame is dark on every navigation (${how})`, async () => {
      const context = await browser.newContext({ colorScheme: 'light' });
      const url = (rel) => (how === 'http' ? server.url(rel) : fileUrl(sites.fixture, rel));
      const page = await context.newPage();
      await page.goto(url(FIXTURE_PAGES.article));
      await page.getByRole('button', { name: /dark mode/i }).click();
      // What <html> looks like when the first element of <body> arrives, before any deferred script.
      await context.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          observer.disconnect();
          window.__firstTheme = document.documentElement.getAttribute('data-theme');
          window.__firstBg = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
        }).observe(document, { childList: true, subtree: true });
      });
      for (const rel of [FIXTURE_PAGES.home, FIXTURE_PAGES['faq-index'], FIXTURE_PAGES.article]) {
        await page.goto(url(rel));
        const first = await page.evaluate(() => [window.__firstTheme, window.__firstBg]);
        assert.equal(first[0], 'dark', `${rel}: dark before the body is parsed`);
        assert.notEqual(first[1], '#fbfaf7', `${rel}: the light background never applies`);
      }
      await context.close();
    });
  }
});

describe('bad fragments', () => {
  for (const how of ['http', 'file']) {
    test(`a malformed fragment breaks no script (${how})`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const watch = watchPage(page, server.origin);
      const base = how === 'http' ? server.url(FIXTURE_PAGES.article) : fileUrl(sites.fixture, FIXTURE_PAGES.article);
      await page.goto(`${base}#%E0%A4%A`);
      await page.evaluate(() => { location.hash = '#%ZZ'; });
      await page.locator('fieldset[data-checklist] input[data-item]').first().check();
      await page.getByText(/You have ticked 1 of/).first().waitFor();
      assert.equal(await page.locator('[data-theme-toggle]').isVisible(), true, 'the scripts ran');
      assert.deepEqual(watch.errors, []);
      await context.close();
    });
  }
});

describe('phones', () => {
  test('at 390 px the safety bar and header take under 110 px, Exit stays 44 px tall and in view', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    for (const rel of [FIXTURE_PAGES.home, FIXTURE_PAGES.article, FIXTURE_PAGES.search]) {
      await page.goto(server.url(rel));
      const top = await page.evaluate(() => ({
        bottom: document.querySelector('.site-header').getBoundingClientRect().bottom,
        exit: document.querySelector('#exit-this-page').getBoundingClientRect().height,
        titleLines: Math.round(document.querySelector('.site-title').getBoundingClientRect().height / parseFloat(getComputedStyle(document.querySelector('.site-title')).lineHeight || '24')),
      }));
      assert.ok(top.bottom < 110, `${rel}: the top bars take ${top.bottom} px`);
      assert.ok(top.exit >= 44, `${rel}: Exit is ${top.exit} px tall`);
      await page.mouse.wheel(0, 2000);
      await page.waitForTimeout(100);
      const exitTop = await page.evaluate(() => document.querySelector('#exit-this-page').getBoundingClientRect().top);
      assert.ok(exitTop >= 0 && exitTop < 52, `${rel}: Exit stays in view after scrolling (top ${exitTop})`);
    }
    await context.close();
  });
});

describe('404 at any depth', () => {
  for (const rel of ['missing.html', 'articles/missing.html', 'articles/old/deeper/thing.html']) {
    test(`a missing address (${rel}) gets a styled 404 with a working Exit and links`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const watch = watchPage(page, server.origin);
      const response = await page.goto(server.url(rel));
      assert.equal(response.status(), 404);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.safety-bar')).backgroundColor);
      assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'the stylesheet applies');
      const home = await page.getByRole('link', { name: /start of the handbook/i }).getAttribute('href');
      assert.equal(new URL(home, page.url()).href, server.url('index.html'), 'the home link resolves from any depth');
      await page.route('https://exit.example/**', (r) => r.fulfill({ body: 'weather' }));
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      await page.waitForURL(/exit\.example/);
      // The page's own 404 status is expected; any other error (a missing asset, a CSP block) is not.
      assert.deepEqual(watch.errors.filter((e) => !e.includes(server.url(rel))), []);
      await context.close();
    });
  }

  test('404.html opened from file:// is styled and its links work', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(fileUrl(sites.fixture, '404.html'));
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.safety-bar')).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)');
    const home = await page.getByRole('link', { name: /start of the handbook/i }).getAttribute('href');
    assert.equal(home, 'index.html');
    assert.deepEqual(watch.errors, []);
    await context.close();
  });
});

describe('Get help now', () => {
  for (const [locale, country, number] of [['en-AU', 'Australia', 'tel:000'], ['en-US', 'United States', 'tel:911'], ['en-GB', 'United Kingdom', 'tel:999']]) {
    test(`a reader whose browser says ${locale} sees ${country} and its emergency number first`, async (t) => {
      if (!sites.real) return t.skip('no handbook content in this repository');
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(fileUrl(sites.real, 'get-help.html'));
      assert.equal(await page.locator('.help-country h3').first().textContent(), country);
      assert.equal(await page.locator('.help-country .help-emergency a').first().getAttribute('href'), number);
      await context.close();
    });
  }
});
