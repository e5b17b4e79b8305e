// The Metrics tab's estimate chart in Chromium: accuracy estimated from confidence with its band,
// realized accuracy where labels exist, and what the calibration was fitted on. The dataset is small
// enough to work every figure out: 10 validated predictions at confidence 0.9 on 2 Jan, 8 right, so
// the calibration says 0.9 → 0.8; in the week, Monday has 5 unlabelled predictions at 0.9 and
// Tuesday 4, of which 3 were validated (all right).
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, openPage, screenshot, type OpenPage } from '../support/browser.js';
import { dashboardUrl } from './dataset.js';

let app: TestApp;
let browser: Browser;
let tab: OpenPage;
let page: Page;

const prediction = (id: string, predictedAt: string, actual: string | null) => ({
  id,
  predictedAt,
  predicted: 'cat',
  confidence: 0.9,
  ...(actual ? { actual } : {}),
});

beforeAll(async () => {
  app = await startTestApp('browser_estimate');
  const rows = [
    ...Array.from({ length: 10 }, (_, i) => prediction(`r${i}`, `2026-01-02T1${i % 10}:00:00Z`, i < 8 ? 'cat' : 'dog')),
    ...Array.from({ length: 5 }, (_, i) => prediction(`m${i}`, `2026-01-05T1${i}:00:00Z`, null)),
    ...Array.from({ length: 4 }, (_, i) => prediction(`t${i}`, `2026-01-06T1${i}:00:00Z`, i < 3 ? 'cat' : null)),
  ];
  const res = await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, {
    p: rows,
  });
  expect(res.errors).toBeUndefined();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
beforeEach(async () => {
  tab = await openPage(browser);
  page = tab.page;
});
afterEach(async () => {
  expect(tab.errors).toEqual([]);
  await tab.close();
});

function rows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.children, (cell: { textContent: string | null }) => (cell.textContent ?? '').trim()),
      ),
    );
}

/** The band of n predictions calibrated at 0.8 from 8 of 10: binomial spread plus twice the step's Jeffreys variance. */
function band(n: number): [string, string] {
  const a = 8.5;
  const b = 2.5;
  const calibration = (2 * a * b) / ((a + b) ** 2 * (a + b + 1));
  const se = Math.sqrt((0.8 * 0.2) / n + calibration);
  const pct = (x: number) => `${(Math.min(1, Math.max(0, x)) * 100).toFixed(1)}%`;
  return [pct(0.8 - 1.959963984540054 * se), pct(0.8 + 1.959963984540054 * se)];
}

test('metrics tab: estimated accuracy with its band on unlabelled days, realized accuracy where labels exist', async () => {
  await page.goto(dashboardUrl(app.url, { tab: 'metrics' }));
  const table = page.locator('clara-estimate table[data-table]');
  await expect.poll(() => rows(table).then((r) => r.length)).toBe(7);
  const none = ['—', '—', '—', '—'];
  expect(await rows(table)).toEqual([
    ['5 Jan', '80.0%', ...band(5), '—'],
    ['6 Jan', '80.0%', ...band(4), '100.0%'],
    ...['7 Jan', '8 Jan', '9 Jan', '10 Jan', '11 Jan'].map((d) => [d, ...none]),
  ]);
  const note = page.locator('clara-estimate [data-reference]');
  expect((await note.textContent())?.replace(/\s+/g, ' ')).toMatch(
    /Calibrated on 10 validated predictions from .*2 Jan.* to .*5 Jan.* \(fitted for this range\); calibration error 10\.0% → 0\.0%\./,
  );
  const canvas = page.locator('clara-estimate canvas');
  expect((await canvas.boundingBox())?.height).toBeGreaterThan(100);
  await screenshot(page, 'metrics-estimate');
});
