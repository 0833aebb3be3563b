// Issue 21's reader polish, measured at 390 and 1280 px in light and dark: checklists in GOV.UK's
// checkbox pattern, "My checklists" as cards, the theme toggle's label, the dark safety bar, and
// the earlier fixes (topic names, curly quotes in titles, one-line breadcrumbs). Screenshots go to
// tests/browser/screenshots/polish-*.png for a person to look at. Print is in polish-print.test.mjs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE_CHECKLISTS, FIXTURE_PAGES, axeViolations, launch, screenshotDir, serve, sites, watchPage } from './harness.mjs';

const BLOCK = FIXTURE_CHECKLISTS.block;
const LOOKS = [390, 1280].flatMap((width) => ['light', 'dark'].map((colorScheme) => ({ width, colorScheme })));

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve(sites.fixture);
  fs.mkdirSync(screenshotDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (name) => path.join(screenshotDir, `polish-${name}.png`);

/** Relative luminance of an element's computed background colour. */
function luminance(locator) {
  return locator.evaluate((el) => {
    const [r, g, b] = getComputedStyle(el).backgroundColor.match(/[\d.]+/g).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}
const contrast = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The left edge of the first words inside the element `selector` matches. */
function textLeft(page, selector) {
  return page.evaluate((sel) => {
    const walker = document.createTreeWalker(document.querySelector(sel), NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
    });
    const range = document.createRange();
    range.selectNodeContents(walker.nextNode());
    return range.getClientRects()[0].left;
  }, selector);
}

const centre = (box) => box.x + box.width / 2;

describe('checklists in the GOV.UK checkbox pattern', () => {
  for (const { width, colorScheme } of LOOKS) {
    test(`boxes, rows, progress and settings at ${width} px, ${colorScheme}`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      const watch = watchPage(page, server.origin);
      await page.goto(server.url(FIXTURE_PAGES.article));
      const list = page.locator(`fieldset[data-checklist="${BLOCK}"]`);
      const boxes = list.locator('.checklist-items input[data-item]');
      const rows = list.locator('.checklist-items label');
      assert.equal(await boxes.count(), 3);
      for (const box of await boxes.all()) {
        const b = await box.boundingBox();
        assert.ok(b.width >= 32 && b.height >= 32, `a box is ${b.width}×${b.height} px`);
      }

      // The whole row ticks its box: a click at the row's far end, away from box and words.
      const row = await rows.first().boundingBox();
      await page.mouse.click(row.x + row.width - 3, row.y + row.height - 3);
      assert.equal(await boxes.first().isChecked(), true, 'a click at the end of the row ticks it');
      await page.mouse.move(0, 0);
      const [ticked, unticked] = [await luminance(rows.nth(0)), await luminance(rows.nth(1))];
      assert.ok(contrast(ticked, unticked) > 1.05, `a ticked row looks different (${ticked} vs ${unticked})`);

      const bar = list.locator('progress');
      assert.equal(await bar.count(), 1, 'one progress bar');
      assert.deepEqual(await bar.evaluate((p) => [p.value, p.max, p.getAttribute('aria-hidden')]), [1, 3, 'true']);
      const status = list.locator('[role="status"]');
      assert.equal((await status.textContent()).trim(), 'You have ticked 1 of 3.');
      const [s, p] = [await status.boundingBox(), await bar.boundingBox()];
      assert.ok(p.y < s.y + s.height + 8, 'the bar sits beside (or just under) the status');

      // "Remember" is a setting: its own group, not among the items, lined up with them.
      const settings = list.locator('fieldset.checklist-controls');
      assert.equal((await settings.locator('legend').textContent()).trim(), 'Your ticks');
      const remember = settings.getByLabel('Remember my ticks on this device');
      assert.equal(await remember.count(), 1);
      assert.equal(await list.locator('.checklist-items [data-remember]').count(), 0);
      const [itemBox, rememberBox] = [await boxes.nth(1).boundingBox(), await remember.boundingBox()];
      assert.ok(Math.abs(centre(itemBox) - centre(rememberBox)) <= 3, 'the setting\'s box is centred under the items\' boxes');
      const itemWords = await textLeft(page, `fieldset[data-checklist="${BLOCK}"] .checklist-items li:nth-child(2) label`);
      const settingWords = await textLeft(page, `fieldset[data-checklist="${BLOCK}"] .checklist-controls label`);
      assert.ok(Math.abs(itemWords - settingWords) <= 4, `words line up (${itemWords} vs ${settingWords})`);
      // The widget writes "Clear my answers" as an <input type="button">: styled as a button, not as a box.
      const clear = settings.getByRole('button', { name: 'Clear my answers' });
      const fits = await clear.evaluate((b) => [b.scrollWidth <= b.clientWidth, b.getBoundingClientRect().width, b.getBoundingClientRect().height]);
      assert.ok(fits[0] && fits[1] > 100 && fits[2] >= 40, `the button shows its words (fits, width, height: ${fits})`);

      await list.screenshot({ path: shot(`checklist-${width}-${colorScheme}`) });
      assert.deepEqual(await axeViolations(page), []);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth), 0, 'no sideways scroll');
      assert.deepEqual(watch.problems(), []);
      await context.close();
    });
  }

  test('without JavaScript they are plain, large checkboxes whose rows tick them', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url(FIXTURE_PAGES.article));
    const list = page.locator(`fieldset[data-checklist="${BLOCK}"]`);
    const box = list.locator('input[data-item]').first();
    assert.ok((await box.boundingBox()).width >= 32);
    const row = await list.locator('.checklist-items label').first().boundingBox();
    await page.mouse.click(row.x + row.width - 3, row.y + row.height / 2);
    assert.equal(await box.isChecked(), true);
    // In the page (so nothing moves when a script runs) but not shown without one.
    assert.equal(await list.locator('.checklist-status').isVisible(), false, 'no script, no progress');
    assert.equal(await list.locator('.checklist-controls').isVisible(), false, 'no script, no settings');
    await list.screenshot({ path: shot('checklist-no-js') });
    await context.close();
  });
});

