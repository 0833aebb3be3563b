// axe-core audits (WCAG 2.0/2.1/2.2 A and AA) of the real handbook: every page in light mode, a
// sample (every top-level page, the index and first entry of each folder) in dark mode. The
// fixture (axe.test.mjs) carries every widget on every page kind, in both modes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { audit, htmlFiles, launch, samplePages, sites } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('axe-core on the real handbook', { skip: !sites.real && 'the repository has no content/ to build' }, () => {
  test('every page has no violation in light mode', async () => {
    assert.ok(htmlFiles(sites.real).length > 5, 'the real handbook has pages');
    assert.deepEqual(await audit(browser, sites.real, htmlFiles(sites.real), 'light'), {});
  });
  test('a page of each kind has no violation in dark mode', async () => {
    assert.deepEqual(await audit(browser, sites.real, samplePages(sites.real), 'dark'), {});
  });
});
