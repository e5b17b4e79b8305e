import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoDataset } from '../../server/core/demo/generator.js';
import { createLogger } from '../../server/logger.js';
import { seedDemoIfEmpty, type SeedSummary } from '../../server/services/demo.js';
import { demoDeps } from '../../server/wiring.js';
import { startTestApp, type TestApp } from '../support/app.js';

const now = new Date('2026-03-15T08:30:00Z');
// Small: every rollup block costs a few write round trips, which FerretDB makes slow.
const size = { days: 1, perDay: 500 };
const log = createLogger('silent');
const range = { from: new Date(now.getTime() - 86_400_000).toISOString(), to: now.toISOString() };

let app: TestApp;
let first: SeedSummary;
beforeAll(async () => {
  app = await startTestApp('demo');
  first = await seedDemoIfEmpty(demoDeps(app.runtime), log, now, size);
}, 120_000);
afterAll(() => app.close());

const REPORT = `query($range: TimeRangeInput!) {
  models { name predictions validated firstPredictedAt lastPredictedAt }
  metrics(range: $range, granularity: DAY) { overall { predictions validated accuracy } series { start values { predictions } } }
  trainingDistribution { label count }
}`;

interface Report {
  models: { name: string; predictions: number; validated: number; firstPredictedAt: string; lastPredictedAt: string }[];
  metrics: {
    overall: { predictions: number; validated: number; accuracy: number | null };
    series: { start: string; values: { predictions: number } }[];
  };
  trainingDistribution: { label: string; count: number }[];
}

test('an empty database gets the demo model, its metrics and its training distribution', async () => {
  const demo = demoDataset({ ...size, now });
  const rows = [...demo.rows()];
  expect(first).toMatchObject({
    seeded: true,
    rows: rows.length,
    validated: rows.filter((r) => r.actual !== null).length,
  });

  const res = await app.gql<Report>(REPORT, { range });
  expect(res.errors).toBeUndefined();
  const report = res.data as Report;
  expect(report.models).toEqual([
    {
      name: 'default',
      predictions: first.rows,
      validated: first.validated,
      firstPredictedAt: rows[0].predictedAt.toISOString(),
      lastPredictedAt: rows[rows.length - 1].predictedAt.toISOString(),
    },
  ]);
  expect(report.metrics.overall.predictions).toBe(first.rows);
  expect(report.metrics.overall.validated).toBe(first.validated);
  expect(report.metrics.overall.accuracy).toBeGreaterThan(0.5);
  // The day before `now` and the day of `now`, both holding predictions.
  expect(report.metrics.series.map((p) => p.start)).toEqual(['2026-03-14T08:30:00.000Z', '2026-03-15T00:00:00.000Z']);
  expect(report.metrics.series.every((p) => p.values.predictions > 0)).toBe(true);
  expect(report.trainingDistribution.map((c) => [c.label, c.count]).sort()).toEqual(
    demo.training.map((c) => [c.label, c.count]).sort(),
  );
});

test('validations keep the delay the generator gave them', async () => {
  const validated = [...demoDataset({ ...size, now }).rows()].filter((r) => r.actual !== null).slice(0, 20);
  const stored = await app.runtime.stores.predictions.collection
    .find({ id: { $in: validated.map((r) => r.id) } })
    .toArray();
  const byId = new Map(stored.map((d) => [d.id as string, d.validatedAt as Date]));
  for (const r of validated) expect(byId.get(r.id)).toEqual(r.validatedAt);
});

test('seeding again changes nothing', async () => {
  const before = await app.gql<Report>(REPORT, { range });
  expect(await seedDemoIfEmpty(demoDeps(app.runtime), log, new Date(now.getTime() + 3_600_000), size)).toMatchObject({
    seeded: false,
  });
  expect(await app.runtime.stores.predictions.collection.countDocuments()).toBe(first.rows);
  expect(await app.gql<Report>(REPORT, { range })).toEqual(before);
});
