// Handbooks in other languages, from file://: a French handbook speaks French in its scripts too
// (checklist progress, the Shift×3 countdown, search status), and an Arabic one lays out right
// to left (screenshot in tests/browser/screenshots/rtl-article.png).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileUrl, launch, screenshotDir, sites } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a French handbook: interface strings, plurals and dates in French', async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(sites.french, 'articles/prendre-du-recul.html'));
  assert.equal(await page.locator('#exit-this-page').textContent(), 'Quitter cette page');
  assert.equal(await page.locator('.reviewed time').textContent(), '5 décembre 2026');
  const progress = page.locator('.checklist-progress');
  assert.equal(await progress.textContent(), 'Vous avez coché 0 sur 2.');
  await page.locator('input[data-item]').first().check();
  assert.equal(await progress.textContent(), 'Vous avez coché 1 sur 2.');
  assert.equal(await page.locator('.checklist-controls [data-clear]').inputValue(), 'Effacer mes réponses');
  await page.locator('.checklist-controls [data-clear]').click();
  assert.equal(await progress.textContent(), 'Vos réponses sont effacées. Vous avez coché 0 sur 2.');
  await page.locator('main h1').click();
  await page.keyboard.press('Shift');
  assert.equal(await page.locator('[data-exit-status]').textContent(),
    'Appuyez encore 2 fois sur Maj pour quitter cette page.');
  await page.fill('#site-search-input', 'retomber');
  await page.waitForFunction(() => /résultat/.test(document.querySelector('.search-status')?.textContent || ''));
  assert.equal(await page.locator('.search-status').textContent(), '1 résultat');
  // A typo read as the nearest word is quoted the French way, with non-breaking spaces.
  await page.fill('#site-search-input', 'retombre');
  await page.waitForFunction(() => /pour/.test(document.querySelector('.search-status')?.textContent || ''));
  // The word shown is one the page holds ("retomber"), not the index's stem ("retomb"),
  // though no result's title or excerpt holds it (the index's w<n>.js names it).
  assert.equal(await page.locator('.search-status').textContent(),
    'Résultats affichés pour «\u00a0retomber\u00a0»\u00a0: 1 résultat');
  assert.equal(await page.locator('.search-note strong').textContent(), 'retomber');
  // The page says "émotions": found by the singular, with or without its accent.
  for (const q of ['émotion', 'emotion', 'EMOTIONS']) {
    await page.fill('#site-search-input', q);
    await page.waitForFunction(() => /^1 résultat$/.test(document.querySelector('.search-status')?.textContent || '')
      && document.querySelector('.search-option .search-title')?.textContent === 'Prendre du recul');
  }
  // French rules (search-fr.js, shipped with the engine for a French handbook): a plural in
  // -aux, a feminine plural with or without accents, and an elided word ("L’ex" -> "ex").
  for (const q of ['journal', 'journaux', 'première', 'premiere', 'PREMIÈRES', "l'ex", 'ex ', 'l’ex ']) {
    // Through "no results" first, so a status left from the last query cannot pass.
    await page.fill('#site-search-input', 'zzzzqx');
    await page.waitForFunction(() => document.querySelector('.search-status')?.textContent === 'Aucun résultat');
    await page.fill('#site-search-input', q);
    await page.waitForFunction(() => /^1 résultat$/.test(document.querySelector('.search-status')?.textContent || '')
      && document.querySelector('.search-option .search-title')?.textContent === 'Prendre du recul', null,
      { timeout: 5000 }).catch((e) => { throw new Error(`${q}: ${e.message}`); });
  }
  assert.ok(await page.evaluate(() => HandbookSearch.manifest.lang === 'fr' && !!HandbookSearch.fr));
  await page.screenshot({ path: path.join(screenshotDir, 'fr-search-elision.png') });
  await page.fill('#site-search-input', 'zzzzqx');
  await page.waitForFunction(() => document.querySelector('.search-status')?.textContent === 'Aucun résultat');
  await page.close();
});

