// The Versions tab in Chromium: two versions of one model side by side over the week of 5 Jan, the
// figures worked out by hand and checked against the API's answers for each version.
//   v1: 5 Jan (cat,cat) (cat,cat) (dog,dog) (dog→cat); 6 Jan (bird,bird) (cat→dog); 7 Jan one unvalidated.
//       Accuracy 4/6; per class P=R=F1: cat 2/3, dog 1/2, bird 1, so the macro averages are 13/18.
//   v2: 5 Jan (cat,cat) (dog,dog); 6 Jan (cat,cat) (cat→bird); 8 Jan one unvalidated (v2 predicts last).
//       Accuracy 3/4; cat P 1 R 2/3 F1 4/5, dog 1, bird 0: macro P 2/3, R 5/9, F1 3/5.
//   v0 predicted only before the range; one row names no version.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, openPage, screenshot, type OpenPage } from '../support/browser.js';
import { dashboardUrl, WEEK } from './dataset.js';

let app: TestApp;
let browser: Browser;
let tab: OpenPage;
let page: Page;

/** [id, version, predictedAt (Jan 2026), predicted, actual] */
const ROWS: [string, string | null, string, string, string | null][] = [
  ['f1', 'v1', '05T09', 'cat', 'cat'],
  ['f2', 'v1', '05T10', 'cat', 'cat'],
  ['f3', 'v1', '05T11', 'dog', 'dog'],
  ['f4', 'v1', '05T12', 'cat', 'dog'],
  ['f5', 'v1', '06T09', 'bird', 'bird'],
  ['f6', 'v1', '06T10', 'dog', 'cat'],
  ['f7', 'v1', '07T09', 'cat', null],
  ['g1', 'v2', '05T09', 'cat', 'cat'],
  ['g2', 'v2', '05T10', 'dog', 'dog'],
  ['g3', 'v2', '06T09', 'cat', 'cat'],
  ['g4', 'v2', '06T10', 'bird', 'cat'],
  ['g5', 'v2', '08T09', 'dog', null],
  ['h1', 'v0', '02T09', 'cat', 'cat'],
  ['n1', null, '05T13', 'cat', 'cat'],
];

beforeAll(async () => {
  app = await startTestApp('browser_versions');
  const p = ROWS.map(([id, version, at, predicted, actual]) => ({
    id,
    model: 'fleet',
    predictedAt: `2026-01-${at}:00:00Z`,
    predicted,
    ...(version ? { version } : {}),
    ...(actual ? { actual } : {}),
  }));
  const res = await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, { p });
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

function cells(rows: Locator): Promise<string[][]> {
  return rows.evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from(tr.children, (cell: { textContent: string | null }) =>
        (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ),
    ),
  );
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** What the API says of one version over the week: the numbers the panel must show. */
async function apiValues(version: string) {
  const res = await app.gql<{
    metrics: { overall: Record<string, number | null>; series: { values: { accuracy: number | null } }[] };
  }>(
    `query($r: TimeRangeInput!, $v: String) { metrics(range: $r, model: "fleet", version: $v, granularity: DAY, timeZone: "UTC") {
      overall { predictions validated accuracy precision recall f1 } series { values { accuracy } } } }`,
    { r: WEEK, v: version },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.metrics;
}

test('versions tab: the previous and the newest version side by side, overall and per day, as the API answers', async () => {
  await page.goto(dashboardUrl(app.url, { tab: 'versions', model: 'fleet' }));
  const panel = page.locator('clara-version-comparison');
  const summary = panel.locator('table[data-summary]');
  await expect.poll(() => cells(summary.locator('tbody tr')).then((r) => r.length)).toBe(5);
  expect(await cells(summary.locator('thead tr'))).toEqual([['Metric', 'v1', 'v2', 'Change']]);
  // By hand (see the top of the file).
  expect(await cells(summary.locator('tbody tr'))).toEqual([
    ['Validated / predictions', '6 / 7', '4 / 5', ''],
    ['Accuracy', '66.7%', '75.0%', '+8.3 pp'],
    ['Precision (macro)', '72.2%', '66.7%', '−5.6 pp'],
    ['Recall (macro)', '72.2%', '55.6%', '−16.7 pp'],
    ['F1 (macro)', '72.2%', '60.0%', '−12.2 pp'],
  ]);
  // The same figures from the API, version by version.
  const [a, b] = [await apiValues('v1'), await apiValues('v2')];
  const shown = await cells(summary.locator('tbody tr'));
  (['accuracy', 'precision', 'recall', 'f1'] as const).forEach((m, i) =>
    expect(shown[i + 1].slice(1, 3), m).toEqual([pct(a.overall[m]), pct(b.overall[m])]),
  );
  expect(shown[0].slice(1, 3)).toEqual([
    `${a.overall.validated} / ${a.overall.predictions}`,
    `${b.overall.validated} / ${b.overall.predictions}`,
  ]);

  const table = panel.locator('table[data-table]');
  const days = ['5 Jan', '6 Jan', '7 Jan', '8 Jan', '9 Jan', '10 Jan', '11 Jan'];
  expect(await cells(table.locator('thead tr'))).toEqual([['Bucket', 'v1', 'v2']]);
  expect(await cells(table.locator('tbody tr'))).toEqual(
    days.map((d, i) => [d, pct(a.series[i].values.accuracy), pct(b.series[i].values.accuracy)]),
  );
  expect((await cells(table.locator('tbody tr'))).slice(0, 2)).toEqual([
    ['5 Jan', '75.0%', '100.0%'],
    ['6 Jan', '50.0%', '50.0%'],
  ]);
  expect((await panel.locator('canvas').boundingBox())?.height).toBeGreaterThan(100);
  await screenshot(page, 'versions');
});

test('versions tab: picking another version A and charting F1', async () => {
  await page.goto(dashboardUrl(app.url, { tab: 'versions', model: 'fleet' }));
  const panel = page.locator('clara-version-comparison');
  const summary = panel.locator('table[data-summary]');
  await expect.poll(() => cells(summary.locator('thead tr'))).toEqual([['Metric', 'v1', 'v2', 'Change']]);
  expect((await panel.locator('select[data-version="a"] option').allTextContents()).map((t) => t.trim())).toEqual([
    'v2 (5)',
    'v1 (7)',
    'v0 (1)',
  ]);
  await panel.locator('select[data-version="a"]').selectOption('v0');
  await expect.poll(() => cells(summary.locator('thead tr'))).toEqual([['Metric', 'v0', 'v2', 'Change']]);
  // v0 predicted nothing in the week: its values are missing, never zero.
  expect((await cells(summary.locator('tbody tr'))).slice(0, 2)).toEqual([
    ['Validated / predictions', '0 / 0', '4 / 5', ''],
    ['Accuracy', '—', '75.0%', '—'],
  ]);
  await panel.locator('select[data-metric]').selectOption('f1');
  const table = panel.locator('table[data-table]');
  await expect
    .poll(() =>
      table
        .locator('caption')
        .textContent()
        .then((t) => t?.trim()),
    )
    .toBe('F1 (macro) per day (UTC)');
  // v2 on 5 Jan: (cat,cat) (dog,dog): F1 1; on 6 Jan: cat P 1 R 1/2 F1 2/3, bird 0: macro 1/3.
  expect((await cells(table.locator('tbody tr'))).slice(0, 2)).toEqual([
    ['5 Jan', '—', '100.0%'],
    ['6 Jan', '—', '33.3%'],
  ]);
});
