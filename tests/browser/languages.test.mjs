// A handbook in two languages, from file://: English pages and their French translations in
// fr/, linked both ways by hreflang alternates and the footer's language switcher.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { axeViolations, fileUrl, launch, screenshotDir, sites } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const EN = 'articles/taking-space.html';
const FR = 'fr/articles/prendre-du-recul.html';

test('the switcher goes to the translation and back, each page in its own language', async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(sites.multilingual, EN));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  // With base_url the alternates are whole addresses, as search engines require of hreflang.
  const BASE = 'https://example.org/handbook/';
  assert.equal(await page.locator('link[rel=alternate][hreflang=fr]').getAttribute('href'), BASE + FR);
  assert.equal(await page.locator('link[rel=alternate][hreflang=x-default]').getAttribute('href'), BASE + EN);
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('.language-switch a[hreflang=fr]').click();
  await page.waitForURL(fileUrl(sites.multilingual, FR));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  assert.equal(await page.locator('#exit-this-page').textContent(), 'Quitter cette page');
  // The language's own settings (`languages: [{code: fr, title: …}]`), not the handbook's.
  assert.equal(await page.locator('.site-title').textContent(), 'Petit guide');
  assert.match(await page.title(), / · Petit guide$/);
  assert.equal(await page.locator('#exit-this-page').getAttribute('href'), 'https://example.org/meteo');
  assert.equal(await page.locator('.language-switch').textContent(), 'Dans d’autres langues\u00a0: English');
  assert.equal(await page.locator('link[rel=alternate][hreflang=en]').getAttribute('href'), BASE + EN);
  assert.equal(await page.locator('link[rel=alternate][hreflang=fr]').getAttribute('href'), BASE + FR);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(screenshotDir, 'languages-french.png'), fullPage: true });
  await page.locator('.language-switch a[hreflang=en]').click();
  await page.waitForURL(fileUrl(sites.multilingual, EN));
  assert.equal(await page.locator('#exit-this-page').textContent(), 'Exit this page');
  assert.equal(await page.locator('.site-title').textContent(), 'Little handbook');
  assert.equal(await page.locator('#exit-this-page').getAttribute('href'), 'https://example.org/weather');
  await page.close();
});

test('a page without a translation switches to the other language\'s home', async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(sites.multilingual, 'articles/what-to-write.html'));
  assert.equal(await page.locator('link[rel=alternate][hreflang=fr]').count(), 0);
  await page.locator('.language-switch a[hreflang=fr]').click();
  await page.waitForURL(fileUrl(sites.multilingual, 'fr/index.html'));
  assert.equal(await page.locator('main h1').textContent(), 'Petit guide');
  await page.close();
});

test('French search in fr/ finds a French word by its plural, with or without accents', async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(sites.multilingual, FR));
  for (const q of ['émotion', 'emotions']) {
    await page.fill('#site-search-input', q);
    await page.waitForFunction(() => /^1 résultat$/.test(document.querySelector('.search-status')?.textContent || '')
      && document.querySelector('.search-option .search-title')?.textContent === 'Prendre du recul');
  }
  await page.close();
});

test('a French page writes its widgets\' words and its search kinds in French', async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(sites.multilingual, FR));
  assert.equal(await page.locator('.callout-tip .callout-title').textContent(), 'Conseil');
  // The home page and the section page: "Accueil" and "Rubrique", not "Home" and "Section".
  await page.fill('#site-search-input', 'guide');
  await page.waitForFunction(() => document.querySelectorAll('.search-option .search-kind').length >= 2);
  const kinds = await page.locator('.search-option .search-kind').allTextContents();
  assert.ok(kinds.includes('Accueil') && kinds.includes('Rubrique'), kinds.join(', '));
  await page.goto(fileUrl(sites.multilingual, EN));
  assert.equal(await page.locator('.callout-tip .callout-title').textContent(), 'Tip');
  await page.fill('#site-search-input', 'handbook');
  await page.waitForFunction(() => document.querySelectorAll('.search-option .search-kind').length >= 2);
  const english = await page.locator('.search-option .search-kind').allTextContents();
  assert.ok(english.includes('Home') && english.includes('Section'), english.join(', '));
  await page.close();
});
