// Images from content/ opened from disk (file://): published beside the page or in a shared
// folder, shown at the size the build wrote (width and height from the file), lazy after the first.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURE_PAGES, fileUrl, launch, screenshotDir, sites } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('content images show from file:// at the size the build wrote', async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(sites.fixture, FIXTURE_PAGES.widgets), { waitUntil: 'load' });
  const images = page.locator('main img[src$=".png"]');
  assert.equal(await images.count(), 2);
  for (let i = 0; i < 2; i++) {
    const image = images.nth(i);
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el.complete, await image.elementHandle());
    const seen = await image.evaluate((el) => ({
      src: el.getAttribute('src'),
      natural: [el.naturalWidth, el.naturalHeight],
      attrs: [Number(el.getAttribute('width')), Number(el.getAttribute('height'))],
      loading: el.getAttribute('loading'),
    }));
    assert.ok(seen.natural[0] > 0, `${seen.src} did not load`);
    assert.deepEqual(seen.attrs, seen.natural, seen.src);
    assert.equal(seen.loading, i === 0 ? null : 'lazy', seen.src);
  }
  await images.nth(0).screenshot({ path: path.join(screenshotDir, 'content-image.png') });
  await page.close();
});
