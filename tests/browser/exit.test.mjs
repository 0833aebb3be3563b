// "Exit this page" in a real browser: the link, the skip link, Shift pressed three times (and
// the near misses that must not exit), storage cleared, no referrer, blanking even offline.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIXTURE_CHECKLISTS,
  FIXTURE_EXIT_URL,
  FIXTURE_PAGES,
  checklistRecord,
  item,
  launch,
  serve,
  sites,
  storageOf,
  watchPage,
} from './harness.mjs';

const ARTICLE = FIXTURE_PAGES.article;
const BLOCK = FIXTURE_CHECKLISTS.block;
const SPACE = 'I have given myself at least two to three months of space';
const EXIT_ORIGIN = new URL(FIXTURE_EXIT_URL).origin;

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

/**
 * A page on the article with one tick remembered (both storages then hold state), the exit
 * address answered locally; `exits` collects each request made to it.
 */
async function openTicked({ remember = true } = {}) {
  const context = await browser.newContext();
  const exits = [];
  await context.route(`${EXIT_ORIGIN}/**`, async (route) => {
    exits.push({ url: route.request().url(), headers: await route.request().allHeaders() });
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Sunny.</p>' });
  });
  const page = await context.newPage();
  const watch = watchPage(page, server.origin);
  await page.goto(server.url(ARTICLE));
  await item(page, BLOCK, SPACE).check();
  if (remember) {
    await page.locator(`fieldset[data-checklist="${BLOCK}"]`).getByText('Remember my ticks on this device').click();
  }
  await page.evaluate(() => sessionStorage.setItem('handbook:probe', 'x'));
  return { context, page, exits, watch };
}

async function assertExited(page, exits) {
  await page.waitForURL(FIXTURE_EXIT_URL, { timeout: 5000 });
  assert.equal(exits.length, 1, 'one request to the exit address');
  assert.equal(exits[0].headers.referer, undefined, `no Referer sent: ${JSON.stringify(exits[0].headers)}`);
  // Back at the site in the same tab: nothing of the reader's checklist state is left.
  await page.goto(server.url(FIXTURE_PAGES.home));
  const stored = await storageOf(page);
  assert.equal(checklistRecord(stored.session), undefined, 'session checklist state cleared');
  assert.equal(checklistRecord(stored.local), undefined, 'remembered checklist state cleared');
}

/** Whether the page still shows the article to someone looking over the reader's shoulder. */
async function articleVisible(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return false;
    const r = main.getBoundingClientRect();
    const s = getComputedStyle(main);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0' && !document.body.hidden;
  });
}

describe('exit this page', () => {
  test('the link is a real link with no referrer, to the configured address', async () => {
    const { context, page } = await openTicked({ remember: false });
    const link = page.locator('#exit-this-page');
    assert.equal(await link.getAttribute('href'), FIXTURE_EXIT_URL);
    assert.match(await link.getAttribute('rel'), /\bnoreferrer\b/);
    assert.equal(await link.textContent(), 'Exit this page');
    assert.equal(
      await page.locator('meta[name="referrer"]').getAttribute('content'),
      'no-referrer',
    );
    await context.close();
  });

  test('clicking it leaves, sends no referrer and clears saved ticks', async () => {
    const { context, page, exits, watch } = await openTicked();
    await page.locator('#exit-this-page').click();
    await assertExited(page, exits);
    assert.deepEqual(watch.errors, []);
    await context.close();
  });

  test('the "Skip to Exit this page" skip link then Enter leaves', async () => {
    const { context, page, exits } = await openTicked();
    await page.goto(server.url(ARTICLE)); // focus starts at the top again
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to Exit this page');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'exit-this-page', 'focus moved to the exit link');
    await page.keyboard.press('Enter');
    await assertExited(page, exits);
    await context.close();
  });

  test('Shift pressed three times leaves', async () => {
    const { context, page, exits } = await openTicked();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    await assertExited(page, exits);
    await context.close();
  });

  test('Shift+A then Shift twice does not leave', async () => {
    const { context, page, exits } = await openTicked();
    await page.keyboard.press('Shift+A');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForTimeout(700);
    assert.equal(page.url(), server.url(ARTICLE));
    assert.equal(exits.length, 0);
    assert.equal(await articleVisible(page), true);
    assert.equal(await item(page, BLOCK, SPACE).isChecked(), true, 'nothing cleared');
    await context.close();
  });

  test('Shift presses further apart than the timeout do not leave', async () => {
    const { context, page, exits } = await openTicked();
    // The fake clock stands for a reader who pauses a minute between presses.
    await page.clock.install();
    await page.keyboard.press('Shift');
    await page.clock.fastForward(60_000);
    await page.keyboard.press('Shift');
    await page.clock.fastForward(60_000);
    await page.keyboard.press('Shift');
    await page.clock.runFor(1000);
    await page.waitForTimeout(500);
    assert.equal(page.url(), server.url(ARTICLE));
    assert.equal(exits.length, 0);
    assert.equal(await articleVisible(page), true);
    await context.close();
  });

  test('the page blanks at once, before the exit address answers', async () => {
    const context = await browser.newContext();
    // A 204 answer cancels the navigation, so the page that pressed Exit stays to be looked at:
    // what a reader sees while a slow exit address loads. (While a navigation is pending,
    // Playwright cannot evaluate in the page.)
    await context.route(`${EXIT_ORIGIN}/**`, (route) => route.fulfill({ status: 204 }));
    const page = await context.newPage();
    await page.goto(server.url(ARTICLE));
    assert.equal(await articleVisible(page), true);
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    await page.waitForTimeout(200);
    assert.equal(page.url(), server.url(ARTICLE), 'still on the article: the 204 cancelled the exit');
    assert.equal(await articleVisible(page), false, 'the article is hidden the moment Exit starts');
    await context.close();
  });

  test('offline, the page still blanks and saved ticks are still cleared', async () => {
    const { context, page } = await openTicked();
    await context.setOffline(true);
    await page.locator('#exit-this-page').click();
    await page.waitForTimeout(500);
    const stillShown = await articleVisible(page).catch(() => false);
    assert.equal(stillShown, false, 'nothing of the article is visible after exit, offline');
    await context.setOffline(false);
    await page.goto(server.url(FIXTURE_PAGES.home));
    const stored = await storageOf(page);
    assert.equal(checklistRecord(stored.session), undefined);
    assert.equal(checklistRecord(stored.local), undefined);
    await context.close();
  });

  test('Exit replaces the page in history, so Back skips it', async () => {
    const { context, page, exits } = await openTicked({ remember: false });
    await page.goto(server.url(FIXTURE_PAGES.home));
    await page.goto(server.url(ARTICLE));
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    await page.waitForURL(FIXTURE_EXIT_URL);
    assert.equal(exits.length, 1);
    // location.replace took the article out of history: back goes to the page before it.
    await page.goBack();
    assert.equal(page.url(), server.url(FIXTURE_PAGES.home));
    assert.equal(await articleVisible(page), true, 'the page before is shown, not left blank');
    await context.close();
  });
});
