// axe-core audits (WCAG 2.0/2.1/2.2 A and AA) of every page kind of the fixture, in light and
// dark mode. The real handbook has its own file (axe-real.test.mjs) so the two run side by side.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE_PAGES, audit, axeViolations, launch, sites } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const colorScheme of ['light', 'dark']) {
  describe(`axe-core, ${colorScheme} mode`, () => {
    test('every page kind of the fixture has no violation', async () => {
      assert.deepEqual(await audit(browser, sites.fixture, Object.values(FIXTURE_PAGES), colorScheme), {});
    });
  });
}

describe('axe-core itself', () => {
  test('finds a planted violation, so a clean report means something', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></html>');
    const ids = (await axeViolations(page)).map((v) => v.id);
    assert.ok(ids.includes('image-alt'), `image-alt reported: ${ids}`);
    await context.close();
  });
});
