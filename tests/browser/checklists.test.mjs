// Checklists in a real browser: session ticks, the "remember" opt-in, ids only in storage,
// reordering, clearing, storage that throws, and the keyboard.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CHECKLIST_KEY,
  FIXTURE_CHECKLISTS,
  FIXTURE_PAGES,
  checklistRecord,
  item,
  itemId,
  launch,
  launchPersistent,
  serve,
  sites,
  storageOf,
  watchPage,
} from './harness.mjs';

const ARTICLE = FIXTURE_PAGES.article;
const BLOCK = FIXTURE_CHECKLISTS.block;
const TASKS = FIXTURE_CHECKLISTS.taskList;
const SPACE = 'I have given myself at least two to three months of space';
const NAME = 'I can name what I did that contributed to the breakup';
const ACCEPT = 'I can accept “no” or no reply at all'; // the build makes the quotes curly
const SHORT = 'It is short and asks for nothing';

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

async function openArticle(context) {
  const page = await context.newPage();
  const watch = watchPage(page, server.origin);
  await page.goto(server.url(ARTICLE));
  return { page, watch };
}

/** The text of the checklist's live progress status ("1 of 3 done"). */
async function progress(page, id) {
  const status = page.locator(
    `fieldset[data-checklist="${id}"] :is([role="status"], output, [aria-live]), fieldset[data-checklist="${id}"] + :is([role="status"], output, [aria-live])`,
  );
  assert.equal(await status.count(), 1, `one live progress status for checklist ${id}`);
  return (await status.textContent()).replace(/\s+/g, ' ').trim();
}

function clickControl(page, id, text) {
  return page.locator(`fieldset[data-checklist="${id}"]`).getByText(text, { exact: true }).click();
}

describe('session ticks', () => {
  test('nothing is written before the reader acts', async () => {
    const context = await browser.newContext();
    const { page, watch } = await openArticle(context);
    const stored = await storageOf(page);
    assert.deepEqual(stored, { session: {}, local: {}, cookie: '' });
    assert.deepEqual(watch.problems(), []);
    await context.close();
  });

  test('a tick survives a reload, not a new context, and is stored as ids only', async () => {
    const context = await browser.newContext();
    const { page, watch } = await openArticle(context);
    await item(page, BLOCK, SPACE).check();
    await item(page, TASKS, SHORT).check();
    assert.match(await progress(page, BLOCK), /\b1 of 3\b/);

    const stored = await storageOf(page);
    assert.deepEqual(stored.local, {}, 'session mode writes nothing to localStorage');
    const record = checklistRecord(stored.session);
    assert.deepEqual(record, {
      v: 1,
      remember: false,
      lists: { [BLOCK]: [itemId(SPACE)], [TASKS]: [itemId(SHORT)] },
    });
    const raw = stored.session[CHECKLIST_KEY];
    for (const words of ['months of space', 'asks for nothing', 'Before you reach out']) {
      assert.ok(!raw.includes(words), `stored value holds no item text: ${raw}`);
    }

    await page.reload();
    assert.equal(await item(page, BLOCK, SPACE).isChecked(), true);
    assert.equal(await item(page, TASKS, SHORT).isChecked(), true);
    assert.equal(await item(page, BLOCK, NAME).isChecked(), false);
    assert.match(await progress(page, BLOCK), /\b1 of 3\b/);
    assert.deepEqual(watch.problems(), []);
    await context.close();

    const fresh = await browser.newContext();
    const second = await openArticle(fresh);
    assert.equal(await item(second.page, BLOCK, SPACE).isChecked(), false);
    await fresh.close();
  });

  test('the done message shows once every item is ticked', async () => {
    const context = await browser.newContext();
    const { page, watch } = await openArticle(context);
    const done = page.locator(`fieldset[data-checklist="${BLOCK}"] [data-done]`);
    assert.equal(await done.isVisible(), false);
    for (const text of [SPACE, NAME, ACCEPT]) await item(page, BLOCK, text).check();
    assert.match(await progress(page, BLOCK), /\b3 of 3\b/);
    assert.equal(await done.isVisible(), true);
    assert.deepEqual(watch.problems(), []);
    await context.close();
  });
});

describe('remember my ticks on this device', () => {
  test('opting in moves the ticks to localStorage and they survive a new browser session', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-profile-'));
    let context;
    try {
      context = await launchPersistent(profile);
      let { page, watch } = await openArticle(context);
      await item(page, BLOCK, SPACE).check();
      await clickControl(page, BLOCK, 'Remember my ticks on this device');
      await item(page, BLOCK, NAME).check();
      const stored = await storageOf(page);
      assert.deepEqual(stored.session, {}, 'remembered ticks leave sessionStorage');
      const record = checklistRecord(stored.local);
      assert.equal(record.remember, true);
      assert.deepEqual([...record.lists[BLOCK]].sort(), [itemId(SPACE), itemId(NAME)].sort());
      assert.deepEqual(watch.problems(), []);
      await context.close();

      context = await launchPersistent(profile);
      ({ page, watch } = await openArticle(context));
      assert.equal(await item(page, BLOCK, SPACE).isChecked(), true);
      assert.equal(await item(page, BLOCK, NAME).isChecked(), true);
      assert.equal(await item(page, BLOCK, ACCEPT).isChecked(), false);
      assert.match(await progress(page, BLOCK), /\b2 of 3\b/);
      assert.deepEqual(watch.problems(), []);
    } finally {
      // A persistent context is its own Chromium: left open, it would keep this file's process alive.
      await context?.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });
});

