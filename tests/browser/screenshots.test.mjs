// Screenshots of every page kind of the fixture at phone (390 px) and desktop (1280 px) widths,
// light (and dark at 390 px), into tests/browser/screenshots/ (gitignored) for a person to look at.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE_PAGES, launch, screenshotDir, serve, sites } from './harness.mjs';

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

// Dark mode at phone width only: the desktop layout adds nothing colour-specific to look at.
for (const width of [390, 1280]) {
  for (const colorScheme of width === 390 ? ['light', 'dark'] : ['light']) {
    test(`every page kind at ${width} px, ${colorScheme}`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      const sideways = [];
      for (const [kind, rel] of Object.entries(FIXTURE_PAGES)) {
        await page.goto(server.url(rel));
        const file = path.join(screenshotDir, `${kind}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 1000, `${file} is a real image`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) sideways.push(`${rel} scrolls sideways by ${overflow} px`);
      }
      await context.close();
      assert.deepEqual(sideways, []);
    });
  }
}
