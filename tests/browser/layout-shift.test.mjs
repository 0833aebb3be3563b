// No layout shift when the scripts run (issue 20: Lighthouse scored the search page 97 and the
// checklists page 99 for it). The page's deferred scripts are held back until the browser has
// painted the page, as on a slow phone, then let through; whatever they add must already have
// its place, so Chromium records no layout-shift entry. Without scripting, what only a script
// can use (the theme toggle, the search page's box, the checklists' progress) is not shown.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE_PAGES, launch, serve, sites } from './harness.mjs';

// Lighthouse's mobile preset: a Moto G-class phone.
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const DEFERRED = /\/assets\/(handbook|search|search-page|search\/index)\.js$/;

let browser;
const servers = {};

before(async () => {
  browser = await launch();
  servers.fixture = await serve(sites.fixture);
  if (sites.real) servers.real = await serve(sites.real);
});
after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
});

/** Every layout shift on `rel`, its deferred scripts let through only after the first paint. */
async function shifts(server, rel, options = PHONE) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.hbShifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const moved = e.sources.map((s) => (s.node ? `${s.node.nodeName.toLowerCase()}.${s.node.className}` : '?'));
        window.hbShifts.push(`${e.value.toFixed(4)} ${moved.join(' ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const held = [];
  let release;
  const painted = new Promise((resolve) => (release = resolve));
  await page.route(DEFERRED, async (route) => {
    held.push(route.request().url());
    await painted;
    await route.continue();
  });
  const loaded = page.goto(server.url(rel), { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByType('paint').length > 0, null, { polling: 'raf' });
  release();
  await loaded;
  // Two frames after load: a shift the scripts caused is recorded by then.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const found = await page.evaluate(() => window.hbShifts);
  await context.close();
  return { found, held };
}


describe('no layout shift when the scripts run', () => {
  for (const [kind, rel] of Object.entries(FIXTURE_PAGES)) {
    test(`fixture ${kind} (${rel})`, async () => {
      const { found, held } = await shifts(servers.fixture, rel);
      if (kind !== '404') assert.ok(held.some((u) => u.endsWith('/handbook.js')), `handbook.js was held: ${held}`);
      if (kind === 'search') assert.ok(held.some((u) => u.endsWith('/search-page.js')), `${held}`);
      assert.deepEqual(found, []);
    });
  }

  test('the real handbook: search, checklists and home, on a phone and a desktop', async (t) => {
    if (!servers.real) return t.skip('no content/ in this repository');
    for (const options of [PHONE, { viewport: { width: 1280, height: 900 } }]) {
      for (const rel of ['search.html', 'checklists.html', 'index.html']) {
        const { found } = await shifts(servers.real, rel, options);
        assert.deepEqual(found, [], `${rel} at ${options.viewport.width} px`);
      }
    }
  });

  test('the search page fills the box the page already holds', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(servers.fixture.url('search.html'));
    await page.locator('#search-page-input').fill('wait');
    await page.locator('.search-page-results .search-result').first().waitFor();
    assert.equal(await page.locator('[data-search-results] form').count(), 1, 'one form, not a second one made by the script');
    assert.equal(await page.locator('#site-search-input').isVisible(), false, "the header's box gives way to the page's");
    await context.close();
  });
});

describe('without scripting', () => {
  test('the theme toggle, the search box and checklists\' progress and controls are not shown', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(servers.fixture.url('search.html'));
    assert.equal(await page.locator('.theme-toggle').isVisible(), false);
    assert.equal(await page.locator('#search-page-input').isVisible(), false);
    assert.ok(await page.locator('[data-search-all] a').first().isVisible(), 'the list of every page shows instead');
    await page.goto(servers.fixture.url('checklists.html'));
    assert.ok(await page.locator('.my-checklists h2 a').first().isVisible());
    assert.equal(await page.locator('.my-checklists .checklist-status').first().isVisible(), false);
    // A checklist's progress and "Your ticks" are in the page, but without a script they do nothing.
    await page.goto(servers.fixture.url(FIXTURE_PAGES.article));
    assert.ok(await page.locator('fieldset[data-checklist] input[data-item]').first().isVisible());
    assert.equal(await page.locator('fieldset[data-checklist] .checklist-status').first().isVisible(), false);
    assert.equal(await page.locator('fieldset[data-checklist] .checklist-controls').first().isVisible(), false);
    assert.equal(await page.locator('fieldset[data-checklist] .checklist-note').first().isVisible(), false);
    await context.close();
  });
});
