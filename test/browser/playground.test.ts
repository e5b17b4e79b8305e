// The GraphQL IDE loads from our own server only (closed networks block CDNs) and runs a query.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp('playground', { CLARA_DEFAULT_MODEL: 'playground-model' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

for (const path of ['/graphql', '/playground']) {
  test(`a browser visiting ${path} gets GraphiQL, served without any other host, and runs a query`, async () => {
    const { page, errors, close } = await openPage(browser, { width: 1280 });
    const foreign: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol.startsWith('http') && url.origin !== new URL(app.url).origin) foreign.push(req.url());
    });
    await page.goto(`${app.url}${path}`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 20_000 });
    // The schema arrived (introspection): the docs explorer can open it.
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    await expect
      .poll(() => page.locator('.graphiql-doc-explorer').textContent(), { timeout: 10_000 })
      .toContain('Query');
    // Monaco may still be wiring the editor when the button appears: a click it swallowed is repeated.
    await expect
      .poll(
        async () => {
          const text = (await page.locator('.graphiql-response').textContent()) ?? '';
          if (!text.includes('playground-model')) await run.click();
          return text;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toContain('playground-model');
    if (path === '/graphql') await screenshot(page, 'playground');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
}
