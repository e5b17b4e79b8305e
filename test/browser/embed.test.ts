// A page on another origin embeds panels with one script tag, as a partner portal would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';
import { droppedByListener, droppingListener, type DroppingListener } from '../support/dropping-listener.js';
import { seed, WEEK } from './dataset.js';

let app: TestApp;
let portal: Server;
let portalUrl: string;
let browser: Browser;
/** A listener that resets every connection, for the failing panel. */
let dead: DroppingListener;
let deadApi: string;

function portalPage(api: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner portal</title><link rel="icon" href="data:,">
<script type="module" src="${api}/embed.js"></script>
<script>
  window.claraErrors = [];
  document.addEventListener('clara-error', (e) => window.claraErrors.push({ tag: e.target.tagName.toLowerCase(), kind: e.detail.kind, message: e.detail.message }));
</script>
<style>body { font-family: sans-serif; margin: 24px; max-width: 720px } clara-metric-chart { --clara-accent: #D55E00; --clara-chart-height: 200px }</style>
</head><body>
<h1>Partner portal</h1>
<clara-metric-chart id="accuracy" endpoint="${api}/graphql" metric="accuracy" from="${WEEK.from}" to="${WEEK.to}" granularity="DAY" time-zone="UTC"></clara-metric-chart>
<clara-class-distribution id="classes" from="${WEEK.from}" to="${WEEK.to}" no-toggle></clara-class-distribution>
<clara-metric-chart id="broken" endpoint="${deadApi}" metric="f1" range="7d"></clara-metric-chart>
</body></html>`;
}

beforeAll(async () => {
  dead = await droppingListener();
  deadApi = `${dead.origin}/graphql`;
  portal = createServer(
    (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(portalPage(app.url)),
  );
  await new Promise<void>((done) => portal.listen(0, '127.0.0.1', done));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  app = await startTestApp('embed', { CLARA_CORS_ORIGINS: portalUrl });
  await seed(app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => portal?.close(done));
  await dead?.close();
  await app?.close();
});

test('embed.js renders panels on a page of another origin, and failures fire clara-error', async () => {
  const { page, errors, close } = await openPage(browser, { width: 800 });
  expect(new URL(portalUrl).origin).not.toBe(new URL(app.url).origin);
  await page.goto(portalUrl);
  const rows = (selector: string) =>
    page
      .locator(`${selector} table[data-table] tbody tr`)
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.children, (c: { textContent: string | null }) => (c.textContent ?? '').trim())),
      );
  // Monday 3 of 4 right, Wednesday 1 of 2; days without validations are gaps.
  await expect
    .poll(async () => (await rows('#accuracy')).map((r) => r.slice(0, 2)))
    .toEqual([
      ['5 Jan', '75.0%'],
      ['6 Jan', '—'],
      ['7 Jan', '50.0%'],
      ['8 Jan', '—'],
      ['9 Jan', '—'],
      ['10 Jan', '—'],
      ['11 Jan', '—'],
    ]);
  // No endpoint attribute: the API of the server that served embed.js.
  await expect
    .poll(() => rows('#classes'))
    .toEqual([
      ['cat', '3', '50.0%'],
      ['dog', '2', '33.3%'],
      ['bird', '1', '16.7%'],
    ]);
  expect(await page.locator('#classes input[type=checkbox]').count()).toBe(0);

  await expect
    .poll(() => page.locator('#broken [data-state=error]').textContent())
    .toContain(`Cannot reach the API at ${deadApi}`);
  expect(await page.evaluate('window.claraErrors')).toEqual([
    { tag: 'clara-metric-chart', kind: 'network', message: `Cannot reach the API at ${deadApi}` },
  ]);
  await screenshot(page, 'embed-portal');
  // The unreachable endpoint is the only thing the console complains about.
  expect(errors.filter((e) => !droppedByListener(e))).toEqual([]);
  await close();
});

test('without the portal in CLARA_CORS_ORIGINS the browser refuses the answers and the panel says so', async () => {
  const strict = await startTestApp('embed_strict');
  try {
    const { page, close } = await openPage(browser);
    await page.goto(portalUrl);
    await page.evaluate(`(() => {
      const el = document.createElement('clara-overview');
      el.id = 'strict';
      el.setAttribute('endpoint', '${strict.url}/graphql');
      document.body.append(el);
    })()`);
    await expect.poll(() => page.locator('#strict [data-state=error]').count()).toBe(1);
    await close();
  } finally {
    await strict.close();
  }
});
