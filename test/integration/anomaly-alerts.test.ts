// End to end: volume and silence anomalies from predictions sent over GraphQL (four previous weeks
// give the usual level), checked at a fixed clock; a job failing three times in a row, checked by
// runJob('check-anomalies'); alerts over GraphQL, webhooks received, each alert resolved afterwards.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AnomalySummary } from '../../server/services/anomalies.js';
import { JobRunStore } from '../../server/store/job-runs.js';
import { startTestApp, type TestApp } from '../support/app.js';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
// A fixed clock: the volume and silence checks run at instants after this hour's start, not at the
// wall clock's time, so a run across an hour boundary sees the same hours.
const hour = Date.parse('2026-03-16T09:00:00Z');
const PER_HOUR = 40;

interface Hook {
  event: string;
  alert: { model: string; rule: string; status: string };
}
const hooks: Hook[] = [];
let server: Server;
let app: TestApp;

/** `PER_HOUR` predictions in each hour starting at these instants. */
function hours(model: string, starts: number[]) {
  return starts.flatMap((start) =>
    Array.from({ length: PER_HOUR }, (_, i) => ({
      model,
      id: `${start}-${i}`,
      predictedAt: new Date(start + i * 90_000).toISOString(),
      predicted: 'a',
      confidence: 0.9,
    })),
  );
}

async function record(items: unknown[]): Promise<void> {
  for (let i = 0; i < items.length; i += 2000) {
    const res = await app.gql<{ recordPredictions: { accepted: number } }>(
      `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`,
      { p: items.slice(i, i + 2000) },
    );
    expect(res.data?.recordPredictions.accepted).toBe(Math.min(2000, items.length - i));
  }
}

async function runJob(name: string): Promise<string> {
  const res = await app.gql<{ runJob: { status: string; summary: string } }>(
    `mutation($n: String!) { runJob(name: $n) { status summary } }`,
    { n: name },
  );
  expect(res.data?.runJob.status).toBe('SUCCEEDED');
  return res.data!.runJob.summary;
}

/** What a check-anomalies run does, at `now` instead of the wall clock's time. */
async function checkAnomalies(now: Date): Promise<AnomalySummary> {
  await app.runtime.services.rollups.settle();
  return app.runtime.services.anomalies.check(new AbortController().signal, now);
}

async function alerts(): Promise<{ model: string; rule: string; status: string; message: string }[]> {
  const res = await app.gql<{ alerts: { model: string; rule: string; status: string; message: string }[] }>(
    `{ alerts { model rule status message } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.alerts;
}

const seen = (rule: string) => hooks.filter((h) => h.alert.rule === rule).map((h) => `${h.event} ${h.alert.model}`);

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Hook);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  app = await startTestApp('anomalies', {
    CLARA_ALERT_WEBHOOKS: `http://127.0.0.1:${(server.address() as AddressInfo).port}/clara`,
    CLARA_ALERT_WEBHOOK_RETRY_DELAY: '10 ms',
    CLARA_DRIFT_RULES: 'volume-anomaly,prediction-silence,job-failures',
  });
  const recent = Array.from({ length: 9 }, (_, k) => hour - (9 - k) * HOUR);
  const history = [1, 2, 3, 4].flatMap((w) => recent.map((h) => h - w * WEEK));
  // "steady": its hour four hours ago is empty. "quiet": nothing in its last three hours.
  await record([
    ...hours('steady', [...history, ...recent.filter((h) => h !== hour - 4 * HOUR)]),
    ...hours('quiet', [...history, ...recent.slice(0, 6)]),
  ]);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await new Promise((done) => server?.close(done));
});

test('a volume drop opens an alert that resolves once the usual volume is back; a silence opens one', async () => {
  expect(await checkAnomalies(new Date(hour + 20 * 60_000))).toMatchObject({
    models: 3,
    opened: 3,
    resolved: 1,
    sent: 4,
    failed: 0,
  });
  const list = await alerts();
  expect(list.find((a) => a.model === 'steady' && a.rule === 'volume-anomaly')).toMatchObject({ status: 'RESOLVED' });
  expect(list.find((a) => a.model === 'steady' && a.rule === 'volume-anomaly')!.message).toMatch(
    /prediction volume fell 100% away from the same time in previous weeks \(0 vs about 40/,
  );
  expect(list.find((a) => a.model === 'quiet' && a.rule === 'prediction-silence')).toMatchObject({ status: 'OPEN' });
  expect(list.find((a) => a.model === 'quiet' && a.rule === 'prediction-silence')!.message).toMatch(
    /no predictions for 60 minutes, while the same time in previous weeks had about \d+/,
  );
  expect(seen('volume-anomaly').sort()).toEqual(['alert.opened quiet', 'alert.opened steady', 'alert.resolved steady']);
  expect(seen('prediction-silence')).toEqual(['alert.opened quiet']);
});

test('the silence resolves when predictions come again (a check two hours later)', async () => {
  // This hour's and the next one's predictions arrive as usual: every quarter the check two hours
  // from now looks at (the last six) is quiet, whatever the minute the first check ran at.
  const later = [hour, hour + HOUR];
  await record(hours('quiet', [...later, ...[1, 2, 3, 4].flatMap((w) => later.map((h) => h - w * WEEK))]));
  const summary = await checkAnomalies(new Date(hour + 2 * HOUR));
  expect(summary.resolved).toBeGreaterThanOrEqual(1);
  expect((await alerts()).find((a) => a.model === 'quiet' && a.rule === 'prediction-silence')).toMatchObject({
    status: 'RESOLVED',
  });
  expect(seen('prediction-silence')).toEqual(['alert.opened quiet', 'alert.resolved quiet']);
});

test('a job failing three times in a row opens an alert; three successful runs resolve it', async () => {
  const runs = new JobRunStore(app.runtime.db);
  for (let i = 0; i < 3; i++)
    await runs.finish(
      await runs.start('refresh-rollups', 'SCHEDULE', 'test'),
      'FAILED',
      null,
      'BACKEND_UNAVAILABLE: the database did not answer',
    );
  await runJob('check-anomalies');
  expect((await alerts()).find((a) => a.rule === 'job-failures')).toMatchObject({
    model: 'refresh-rollups',
    status: 'OPEN',
  });
  expect((await alerts()).find((a) => a.rule === 'job-failures')!.message).toMatch(
    /^Job "refresh-rollups": failed 3 times in a row \(alerting from 3\)/,
  );
  for (let i = 0; i < 3; i++) await runJob('refresh-rollups');
  await runJob('check-anomalies');
  expect((await alerts()).find((a) => a.rule === 'job-failures')).toMatchObject({
    model: 'refresh-rollups',
    status: 'RESOLVED',
  });
  expect(seen('job-failures')).toEqual(['alert.opened refresh-rollups', 'alert.resolved refresh-rollups']);
});
