// The Drift tab and <clara-alerts> in Chromium: a dataset with a clear shift on its last day, the
// drift check (what the check-drift job runs) at a fixed NOW, then what the tab draws compared with
// what the API computes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';
import { droppedByListener, droppingListener, type DroppingListener } from '../support/dropping-listener.js';
import { dashboardUrl } from './dataset.js';

const DAY = 86_400_000;
// check-drift looks at the days before now: the check is run at a fixed NOW, not the wall clock's
// time, so a run across UTC midnight sees the same days.
const TODAY = Date.parse('2026-03-16T00:00:00Z');
const NOW = new Date(TODAY + 9.5 * 3_600_000);
const dayStart = (d: number) => new Date(TODAY + d * DAY);
const RANGE = { from: dayStart(-6).toISOString(), to: dayStart(0).toISOString() };

let app: TestApp;
let browser: Browser;
let portal: Server;
let portalUrl: string;
let dead: DroppingListener;
let deadApi: string;

interface Point {
  psi: number | null;
  jsDistance: number | null;
  accuracyDelta: number | null;
}
interface Alert {
  id: string;
  rule: string;
  status: string;
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await app.gql<T>(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

const driftPoints = (reference: string) =>
  gql<{ drift: Point[] }>(
    `query($r: TimeRangeInput!, $ref: DriftReference) { drift(range: $r, reference: $ref, granularity: DAY, timeZone: "UTC") { psi jsDistance accuracyDelta } }`,
    {
      r: RANGE,
      ref: reference,
    },
  ).then((d) => d.drift);
const openAlerts = () => gql<{ alerts: Alert[] }>(`{ alerts(status: OPEN) { id rule status } }`).then((d) => d.alerts);

function portalPage(api: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Team portal</title><link rel="icon" href="data:,">
<script type="module" src="${api}/embed.js"></script>
<script>
  window.claraErrors = [];
  document.addEventListener('clara-error', (e) => window.claraErrors.push({ tag: e.target.id, kind: e.detail.kind }));
</script>
<style>body { font-family: sans-serif; margin: 24px; max-width: 720px }</style>
</head><body>
<h1>Team portal</h1>
<clara-alerts id="open" endpoint="${api}/graphql" status="OPEN" limit="2" time-zone="UTC"></clara-alerts>
<clara-alerts id="broken" endpoint="${deadApi}"></clara-alerts>
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
  app = await startTestApp('drift_tab', { CLARA_DRIFT_MIN_SAMPLES: '20', CLARA_CORS_ORIGINS: portalUrl });

  // Training half "a", half "b". Five days like it, all validated and right; on the last day the
  // model says "a" for everything while the truth stays half "b": a shift and a 50-point drop.
  await gql(
    `mutation { setTrainingDistribution(counts: [{ label: "a", count: 500 }, { label: "b", count: 500 }]) { label } }`,
  );
  const predictions = [-6, -5, -4, -3, -2, -1].flatMap((d) =>
    Array.from({ length: 40 }, (_, i) => {
      const actual = i % 2 === 0 ? 'a' : 'b';
      return {
        id: `${d}-${i}`,
        predictedAt: new Date(dayStart(d).getTime() + i * 60_000).toISOString(),
        predicted: d === -1 ? 'a' : actual,
        actual,
      };
    }),
  );
  await gql(`mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`, {
    p: predictions,
  });
  // What the check-drift job does, at NOW.
  await app.runtime.services.rollups.settle();
  await app.runtime.services.drift.check(new AbortController().signal, NOW);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => portal?.close(done));
  await dead?.close();
  await app?.close();
});

/** The cells of a table's body rows, as text. */
function rows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.children, (cell: { textContent: string | null }) => (cell.textContent ?? '').trim()),
      ),
    );
}

/** A drawn value against the API's: "—" for null, else equal at the three decimals shown. */
function sameValue(cell: string, value: number | null): boolean {
  return value === null ? cell === '—' : Math.abs(Number(cell) - value) <= 0.0005;
}

const driftUrl = (params: Record<string, string> = {}) => dashboardUrl(app.url, { tab: 'drift', ...RANGE, ...params });
const chartTable = (page: Page, chart: string) => page.locator(`clara-drift [data-chart=${chart}] table[data-table]`);
const alertItem = (page: Page, rule: string) =>
  page.locator('clara-alerts li.alert').filter({ has: page.locator('.muted', { hasText: `${rule} ·` }) });