test('the single-file copy of a French handbook searches with the French rules', async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(sites.frenchExported, 'downloads/handbook.html'));
  for (const q of ['premières', "l'ex"]) {
    await page.fill('#site-search-input', 'zzzzqx');
    await page.waitForFunction(() => document.querySelector('.search-status')?.textContent === 'Aucun résultat');
    await page.fill('#site-search-input', q);
    await page.locator('#site-search-input-listbox [role=option]', { hasText: 'Prendre du recul' }).first().waitFor();
  }
  assert.ok(await page.evaluate(() => HandbookSearch.manifest.lang === 'fr' && !!HandbookSearch.fr));
  await page.close();
});

test('a French handbook\'s "Read offline" page names its copies and their sizes in French', async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(sites.frenchExported, 'offline.html'));
  const item = (await page.locator('.downloads li').first().textContent()).trim();
  assert.match(item, /^Le guide entier dans une seule page web \(HTML\) \(\d+ Ko\)$/, item);
  await page.close();
});

test('a French handbook on a phone: the safety bar is no taller than the English one, Exit on one line', async () => {
  for (const width of [390, 360]) {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    await page.goto(fileUrl(sites.multilingual, 'fr/index.html'));
    const top = await page.evaluate(() => {
      const lines = (el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      };
      return {
        help: lines(document.querySelector('.help-link')),
        exit: lines(document.querySelector('#exit-this-page')),
        bottom: document.querySelector('.site-header').getBoundingClientRect().bottom,
      };
    });
    // "Obtenir de l’aide" may take two lines, set close enough to stay within Exit's height.
    assert.deepEqual([top.help <= 2, top.exit], [true, 1], `${width} px: ${JSON.stringify(top)}`);
    assert.ok(top.bottom < 110, `${width} px: the top bars take ${top.bottom} px`);
    if (width === 390) await page.screenshot({ path: path.join(screenshotDir, 'french-phone-top.png') });
    await page.close();
  }
});

test('a right-to-left handbook lays out from the right', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(fileUrl(sites.rtl, 'articles/one.html'));
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.locator('#exit-this-page').textContent(), 'اخرج من هذه الصفحة');
  // The callout's bar is at the start of the line, which is the right.
  const border = await page.locator('.callout').evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.borderRightWidth, s.borderLeftWidth];
  });
  assert.ok(parseFloat(border[0]) >= 4 && border[1] === '0px', border.join(' '));
  // Text starts at the right: the heading's right edge meets the main column's.
  const edges = await page.evaluate(() => {
    const main = document.querySelector('main').getBoundingClientRect();
    const h1 = document.querySelector('main h1');
    const range = document.createRange();
    range.selectNodeContents(h1);
    const text = range.getBoundingClientRect();
    return { mainRight: main.right, textRight: text.right, textLeft: text.left, mainLeft: main.left };
  });
  assert.ok(edges.mainRight - edges.textRight < 40, JSON.stringify(edges));
  assert.ok(edges.textLeft - edges.mainLeft > 100, JSON.stringify(edges));
  // Checklist boxes and timeline numbers sit at the start (the right), clear of their words.
  const mirrored = await page.evaluate(() => {
    const words = (el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect(); };
    const items = [...document.querySelectorAll('.checklist-items label')].map((label) => {
      const box = label.querySelector('input').getBoundingClientRect();
      return { boxLeft: box.left, wordsRight: words(label.lastChild).right };
    });
    const steps = [...document.querySelectorAll('.timeline-step')].map((step) => {
      const circle = getComputedStyle(step, '::before');
      const right = step.getBoundingClientRect().right - parseFloat(circle.right);
      return { circleLeft: right - parseFloat(circle.width), wordsRight: words(step.querySelector('.timeline-when')).right };
    });
    return { items, steps };
  });
  assert.equal(mirrored.items.length, 2);
  assert.equal(mirrored.steps.length, 2);
  for (const x of [...mirrored.items, ...mirrored.steps]) {
    assert.ok((x.boxLeft ?? x.circleLeft) >= x.wordsRight, JSON.stringify(mirrored));
  }
  await page.screenshot({ path: path.join(screenshotDir, 'rtl-article.png'), fullPage: true });
  // No Arabic stemmer: search folds only (manifest `lang` "ar"), and still finds a word.
  await page.fill('#site-search-input', 'قصير');
  await page.locator('#site-search-input-listbox [role=option]', { hasText: 'مقالة' }).first().waitFor();
  assert.equal(await page.evaluate(() => HandbookSearch.manifest.lang), 'ar');
  await page.close();
});