describe('reordering the items', () => {
  test('a rebuild with the items in another order keeps the right ticks', async () => {
    const reordered = await serve(sites.fixture);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const watch = watchPage(page, reordered.origin);
      await page.goto(reordered.url(ARTICLE));
      const first = page.locator(`fieldset[data-checklist="${BLOCK}"] input[type="checkbox"][data-item]`).first();
      assert.equal(await first.getAttribute('data-item'), itemId(SPACE));
      await item(page, BLOCK, SPACE).check();
      await item(page, TASKS, SHORT).check();

      reordered.setRoot(sites.fixtureReordered);
      await page.reload();
      assert.equal(await first.getAttribute('data-item'), itemId(ACCEPT), 'the rebuilt page has the new order');
      assert.equal(await item(page, BLOCK, SPACE).isChecked(), true);
      assert.equal(await item(page, BLOCK, ACCEPT).isChecked(), false);
      assert.equal(await item(page, TASKS, SHORT).isChecked(), true);
      assert.equal(await item(page, TASKS, 'It mentions nothing about the new partner').isChecked(), false);
      assert.deepEqual(watch.problems(), []);
    } finally {
      await context.close();
      await reordered.close();
    }
  });
});

describe('clearing', () => {
  test('"Clear my answers" unticks the list and removes it from storage', async () => {
    const context = await browser.newContext();
    const { page, watch } = await openArticle(context);
    await item(page, BLOCK, SPACE).check();
    await item(page, TASKS, SHORT).check();
    await page
      .locator(`fieldset[data-checklist="${BLOCK}"]`)
      .getByRole('button', { name: 'Clear my answers' })
      .click();
    assert.equal(await item(page, BLOCK, SPACE).isChecked(), false);
    assert.match(await progress(page, BLOCK), /\b0 of 3\b/);
    const lists = checklistRecord((await storageOf(page)).session)?.lists ?? {};
    assert.ok(!(BLOCK in lists) || lists[BLOCK].length === 0, `cleared list gone: ${JSON.stringify(lists)}`);
    assert.deepEqual(lists[TASKS], [itemId(SHORT)], 'the other list keeps its ticks');

    await page
      .locator(`fieldset[data-checklist="${TASKS}"]`)
      .getByRole('button', { name: 'Clear my answers' })
      .click();
    const after = await storageOf(page);
    const left = checklistRecord(after.session)?.lists ?? {};
    assert.ok(Object.values(left).every((ids) => ids.length === 0), `nothing ticked is stored: ${JSON.stringify(after)}`);
    assert.deepEqual(watch.problems(), []);
    await context.close();
  });

  test('"Clear everything this site saved" empties both storages', async () => {
    const context = await browser.newContext();
    const { page, watch } = await openArticle(context);
    await item(page, BLOCK, SPACE).check();
    await clickControl(page, BLOCK, 'Remember my ticks on this device');
    await page.evaluate(() => localStorage.setItem('handbook:theme', 'dark'));
    await page.goto(server.url(FIXTURE_PAGES['staying-safe']));
    await page.getByRole('button', { name: 'Clear everything this site saved' }).click();
    const stored = await storageOf(page);
    assert.deepEqual(
      Object.keys(stored.local).filter((k) => k.startsWith('handbook:')),
      [],
      'no handbook key left in localStorage',
    );
    assert.deepEqual(Object.keys(stored.session).filter((k) => k.startsWith('handbook:')), []);
    await page.goto(server.url(ARTICLE));
    assert.equal(await item(page, BLOCK, SPACE).isChecked(), false);
    assert.deepEqual(watch.problems(), []);
    await context.close();
  });
});

describe('storage that throws', () => {
  test('ticking still works and updates progress, with a warning and no page error', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const refuse = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      Storage.prototype.setItem = refuse;
      Storage.prototype.getItem = refuse;
      Storage.prototype.removeItem = refuse;
    });
    const { page, watch } = await openArticle(context);
    await item(page, BLOCK, SPACE).check();
    assert.equal(await item(page, BLOCK, SPACE).isChecked(), true);
    assert.match(await progress(page, BLOCK), /\b1 of 3\b/);
    await clickControl(page, BLOCK, 'Remember my ticks on this device');
    const warning = page
      .locator(`fieldset[data-checklist="${BLOCK}"]`)
      .locator('[role="alert"], [role="status"], [aria-live], p, div')
      .filter({ hasText: /(can ?not|can't|could not|couldn't|unable to|won't|will not) (be )?(save|saved|remember)/i });
    assert.ok((await warning.count()) > 0, 'a warning says the ticks cannot be saved');
    assert.equal(await warning.last().isVisible(), true);
    assert.deepEqual(
      watch.errors.filter((e) => e.startsWith('pageerror')),
      [],
    );
    await context.close();
  });
});

describe('keyboard', () => {
  test('Tab reaches every checkbox and Space ticks it', async () => {
    const context = await browser.newContext();
    const { page, watch } = await openArticle(context);
    const target = item(page, BLOCK, NAME);
    const targetId = await target.getAttribute('id');
    let found = false;
    for (let i = 0; i < 60 && !found; i += 1) {
      await page.keyboard.press('Tab');
      found = await page.evaluate((id) => document.activeElement?.id === id, targetId);
    }
    assert.ok(found, 'the checkbox is reachable with Tab');
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
    assert.notEqual(outline.split(' ')[0], 'none', 'focused checkbox shows a focus outline');
    await page.keyboard.press('Space');
    assert.equal(await target.isChecked(), true);
    assert.match(await progress(page, BLOCK), /\b1 of 3\b/);
    assert.deepEqual(checklistRecord((await storageOf(page)).session).lists[BLOCK], [itemId(NAME)]);
    assert.deepEqual(watch.problems(), []);
    await context.close();
  });
});
