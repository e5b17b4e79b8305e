// The dashboard page in Chromium against the real server and the known dataset (dataset.ts).
// Expected figures are worked out by hand from dataset.ts; the week is Mon 5 – Sun 11 Jan 2026.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, openPage, screenshot, type OpenPage } from '../support/browser.js';
import { TABS } from '../../dashboard/src/lib/tabs.js';
import { dashboardUrl, seed } from './dataset.js';

let app: TestApp;
let browser: Browser;
let tab: OpenPage;
let page: Page;

beforeAll(async () => {
  app = await startTestApp('browser');
  await seed(app);
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

function stat(id: string) {
  const card = page.locator(`clara-overview [data-stat=${id}]`);
  return { value: card.locator('.value'), change: card.locator('.change'), detail: card.locator('.detail') };
}

/** 95% Wilson score interval of k successes in n, as the tables print it. */
function wilson(k: number, n: number): [string, string] {
  const z = 1.959963984540054;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [`${((centre - half) * 100).toFixed(1)}%`, `${((centre + half) * 100).toFixed(1)}%`];
}

const selectedTab = () => page.locator('clara-dashboard [role=tab][aria-selected=true]');

describe('tabs draw the dataset', () => {
  test('overview: figures of the week against the week before', async () => {
    await page.goto(dashboardUrl(app.url, { tab: 'overview' }));
    // 9 predictions (4 + 3 + 2), 6 validated, 4 right; the week before: 2 predictions, both validated and right.
    await expect.poll(() => stat('predictions').value.textContent()).toBe('9');
    expect(await stat('predictions').change.textContent()).toContain('+350.0%');
    expect(await stat('validated').value.textContent()).toBe('6');
    expect(await stat('validated').change.textContent()).toContain('+200.0%');
    expect(await stat('coverage').value.textContent()).toBe('66.7%');
    expect(await stat('coverage').change.textContent()).toContain('−33.3 pp');
    expect(await stat('accuracy').value.textContent()).toBe('66.7%');
    expect(await stat('accuracy').detail.textContent()).toBe(`95% CI ${wilson(4, 6).join(' – ')}`);
    expect(await stat('accuracy').change.textContent()).toContain('−33.3 pp');
    // Per class: cat P=R=2/3, dog P=R=1/2, bird P=R=1 → every macro average is 13/18 = 72.2%.
    for (const id of ['precision', 'recall', 'f1']) {
      expect(await stat(id).value.textContent()).toBe('72.2%');
      expect(await stat(id).change.textContent()).toContain('−27.8 pp');
    }
  });

  test('metrics: one point per day, gaps on days without validations, accuracy with its interval', async () => {
    await page.goto(dashboardUrl(app.url, { tab: 'metrics' }));
    const table = (metric: string) => page.locator(`clara-metric-chart[metric=${metric}] table[data-table]`);
    await expect.poll(() => rows(table('accuracy')).then((r) => r.length)).toBe(7);
    const days = ['5 Jan', '6 Jan', '7 Jan', '8 Jan', '9 Jan', '10 Jan', '11 Jan'];
    const gaps = ['—', '—', '—', '—'];
    // Mon: 3 of 4 right; Wed: 1 of 2; the other days have no validated sample.
    expect(await rows(table('accuracy'))).toEqual(
      days.map((d, i) =>
        i === 0 ? [d, '75.0%', ...wilson(3, 4)] : i === 2 ? [d, '50.0%', ...wilson(1, 2)] : [d, '—', '—', '—'],
      ),
    );
    // Mon: cat P=2/3 R=1 F1=0.8, dog P=1 R=1/2 F1=2/3. Wed: bird right, a cat taken for a dog → 1/3 each.
    const expected = { precision: ['83.3%', '33.3%'], recall: ['75.0%', '33.3%'], f1: ['73.3%', '33.3%'] };
    for (const [metric, [mon, wed]] of Object.entries(expected)) {
      await expect
        .poll(() => rows(table(metric)))
        .toEqual([['5 Jan', mon], ['6 Jan', '—'], ['7 Jan', wed], ...days.slice(3).map((d) => [d, gaps[0]])]);
    }
    const canvas = page.locator('clara-metric-chart[metric=f1] canvas');
    expect((await canvas.boundingBox())?.height).toBeGreaterThan(100);
  });

  test('samples by class: validated samples by true class, the toggle shows predictions by predicted class', async () => {
    await page.goto(dashboardUrl(app.url, { tab: 'samples' }));
    const table = page.locator('clara-class-distribution table[data-table]');
    await expect
      .poll(() => rows(table))
      .toEqual([
        ['cat', '3', '50.0%'],
        ['dog', '2', '33.3%'],
        ['bird', '1', '16.7%'],
      ]);
    await page.locator('clara-class-distribution input[type=checkbox]').check();
    // All 9 predictions, the 3 unvalidated ones of Tuesday included.
    await expect
      .poll(() => rows(table))
      .toEqual([
        ['cat', '4', '44.4%'],
        ['dog', '4', '44.4%'],
        ['bird', '1', '11.1%'],
      ]);
  });

  test('metrics by class: bars sorted best first with support, and the confusion matrix', async () => {
    await page.goto(dashboardUrl(app.url, { tab: 'classes' }));
    const bars = (metric: string) => page.locator(`clara-class-metrics [data-metric=${metric}] table[data-table]`);
    // Precision and recall carry their 95% Wilson intervals: bird 1 of 1, cat 2 of 3, dog 1 of 2 (each way).
    const expected = [
      ['bird', '100.0%', ...wilson(1, 1), '1'],
      ['cat', '66.7%', ...wilson(2, 3), '3'],
      ['dog', '50.0%', ...wilson(1, 2), '2'],
    ];
    for (const metric of ['precision', 'recall']) await expect.poll(() => rows(bars(metric))).toEqual(expected);
    await expect
      .poll(() => rows(bars('f1')))
      .toEqual(expected.map(([label, value, , , support]) => [label, value, support]));
    // Macro 13/18 each; weighted by support (1·1 + 3·2/3 + 2·1/2) / 6 = 4/6; micro = accuracy = 4/6.
    expect(await rows(page.locator('clara-class-metrics table[data-averages]'))).toEqual([
      ['Macro', '72.2%', '72.2%', '72.2%'],
      ['Weighted by support', '66.7%', '66.7%', '66.7%'],
      ['Micro (= accuracy)', '66.7%', '66.7%', '66.7%'],
    ]);
    const matrix = page.locator('clara-confusion-matrix table[data-table]');
    await expect.poll(() => rows(matrix).then((r) => r.length)).toBe(3);
    const columns = (await matrix.locator('thead th').allTextContents()).slice(1).map((t) => t.trim());
    const cells = Object.fromEntries(
      (await rows(matrix)).map(([actual, ...counts]) => [
        actual,
        Object.fromEntries(columns.map((c, i) => [c, counts[i]])),
      ]),
    );
    expect(cells).toEqual({
      cat: { cat: '2', dog: '1', bird: '0' },
      dog: { cat: '1', dog: '1', bird: '0' },
      bird: { cat: '0', dog: '0', bird: '1' },
    });
  });

  test('training data: the training distribution beside production, a class coloured alike on both', async () => {
    await page.goto(dashboardUrl(app.url, { tab: 'training' }));
    const side = (name: string) => page.locator(`clara-training-distribution [data-side=${name}]`);
    await expect
      .poll(() => rows(side('training').locator('table[data-table]')))
      .toEqual([
        ['cat', '50', '50.0%'],
        ['dog', '30', '30.0%'],
        ['bird', '20', '20.0%'],
      ]);
    expect(await rows(side('production').locator('table[data-table]'))).toEqual([
      ['cat', '4', '44.4%'],
      ['dog', '4', '44.4%'],
      ['bird', '1', '11.1%'],
    ]);
    const swatches = (name: string) =>
      side(name)
        .locator('.legend .swatch')
        .evaluateAll((spans) => spans.map((s) => (s as unknown as { style: { background: string } }).style.background));
    const training = await swatches('training');
    expect(new Set(training).size).toBe(3);
    expect(await swatches('production')).toEqual(training);
  });
});

describe('state in the URL', () => {
  test('tab and granularity survive a reload, and back/forward walk through them', async () => {
    await page.goto(dashboardUrl(app.url, { tab: 'overview' }));
    await page.locator('clara-dashboard [role=tab]', { hasText: 'Metrics' }).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('metrics');
    await page.locator('clara-controls #granularity').selectOption('WEEK');
    const accuracy = page.locator('clara-metric-chart[metric=accuracy] table[data-table]');
    // The week as one bucket: 4 right of 6.
    await expect.poll(() => rows(accuracy)).toEqual([['wk 5 Jan', '66.7%', ...wilson(4, 6)]]);
    expect(new URL(page.url()).searchParams.get('granularity')).toBe('WEEK');

    await page.reload();
    await expect.poll(() => rows(accuracy)).toEqual([['wk 5 Jan', '66.7%', ...wilson(4, 6)]]);
    expect(await selectedTab().textContent()).toContain('Metrics');
    expect(await page.locator('clara-controls #granularity').inputValue()).toBe('WEEK');

    await page.goBack();
    await expect.poll(() => rows(accuracy).then((r) => r.length)).toBe(7);
    await page.goBack();
    await expect.poll(() => selectedTab().textContent()).toContain('Overview');
    await page.goForward();
    await expect.poll(() => selectedTab().textContent()).toContain('Metrics');
  });

  test('a custom range changes the data; a range without data shows the empty state', async () => {
    await page.goto(dashboardUrl(app.url, { tab: 'overview' }));
    await expect.poll(() => stat('predictions').value.textContent()).toBe('9');
    await page.locator('clara-controls #preset').selectOption('custom');
    await page.locator('clara-controls #from').fill('2026-01-05T00:00');
    await page.locator('clara-controls #to').fill('2026-01-06T00:00');
    // Monday alone: 4 predictions.
    await expect.poll(() => stat('predictions').value.textContent()).toBe('4');
    const url = new URL(page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual([
      '2026-01-05T00:00:00.000Z',
      '2026-01-06T00:00:00.000Z',
    ]);
    // An end before the start is refused on the spot, and the range stays as it was.
    await page.locator('clara-controls #to').fill('2026-01-04T00:00');
    await expect
      .poll(() => page.locator('clara-controls [role=alert]').textContent())
      .toContain('“From” must be before “To”');
    expect(new URL(page.url()).searchParams.get('to')).toBe('2026-01-06T00:00:00.000Z');

    await page.locator('clara-controls #preset').selectOption('24h');
    await expect
      .poll(() => page.locator('clara-overview [data-state=empty]').textContent())
      .toContain('No predictions in this range');
    expect(new URL(page.url()).searchParams.get('granularity')).toBe('HOUR');
  });

  test('the model selector switches model', async () => {
    await page.goto(dashboardUrl(app.url, { tab: 'overview' }));
    await expect.poll(() => stat('predictions').value.textContent()).toBe('9');
    await page.locator('clara-controls #model').selectOption('beta');
    await expect.poll(() => stat('predictions').value.textContent()).toBe('1');
    expect(new URL(page.url()).searchParams.get('model')).toBe('beta');
  });

  test('tabs follow the WAI-ARIA keyboard pattern', async () => {
    await page.goto(dashboardUrl(app.url, { tab: 'overview' }));
    await selectedTab().focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => selectedTab().textContent()).toContain('Metrics');
    expect(await page.evaluate(`document.querySelector('clara-dashboard').shadowRoot.activeElement?.id`)).toBe(
      'tab-metrics',
    );
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => selectedTab().textContent()).toContain('Jobs');
    await page.keyboard.press('Home');
    await expect.poll(() => selectedTab().textContent()).toContain('Overview');
    const panel = page.locator('clara-dashboard #panel-overview');
    expect(await panel.getAttribute('role')).toBe('tabpanel');
    expect(await panel.getAttribute('aria-labelledby')).toBe('tab-overview');
  });
});

describe('looks', () => {
  test('screenshots of every tab, 1280 and 390 px wide, light and dark (test/artifacts/)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 390]) {
        const view = await openPage(browser, { width, colorScheme });
        for (const t of TABS) {
          await view.page.goto(dashboardUrl(app.url, { tab: t.id }), { waitUntil: 'networkidle' });
          await expect.poll(() => view.page.locator('[data-state=loading]').count()).toBe(0);
          await screenshot(view.page, `dashboard-${t.id}-${width}-${colorScheme}`);
        }
        expect(view.errors).toEqual([]);
        await view.close();
      }
    }
  }, 120_000);
});
