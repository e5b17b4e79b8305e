// The Jobs tab: the scheduler's jobs and runs, and "Run now" once an API token is entered.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { launchBrowser, openPage } from '../support/browser.js';
import { dashboardUrl } from './dataset.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp('jobs_tab');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const jobRow = (page: Page, name: string) => page.locator(`clara-jobs [data-table=jobs] tr[data-job="${name}"]`);

test('lists the jobs; Run now needs a token, kept for the browser tab only, and records a run', async () => {
  const { page, errors, close } = await openPage(browser);
  await page.goto(dashboardUrl(app.url, { tab: 'jobs' }));
  for (const name of ['refresh-rollups', 'log-profiles', 'upload-profiles'])
    await expect.poll(() => jobRow(page, name).count()).toBe(1);
  const run = jobRow(page, 'refresh-rollups').locator('button', { hasText: 'Run now' });
  expect(await run.isDisabled()).toBe(true);

  await page.locator('clara-jobs #token').fill('wrong-token');
  await page.locator('clara-jobs #token').press('Enter');
  await run.click();
  await expect
    .poll(() => page.locator('clara-jobs [data-outcome]').textContent())
    .toMatch(/^refresh-rollups: .*token/i);

  await page.locator('clara-jobs #token').fill(TEST_TOKEN);
  await page.locator('clara-jobs #token').press('Enter');
  await run.click();
  await expect
    .poll(() => page.locator('clara-jobs [data-outcome]').textContent())
    .toContain('refresh-rollups: SUCCEEDED');
  const runs = page.locator('clara-jobs [data-table=runs] tbody tr');
  await expect.poll(() => runs.first().locator('th').textContent()).toBe('refresh-rollups');
  expect(await runs.first().locator('.badge').textContent()).toBe('SUCCEEDED');

  expect(page.url()).not.toContain(TEST_TOKEN);
  await page.reload();
  await expect
    .poll(() => jobRow(page, 'refresh-rollups').locator('button', { hasText: 'Run now' }).isEnabled())
    .toBe(true);
  // The wrong token's mutation is refused with HTTP 401 before it runs, which the browser notes in its console.
  expect(errors).toEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  await close();
});
