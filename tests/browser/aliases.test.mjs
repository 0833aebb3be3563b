// Redirect pages of renamed pages (`aliases:`), opened from disk (file://) as an offline copy is:
// the meta refresh lands on the page's new address, and the page's visible link (for a browser
// that does not follow the refresh) leads there too. Uses tests/fixtures/sites/aliases/expected,
// which the fixture test holds equal to a fresh build.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeViolations, fileUrl, launch, repoRoot, screenshotDir } from './harness.mjs';

const built = path.join(repoRoot, 'tests', 'fixtures', 'sites', 'aliases', 'expected');

describe('alias redirect pages from file://', () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  for (const [alias, depth] of [['articles/old-plan.html', 1], ['plans/first/plan.html', 2]]) {
    it(`the meta refresh of ${alias} lands on the new page`, async () => {
      const page = await browser.newPage();
      const landed = page.waitForURL(/\/articles\/plan\.html$/, { timeout: 5000 });
      await page.goto(fileUrl(built, alias));
      await landed;
      assert.equal(page.url(), fileUrl(built, 'articles/plan.html'), `from depth ${depth}`);
      assert.equal(await page.locator('h1').textContent(), 'Making a plan');
      await page.close();
    });
  }

  it('shows a visible link to the new page, which works from disk', async () => {
    // The same redirect page with the refresh put off a day (axe accepts 0 or over 20 hours), so
    // the page stays to be read and clicked.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'aliases-'));
    fs.cpSync(built, copy, { recursive: true });
    const redirect = path.join(copy, 'plans/first/plan.html');
    const html = fs.readFileSync(redirect, 'utf8');
    assert.match(html, /content="0; url=/);
    fs.writeFileSync(redirect, html.replace('content="0; url=', 'content="86400; url='));
    const page = await browser.newPage();
    await page.goto(fileUrl(copy, 'plans/first/plan.html'));
    assert.equal(await page.locator('h1').textContent(), 'This page has moved');
    const link = page.getByRole('link', { name: 'Making a plan' });
    assert.ok(await link.isVisible(), 'the link is shown');
    await page.screenshot({ path: path.join(screenshotDir, 'alias-redirect.png') });
    assert.deepEqual(await axeViolations(page), []);
    await link.click();
    await page.waitForURL(/\/articles\/plan\.html$/, { timeout: 5000 });
    assert.equal(page.url(), fileUrl(copy, 'articles/plan.html'));
    assert.equal(await page.locator('h1').textContent(), 'Making a plan');
    await page.close();
    fs.rmSync(copy, { recursive: true, force: true });
  });
});
