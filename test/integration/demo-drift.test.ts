// Done-when of the drift issue: the demo data's degradation opens an alert on the first start.
// Seeding runs check-drift once itself; the alert is there without waiting for the scheduler.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEGRADATION } from '../../server/core/demo/scenario.js';
import { createLogger } from '../../server/logger.js';
import { seedDemoIfEmpty } from '../../server/services/demo.js';
import { demoDeps } from '../../server/wiring.js';
import { startTestApp, type TestApp } from '../support/app.js';

// Smaller than the real demo (FerretDB writes are slow): 12 days cover the re-checked windows and
// their baselines; at 1,500 a day the degrading class has about 120 validated predictions a day, so
// the sample floor is lowered to 50 (the full-size demo with the defaults: test/unit/demo-drift.test.ts).
const size = { days: 12, perDay: 1500 };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('demo_drift', { CLARA_DRIFT_MIN_SAMPLES: '50' });
  await seedDemoIfEmpty(demoDeps(app.runtime), createLogger('silent'), new Date(), size);
}, 300_000);
afterAll(() => app?.close());

interface Alert {
  rule: string;
  status: string;
  evidence: string;
  windowStart: string;
}

test('after seeding, the degrading class has an open recall alert, from a check-drift run in the history', async () => {
  const res = await app.gql<{
    alerts: Alert[];
    jobRuns: { job: string; status: string; trigger: string; summary: string }[];
  }>(
    `{ alerts(status: OPEN) { rule status evidence windowStart } jobRuns(job: "check-drift") { job status trigger summary } }`,
  );
  expect(res.errors).toBeUndefined();
  const recall = res.data!.alerts.find((a) => a.rule === 'class-recall-drop');
  expect(recall).toBeDefined();
  expect((JSON.parse(recall!.evidence) as { details: { label: string } }).details.label).toBe(DEGRADATION.label);
  expect(res.data!.jobRuns).toEqual([
    expect.objectContaining({ job: 'check-drift', status: 'SUCCEEDED', trigger: 'MANUAL' }),
  ]);
  expect(res.data!.jobRuns[0].summary).toMatch(/[1-9]\d* alerts opened/);
});
