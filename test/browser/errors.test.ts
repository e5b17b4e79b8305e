// Failures never leave a blank page: an API error and a killed API both show the error state.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, openPage } from '../support/browser.js';
import { dashboardUrl, seed } from './dataset.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp('errors');
  await seed(app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('an error from the API is shown in the panel', async () => {
  const { page, errors, close } = await openPage(browser);
  await page.goto(dashboardUrl(app.url, { tab: 'overview', model: 'no-such-model' }));
  await expect
    .poll(() => page.locator('clara-overview [data-state=error]').textContent())
    .toContain('unknown model "no-such-model"');
  expect(errors).toEqual([]);
  await close();
});

test('a killed API shows the error state with a retry, never a blank page', async () => {
  const { page, errors, close } = await openPage(browser);
  await page.goto(dashboardUrl(app.url, { tab: 'overview' }));
  await expect.poll(() => page.locator('clara-overview [data-stat=predictions] .value').textContent()).toBe('9');

  await app.runtime.db.dropDatabase();
  await app.runtime.close();
  await page.locator('clara-dashboard [role=tab]', { hasText: 'Metrics' }).first().click();
  const failed = page.locator('clara-metric-chart [data-state=error]');
  await expect.poll(() => failed.count()).toBe(4);
  expect(await failed.first().textContent()).toContain('Cannot reach the API');
  expect(await failed.first().locator('button', { hasText: 'Retry' }).count()).toBe(1);
  expect(await page.locator('clara-dashboard h1').textContent()).toBe('clara-monitor');
  expect(errors.filter((e) => !e.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
  await close();
});