describe('"My checklists"', () => {
  for (const { width, colorScheme } of LOOKS) {
    test(`each checklist is a card with its page, progress and a link at ${width} px, ${colorScheme}`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      await page.goto(server.url(FIXTURE_PAGES.article));
      await page.locator(`fieldset[data-checklist="${BLOCK}"] input[data-item]`).first().check();
      await page.goto(server.url(FIXTURE_PAGES.checklists));
      const cards = page.locator('.my-checklists > li');
      assert.ok((await cards.count()) >= 2);
      for (const card of await cards.all()) {
        const look = await card.evaluate((el) => ({ border: parseFloat(getComputedStyle(el).borderTopWidth), pad: parseFloat(getComputedStyle(el).paddingLeft) }));
        assert.ok(look.border >= 1 && look.pad >= 8, 'a card has a border and room inside');
        assert.match(await card.locator('h2 a').getAttribute('href'), /\.html#checklist-/);
        assert.match(await card.locator('p').first().textContent(), /^In .+ · \d+ items?$/);
        assert.equal(await card.locator('progress').count(), 1);
      }
      const mine = page.locator(`[data-checklist-ref="${BLOCK}"]`);
      assert.equal(await mine.locator('progress').evaluate((p) => p.value), 1);
      assert.match(await mine.locator('[data-saved]').textContent(), /^1 of 3 ticked$/);
      await page.screenshot({ path: shot(`my-checklists-${width}-${colorScheme}`), fullPage: true });
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
});

describe('dark mode', () => {
  test('the toggle says what it will do, not a pressed state that reads both ways', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(server.url(FIXTURE_PAGES.article));
      const toggle = page.locator('[data-theme-toggle]');
      const first = colorScheme === 'light' ? 'Dark mode' : 'Light mode';
      const then = colorScheme === 'light' ? 'Light mode' : 'Dark mode';
      assert.equal((await toggle.textContent()).trim(), first);
      assert.equal(await toggle.getAttribute('aria-pressed'), null);
      await toggle.click();
      assert.equal((await toggle.textContent()).trim(), then);
      await context.close();
    }
  });

  for (const width of [390, 1280]) {
    test(`the safety bar stands out from the page at ${width} px, light and dark`, async () => {
      for (const colorScheme of ['light', 'dark']) {
        const context = await browser.newContext({ viewport: { width, height: 700 }, colorScheme });
        const page = await context.newPage();
        await page.goto(server.url(FIXTURE_PAGES.article));
        const ratio = contrast(await luminance(page.locator('.safety-bar')), await luminance(page.locator('body')));
        assert.ok(ratio >= 1.5, `${colorScheme}: bar against page ${ratio.toFixed(2)}:1`);
        await page.screenshot({ path: shot(`top-${width}-${colorScheme}`) });
        await context.close();
      }
    });
  }
});

describe('the header search box', () => {
  for (const width of [390, 1280]) {
    test(`says "Search" once at ${width} px: the placeholder only where the label is hidden`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url(FIXTURE_PAGES.article));
      const label = page.locator('.site-search label');
      const labelShown = await label.evaluate((l) => getComputedStyle(l).clipPath === 'none');
      const placeholderShown = await page.locator('.site-search input').evaluate(
        (i) => getComputedStyle(i, '::placeholder').color !== 'rgba(0, 0, 0, 0)',
      );
      assert.equal(labelShown, width >= 1280, 'the label shows on a desktop, not on a phone');
      assert.notEqual(labelShown, placeholderShown, `label ${labelShown}, placeholder ${placeholderShown}`);
      await context.close();
    });
  }
});

