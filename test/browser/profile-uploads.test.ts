// The Jobs tab shows the whylogs profiles of the range by WhyLabs upload state: after log-profiles
// has profiled the dataset's two hours, without WhyLabs settings both are kept locally.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, openPage, type OpenPage } from '../support/browser.js';
import { dashboardUrl } from './dataset.js';

let app: TestApp;
let browser: Browser;
let tab: OpenPage;
let page: Page;

beforeAll(async () => {
  app = await startTestApp('browser_uploads');
  const p = [
    { id: 'u1', predictedAt: '2026-01-05T09:10:00Z', predicted: 'cat' },
    { id: 'u2', predictedAt: '2026-01-05T09:20:00Z', predicted: 'dog', actual: 'dog' },
    { id: 'u3', predictedAt: '2026-01-06T14:00:00Z', predicted: 'cat' },
  ];
  expect(
    (await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, { p })).errors,
  ).toBeUndefined();
  const run = await app.gql<{ runJob: { status: string } }>(`mutation { runJob(name: "log-profiles") { status } }`);
  expect(run.data?.runJob.status).toBe('SUCCEEDED');
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

test('jobs tab: profiles of the range by upload state', async () => {
  await page.goto(dashboardUrl(app.url, { tab: 'jobs' }));
  const cell = (state: string) => page.locator(`clara-profile-uploads tr[data-upload=${state}] td`);
  await expect.poll(() => cell('NOT_CONFIGURED').textContent()).toBe('2');
  for (const state of ['UPLOADED', 'PENDING', 'FAILED']) expect(await cell(state).textContent()).toBe('0');
  expect(await page.locator('clara-profile-uploads [data-upload-error]').count()).toBe(0);
});
