// GET /metrics: Prometheus figures for requests, ingest, rollup lag, jobs and webhook deliveries.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LeaseStore } from '../../server/store/leases.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp('metrics');
});
afterAll(() => app.close());

const PREDICT = `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`;

async function scrape(target = app, token: string | null = null): Promise<{ status: number; text: string }> {
  const res = await fetch(`${target.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, text: await res.text() };
}

/** The value of one sample line, e.g. `clara_rollup_lag_seconds` or `name{label="x"}`. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

test('counts operations by root field and ingest items by outcome', async () => {
  const rows = [
    { id: 'a', predictedAt: '2026-07-01T10:00:00Z', predicted: 'x' },
    { id: 'b', predictedAt: '2026-07-01T10:05:00Z', predicted: 'y' },
    { id: 'c', predictedAt: '2026-07-01T10:05:00Z', predicted: '' },
  ];
  await app.gql(PREDICT, { p: rows });
  await app.gql(`{ models { name } }`);
  await app.gql(`{ nope }`);
  const { status, text } = await scrape();
  expect(status).toBe(200);
  expect(sample(text, 'clara_ingest_items_total{kind="prediction",outcome="accepted"}')).toBe(2);
  expect(sample(text, 'clara_ingest_items_total{kind="prediction",outcome="rejected"}')).toBe(1);
  expect(sample(text, 'clara_graphql_requests_total{operation="mutation recordPredictions",outcome="ok"}')).toBe(1);
  expect(sample(text, 'clara_graphql_requests_total{operation="query models",outcome="ok"}')).toBe(1);
  expect(sample(text, 'clara_graphql_requests_total{operation="invalid",outcome="error"}')).toBe(1);
  expect(sample(text, 'clara_graphql_request_duration_seconds_count{operation="query models"}')).toBe(1);
  expect(sample(text, 'clara_job_consecutive_failures{job="refresh-rollups"}')).toBe(0);
  expect(sample(text, 'clara_rollup_quarantined_entries')).toBe(0);
});

test('rollup lag grows while writes wait for the rollups and is 0 once they hold everything', async () => {
  const other = await new LeaseStore(app.runtime.db).acquire('rollups', 'another-process', 60_000);
  try {
    await app.gql(PREDICT, { p: [{ id: 'lag', predictedAt: '2026-07-02T10:00:00Z', predicted: 'x' }] });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(sample((await scrape()).text, 'clara_rollup_lag_seconds')).toBeGreaterThanOrEqual(1);
  } finally {
    await other!.release();
  }
  await app.runtime.services.rollups.settle();
  expect(sample((await scrape()).text, 'clara_rollup_lag_seconds')).toBe(0);
});

test('with CLARA_PROTECT_READS, /metrics needs a token', async () => {
  const closed = await startTestApp('metrics_closed', {
    CLARA_PROTECT_READS: 'true',
    CLARA_READ_TOKEN: 'read-token-0123456789',
  });
  try {
    expect((await scrape(closed)).status).toBe(401);
    expect((await scrape(closed, 'read-token-0123456789')).status).toBe(200);
    expect((await scrape(closed, TEST_TOKEN)).status).toBe(200);
  } finally {
    await closed.close();
  }
});
