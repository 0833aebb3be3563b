// Issue 21's print points, checked on real PDFs: Chromium prints the page (page.pdf) and
// pdftotext (poppler-utils) reads it back. Ticked boxes print ticked, the handbook's own links
// print no relative paths (full addresses only with base_url), FAQ answers print without the
// accordion's +/−, and body lines keep a measure of about 70 characters.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_CHECKLISTS, FIXTURE_PAGES, launch, screenshotDir, serve, sites } from './harness.mjs';

const SPACE = 'I have given myself at least two to three months of space';
const NAME = 'I can name what I did that contributed to the breakup';

function pdftotextMissing() {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return undefined;
  } catch (e) {
    return 'pdftotext is missing (apt-get install poppler-utils)';
  }
}

let browser;
let tmp;
before(async () => {
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-print-'));
  fs.mkdirSync(screenshotDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The page as printed to an A4 PDF, as text (`-layout` keeps each printed line on one line). */
async function printed(page, name) {
  const pdf = path.join(tmp, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4' });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(screenshotDir, `polish-print-${name}.png`), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}

/** Skips (or fails under CI=true) where pdftotext is missing. */
function needsPdftotext(t) {
  const missing = pdftotextMissing();
  if (missing && process.env.CI === 'true') assert.fail(missing);
  if (missing) t.skip(missing);
  return !missing;
}

test('ticked boxes print ticked; internal links print no paths; lines keep ~70 characters', async (t) => {
  if (!needsPdftotext(t)) return;
  const server = await serve(sites.fixture);
  const page = await browser.newPage();
  await page.goto(server.url(FIXTURE_PAGES.article));
  await page.locator(`fieldset[data-checklist="${FIXTURE_CHECKLISTS.block}"]`).getByLabel(SPACE).check();
  const text = await printed(page, 'article');
  const line = (words) => text.split('\n').find((l) => l.includes(words.slice(0, 30))) ?? '';
  assert.match(line(SPACE), /✓\s+I have given/, 'the ticked item prints a tick');
  assert.doesNotMatch(line(NAME), /✓/, 'an unticked item prints an empty box');
  assert.doesNotMatch(text, /\.html\b|\.\.\//, 'no relative paths on paper');

  // Measure: the body's longest lines (its paragraphs) run about 70 characters.
  const body = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 20);
  const widest = Math.max(...body.map((l) => l.length));
  assert.ok(widest >= 55 && widest <= 80, `the widest printed line has ${widest} characters`);
  await page.close();
  await server.close();
});

test('FAQ answers print open, without the accordion marker', async (t) => {
  if (!needsPdftotext(t)) return;
  const server = await serve(sites.fixture);
  const page = await browser.newPage();
  await page.goto(server.url(FIXTURE_PAGES['faq-index']));
  const questions = await page.locator('details.faq-entry summary').allInnerTexts();
  const answers = await page.locator('details.faq-entry .faq-answer p:first-child').evaluateAll((ps) => ps.map((p) => p.textContent.trim().slice(0, 25)));
  assert.ok(questions.length >= 2 && answers.length >= 2);
  const text = await printed(page, 'faq');
  for (const a of answers) assert.ok(text.replace(/\s+/g, ' ').includes(a.replace(/\s+/g, ' ')), `the answer "${a}…" prints`);
  for (const q of questions) {
    const line = text.split('\n').find((l) => l.includes(q.trim().slice(0, 25))) ?? '';
    assert.doesNotMatch(line, /[+−]/, `no marker beside "${q.trim()}"`);
  }
  assert.doesNotMatch(text, /^\s*[+−]\s*$/m, 'no marker on a line of its own');
  await page.close();
  await server.close();
});

test('with base_url set, the handbook\'s own links print their full address', async (t) => {
  if (!needsPdftotext(t)) return;
  const server = await serve(sites.paged); // base_url: https://example.org/paged
  const page = await browser.newPage();
  await page.goto(server.url('articles/index.html'));
  const first = await page.locator('main .page-list a').first().getAttribute('href');
  const address = new URL(first, 'https://example.org/paged/articles/index.html').href;
  const text = (await printed(page, 'base-url')).replace(/\s+/g, '');
  assert.ok(text.includes(`(${address})`), `${first} printed as ${address}`);
  await page.close();
  await server.close();
});

test('printed pages keep a margin of paper around the text, whatever the print dialog says', async (t) => {
  if (!needsPdftotext(t)) return;
  const server = await serve(sites.fixture);
  const page = await browser.newPage();
  await page.goto(server.url(FIXTURE_PAGES.article));
  // page.pdf sets no margin of its own, as a print dialog's "None" would not: only @page can.
  const pdf = path.join(tmp, 'margin.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  const box = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  const words = [...box.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
  assert.ok(words.length > 20, box.slice(0, 400));
  const [left, top] = [Math.min(...words.map((w) => w[0])), Math.min(...words.map((w) => w[1]))];
  // A4 is 595 × 842 pt; 1.5 cm is 42.5 pt.
  assert.ok(left >= 42 && top >= 42, `text starts ${left} pt from the left and ${top} pt from the top`);
  assert.ok(Math.max(...words.map((w) => w[2])) <= 595 - 42, 'and ends before the right margin');
  await page.close();
  await server.close();
});