describe('earlier fixes still hold on the real handbook', () => {
  let real;
  before(async () => {
    if (sites.real) real = await serve(sites.real);
  });
  after(async () => real?.close());

  for (const width of [390, 1280]) {
    test(`topic names, curly quotes in titles and one-line breadcrumbs at ${width} px`, async (t) => {
      if (!real) return t.skip('the repository has no content/');
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(real.url('tags/index.html'));
      const names = await page.locator('main .tag-cloud a').allInnerTexts();
      assert.ok(names.length > 5);
      assert.deepEqual(names.filter((n) => /^[a-z]|Co parenting/.test(n)), [], 'topics show display names, not slugs');
      await page.goto(real.url('tags/new-partners.html'));
      assert.match(await page.locator('h1').textContent(), /New partners/);
      const trail = await page.locator('.breadcrumbs').innerText();
      assert.ok(trail.includes('Topics') && !trail.includes('Tags'), `one word for topics: ${trail}`);

      await page.goto(real.url('articles/communication-dos-and-donts.html'));
      assert.match(await page.locator('h1').textContent(), /Do’s and don’ts/);
      assert.match(await page.title(), /Do’s and don’ts/);
      const lines = await page.locator('.breadcrumbs ol').evaluate((ol) => ol.getBoundingClientRect().height / parseFloat(getComputedStyle(ol).lineHeight));
      assert.ok(lines < 1.6, `the breadcrumb trail takes ${lines.toFixed(1)} lines`);
      await page.screenshot({ path: shot(`real-article-${width}`) });
      await context.close();
    });
  }

  test('the handbook\'s name is shown whole on a phone, not cut to "Reconnecting, …"', async (t) => {
    if (!real) return t.skip('the repository has no content/');
    for (const width of [390, 360]) {
      const context = await browser.newContext({ viewport: { width, height: 844 } });
      const page = await context.newPage();
      await page.goto(real.url('index.html'));
      const title = await page.locator('.site-title').evaluate((el) => ({
        clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
        bottom: document.querySelector('.site-header').getBoundingClientRect().bottom,
      }));
      assert.equal(title.clipped, false, `${width} px: the name is cut`);
      assert.ok(title.bottom < 110, `${width} px: the top bars take ${title.bottom} px`);
      if (width === 390) await page.screenshot({ path: shot('real-phone-top'), clip: { x: 0, y: 0, width, height: 160 } });
      await context.close();
    }
  });

  test('checklist titles read as titles', async (t) => {
    if (!real) return t.skip('the repository has no content/');
    const page = await browser.newPage();
    await page.goto(real.url('checklists.html'));
    const titles = await page.locator('.my-checklists h2').allInnerTexts();
    assert.ok(titles.length >= 5);
    // "This week, try" was a heading's fragment, not a title.
    assert.deepEqual(titles.filter((x) => /,\s*\w+$|^[a-z]/.test(x)), []);
    await page.close();
  });
});
