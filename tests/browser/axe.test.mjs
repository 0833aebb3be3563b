// axe-core audits (WCAG 2.0/2.1/2.2 A and AA) of every page kind of the fixture (in light and
// dark mode) and of the real handbook (every page in light mode; a sample, one page of each
// folder and kind, in dark mode — the fixture carries every widget, so dark mode still sees them).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE_PAGES, axeViolations, htmlFiles, launch, samplePages, serve, sites } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function audit(site, pages, colorScheme) {
  const server = await serve(site);
  const context = await browser.newContext({ colorScheme });
  const page = await context.newPage();
  const report = {};
  try {
    for (const rel of pages) {
      await page.goto(server.url(rel));
      const violations = await axeViolations(page);
      if (violations.length > 0) report[rel] = violations;
    }
  } finally {
    await context.close();
    await server.close();
  }
  return report;
}

for (const colorScheme of ['light', 'dark']) {
  describe(`axe-core, ${colorScheme} mode`, () => {
    test('every page kind of the fixture has no violation', async () => {
      assert.deepEqual(await audit(sites.fixture, Object.values(FIXTURE_PAGES), colorScheme), {});
    });
    const which = colorScheme === 'light' ? 'every page' : 'a page of each kind';
    test(`${which} of the real handbook has no violation`, { skip: !sites.real && 'no content/ to build' }, async () => {
      const pages = colorScheme === 'light' ? htmlFiles(sites.real) : samplePages(sites.real);
      assert.deepEqual(await audit(sites.real, pages, colorScheme), {});
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