test('the Drift tab draws PSI and JS distance against their thresholds, and the accuracy change with its significance', async () => {
  const { page, errors, close } = await openPage(browser);
  await page.goto(driftUrl());
  const training = await driftPoints('TRAINING');
  await expect.poll(() => rows(chartTable(page, 'psi')).then((r) => r.length)).toBe(6);
  const psi = await rows(chartTable(page, 'psi'));
  const js = await rows(chartTable(page, 'js'));
  training.forEach((p, i) => {
    expect(sameValue(psi[i][1], p.psi), `PSI of day ${i}: ${psi[i][1]} vs ${p.psi}`).toBe(true);
    expect(sameValue(js[i][1], p.jsDistance), `JS of day ${i}: ${js[i][1]} vs ${p.jsDistance}`).toBe(true);
  });
  // Thresholds from driftSettings (the defaults), and the rule fires on the shifted day only.
  expect(psi.map((r) => r[2])).toEqual(Array(6).fill('0.2'));
  expect(js.map((r) => r[2])).toEqual(Array(6).fill('0.1'));
  expect(psi.map((r) => r[3])).toEqual(['no', 'no', 'no', 'no', 'no', 'yes']);
  expect(psi[5][4]).toBe('40');

  // The first day has no baseline before it; the others were all right; the last is 20 of 40.
  const accuracy = await rows(chartTable(page, 'accuracy'));
  expect(accuracy.map((r) => r[1])).toEqual(['—', '±0.0 pp', '±0.0 pp', '±0.0 pp', '±0.0 pp', '−50.0 pp']);
  expect(accuracy[5].slice(2)).toEqual(['50.0%', '100.0%', expect.stringMatching(/e-/), 'yes', 'yes', '40']);
  expect(accuracy[1][5]).toBe('no');
  expect(await page.locator('clara-drift [data-chart=accuracy] .legend').textContent()).toContain(
    'significant (p < 0.01)',
  );

  // Against the previous windows instead: other values, and the choice is in the URL.
  await page.locator('clara-drift #reference').selectOption('BASELINE');
  const baseline = await driftPoints('BASELINE');
  expect(baseline.map((p) => p.psi)).not.toEqual(training.map((p) => p.psi));
  await expect
    .poll(async () => (await rows(chartTable(page, 'psi'))).every((r, i) => sameValue(r[1], baseline[i].psi)))
    .toBe(true);
  expect(new URL(page.url()).searchParams.get('reference')).toBe('BASELINE');
  await page.goBack();
  await expect.poll(() => page.locator('clara-drift #reference').inputValue()).toBe('TRAINING');
  expect(errors).toEqual([]);
  await close();
});

test('alerts: open first with readable evidence, a badge seen from every tab, acknowledged with a token', async () => {
  const open = await openAlerts();
  expect(open.map((a) => a.rule)).toEqual(expect.arrayContaining(['predicted-psi', 'predicted-js', 'accuracy-drop']));
  const { page, errors, close } = await openPage(browser);
  await page.goto(driftUrl({ tab: 'overview' }));
  const badge = page.locator('clara-dashboard #tab-drift [data-open-alerts]');
  await expect.poll(() => badge.textContent()).toBe(String(open.length));
  expect(await page.locator('clara-dashboard #tab-drift').textContent()).toContain(`${open.length} open alerts`);

  await page.locator('clara-dashboard #tab-drift').click();
  const items = page.locator('clara-alerts li.alert');
  await expect.poll(() => items.count()).toBe(open.length);
  expect(await items.evaluateAll((li) => li.map((l) => l.getAttribute('data-status')))).toEqual(
    Array(open.length).fill('OPEN'),
  );
  const psi = alertItem(page, 'predicted-psi');
  // Term and description are separate elements; how the template spaces them is not the point.
  const evidence = (await psi.locator('[data-evidence]').textContent())?.replace(/\s+/g, ' ');
  expect(evidence).toContain('Compared with The training distribution');
  expect(evidence).toContain('Observations 40 in the window, 1,000 in the reference');
  expect(await psi.locator('h4').textContent()).toBe('Predicted classes drifted (PSI)');
  expect(await psi.locator('details pre').textContent()).toContain('"__typename": "DistributionEvidence"');
  expect(await psi.locator('details').getAttribute('open')).toBeNull();

  const acknowledge = psi.locator('button', { hasText: 'Acknowledge' });
  expect(await acknowledge.isDisabled()).toBe(true);
  await page.locator('clara-alerts #token').fill(TEST_TOKEN);
  await page.locator('clara-alerts #token').press('Enter');
  await acknowledge.click();
  await expect.poll(() => psi.getAttribute('data-status')).toBe('ACKNOWLEDGED');
  expect(await psi.locator('[data-evidence]').textContent()).toContain('Acknowledged');
  await expect.poll(() => badge.textContent()).toBe(String(open.length - 1));
  expect((await openAlerts()).map((a) => a.rule)).not.toContain('predicted-psi');
  // Open ones stay first.
  expect(await items.last().getAttribute('data-status')).toBe('ACKNOWLEDGED');
  expect(page.url()).not.toContain(TEST_TOKEN);
  expect(errors).toEqual([]);
  await close();
});

test('<clara-alerts> on a page of another origin lists open alerts; an unreachable API fires clara-error', async () => {
  const open = await openAlerts();
  const { page, errors, close } = await openPage(browser, { width: 800 });
  await page.goto(portalUrl);
  const items = page.locator('#open li.alert');
  await expect.poll(() => items.count()).toBe(Math.min(2, open.length));
  expect(await items.evaluateAll((li) => li.map((l) => l.getAttribute('data-alert')))).toEqual(
    open.slice(0, 2).map((a) => a.id),
  );
  // No token given: nothing to acknowledge with.
  expect(await page.locator('#open #token').count()).toBe(0);
  expect(await items.first().locator('button', { hasText: 'Acknowledge' }).isDisabled()).toBe(true);
  await expect.poll(() => page.locator('#broken [data-state=error]').count()).toBe(1);
  expect(await page.evaluate('window.claraErrors')).toEqual([{ tag: 'broken', kind: 'network' }]);
  await screenshot(page, 'embed-alerts');
  expect(errors.filter((e) => !droppedByListener(e))).toEqual([]);
  await close();
});

test('screenshots of the Drift tab, 1280 and 390 px wide, light and dark (test/artifacts/)', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1280, 390]) {
      const view = await openPage(browser, { width, colorScheme });
      await view.page.goto(driftUrl(), { waitUntil: 'networkidle' });
      await expect.poll(() => view.page.locator('clara-alerts li.alert').count()).toBeGreaterThan(0);
      await expect.poll(() => view.page.locator('[data-state=loading]').count()).toBe(0);
      // No part of the tab is wider than the screen.
      expect(await view.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      await screenshot(view.page, `drift-${width}-${colorScheme}`);
      expect(view.errors).toEqual([]);
      await view.close();
    }
  }
}, 120_000);
