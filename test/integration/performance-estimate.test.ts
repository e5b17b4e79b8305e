// End to end over GraphQL: predictions with class scores, a labelled reference, then labels
// withheld and a covariate shift; performanceEstimate before and after the fit-calibration job,
// the calibration query, and the estimated-accuracy-drop rule through the drift check to a webhook.
// Kept small (14 days × 200 predictions): FerretDB writes are slow.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY_MS, estimateDays, type EstimateDay } from '../support/estimate-streams.js';
import { ORIGIN } from '../support/drift-streams.js';

// A fixed clock: the drift check is given NOW, so a run across UTC midnight sees the same days.
const TODAY = Date.parse('2026-03-16T00:00:00Z');
const NOW = new Date(TODAY + 9.5 * 3_600_000);
const dayStart = (d: number) => new Date(TODAY + d * DAY_MS);
const DAYS = 14;
/** Days −14…−9 are labelled (half of them); −5 and −4 have harder inputs; the rest are as before. */
const SHIFTED = [-5, -4];
const indexOf = (d: number) => d + DAYS;

interface Hook {
  event: string;
  alert: { rule: string; status: string; windowStart: string };
}
const hooks: Hook[] = [];
let server: Server;
let app: TestApp;
let days: EstimateDay[];

const ESTIMATE = `query($r: TimeRangeInput!, $m: String) {
  performanceEstimate(range: $r, granularity: DAY, model: $m) {
    reference { model from to stored samples referenceAccuracy calibrationErrorBefore calibrationErrorAfter fittedAt steps { confidenceFrom confidenceTo calibrated samples } }
    series { start end predictions validated estimated { accuracy accuracyLow accuracyHigh precision recall f1 } realized { accuracy validated microF1 } }
  }
}`;
interface Point {
  start: string;
  predictions: number;
  validated: number;
  estimated: {
    accuracy: number;
    accuracyLow: number;
    accuracyHigh: number;
    precision: number | null;
    recall: number | null;
    f1: number | null;
  } | null;
  realized: { accuracy: number; validated: number; microF1: number } | null;
}
interface Estimate {
  reference: {
    from: string;
    to: string;
    stored: boolean;
    samples: number;
    referenceAccuracy: number;
    calibrationErrorBefore: number;
    calibrationErrorAfter: number;
    steps: { confidenceFrom: number; confidenceTo: number }[];
  } | null;
  series: Point[];
}

async function estimate(from: number, to: number, model?: string): Promise<Estimate> {
  const res = await app.gql<{ performanceEstimate: Estimate }>(ESTIMATE, {
    r: { from: dayStart(from).toISOString(), to: dayStart(to).toISOString() },
    m: model,
  });
  expect(res.errors).toBeUndefined();
  return res.data!.performanceEstimate;
}

async function runJob(name: string): Promise<string> {
  const res = await app.gql<{ runJob: { status: string; summary: string } }>(
    `mutation($n: String!) { runJob(name: $n) { status summary } }`,
    { n: name },
  );
  expect(res.data?.runJob.status).toBe('SUCCEEDED');
  return res.data!.runJob.summary;
}

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
  app = await startTestApp('estimate', {
    CLARA_ALERT_WEBHOOKS: `http://127.0.0.1:${(server.address() as AddressInfo).port}/clara`,
    CLARA_ALERT_WEBHOOK_RETRY_DELAY: '10 ms',
    CLARA_DRIFT_RULES: 'estimated-accuracy-drop',
  });
  days = estimateDays(17, DAYS, (i) => ({
    predictions: 200,
    validated: i < 6 ? 0.5 : 0,
    shift: SHIFTED.includes(i - DAYS) ? -1.5 : 0,
  }));
  // The generator's days start at ORIGIN; these end yesterday. Every other row sends scores only
  // (its confidence is then its predicted label's score).
  const offset = TODAY - DAYS * DAY_MS - ORIGIN;
  const items = days.flatMap((d) =>
    d.rows.map((r, i) => ({
      id: r.id,
      predictedAt: new Date(r.predictedAt.getTime() + offset).toISOString(),
      predicted: r.predicted,
      ...(i % 2 ? {} : { confidence: r.confidence }),
      scores: r.scores,
      ...(r.actual === null ? {} : { actual: r.actual }),
    })),
  );
  for (let i = 0; i < items.length; i += 1000) {
    const res = await app.gql<{ recordPredictions: { accepted: number; rejected: unknown[] } }>(
      `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted rejected { index message } } }`,
      { p: items.slice(i, i + 1000) },
    );
    expect(res.data?.recordPredictions).toEqual({ accepted: Math.min(1000, items.length - i), rejected: [] });
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await new Promise((done) => server?.close(done));
});

test('scores are checked: a bad distribution is refused naming the item', async () => {
  const bad = [
    {
      id: 'x1',
      predictedAt: dayStart(-1).toISOString(),
      predicted: 'cat',
      scores: [
        { label: 'cat', score: 0.5 },
        { label: 'dog', score: 0.3 },
      ],
    },
    {
      id: 'x2',
      predictedAt: dayStart(-1).toISOString(),
      predicted: 'cat',
      scores: [
        { label: 'cat', score: 0.3 },
        { label: 'dog', score: 0.7 },
      ],
    },
  ];
  const res = await app.gql<{
    recordPredictions: { accepted: number; rejected: { index: number; message: string }[] };
  }>(
    `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted rejected { index message } } }`,
    { p: bad },
  );
  expect(res.data?.recordPredictions.accepted).toBe(0);
  expect(res.data?.recordPredictions.rejected).toEqual([
    { index: 0, message: expect.stringMatching(/^predictions\[0\]\.scores: scores must sum to 1/) },
    {
      index: 1,
      message: expect.stringMatching(
        /^predictions\[1\]\.scores: the predicted label "cat" \(0\.3\) must have the highest score/,
      ),
    },
  ]);
});

test('before any fit, estimates use a calibration fitted on the validated predictions before the range', async () => {
  const result = await estimate(-9, 0);
  const labelled = days.slice(0, 6).reduce((n, d) => n + d.rows.filter((r) => r.actual !== null).length, 0);
  expect(result.reference).toMatchObject({
    stored: false,
    from: dayStart(-14).toISOString(),
    to: dayStart(-9).toISOString(),
    samples: labelled - days[5].rows.filter((r) => r.actual !== null).length,
  });
  expect(result.reference!.calibrationErrorBefore).toBeGreaterThan(0.05);
  expect(result.reference!.calibrationErrorAfter).toBeLessThan(result.reference!.calibrationErrorBefore);
  expect(result.reference!.steps[0].confidenceFrom).toBe(0);
  expect(result.reference!.steps.at(-1)!.confidenceTo).toBe(1);
  expect(result.series).toHaveLength(9);
  const [labelledDay, ...unlabelled] = result.series;
  // Day −9 still has labels: realized values next to the estimate (micro F1 = accuracy).
  expect(labelledDay.realized!.validated).toBe(labelledDay.validated);
  expect(labelledDay.realized!.microF1).toBeCloseTo(labelledDay.realized!.accuracy, 12);
  for (const [k, point] of unlabelled.entries()) {
    const truth = days[indexOf(-8 + k)].accuracy;
    expect(point).toMatchObject({
      start: dayStart(-8 + k).toISOString(),
      predictions: 200,
      validated: 0,
      realized: null,
    });
    const e = point.estimated!;
    expect(e.accuracyLow).toBeLessThan(e.accuracy);
    expect(e.accuracyHigh).toBeGreaterThan(e.accuracy);
    // 200 predictions a day: the band is about ±0.06; the estimate is near the truth.
    expect(Math.abs(e.accuracy - truth)).toBeLessThan(0.1);
    expect(e.precision).not.toBeNull();
    expect(e.f1).not.toBeNull();
  }
  const shifted = result.series.find((p) => p.start === dayStart(-5).toISOString())!;
  const before = result.series.find((p) => p.start === dayStart(-6).toISOString())!;
  expect(before.estimated!.accuracy - shifted.estimated!.accuracy).toBeGreaterThan(0.1);
});

test('fit-calibration stores the calibration, which estimates then use and the calibration query shows', async () => {
  expect(await app.gql(`{ calibration { model } }`)).toMatchObject({ data: { calibration: null } });
  expect(await runJob('fit-calibration')).toBe(
    '1 models, 1 calibrations fitted, 0 without validated predictions that have a confidence',
  );
  const res = await app.gql<{ calibration: { stored: boolean; samples: number; from: string } }>(
    `{ calibration { stored samples from to referenceAccuracy } }`,
  );
  const labelled = days.reduce((n, d) => n + d.rows.filter((r) => r.actual !== null).length, 0);
  expect(res.data?.calibration).toMatchObject({ stored: true, samples: labelled, from: dayStart(-14).toISOString() });
  const result = await estimate(-3, 0);
  expect(result.reference).toMatchObject({ stored: true, samples: labelled });
  expect(result.series.every((p) => p.estimated !== null)).toBe(true);
});

test('estimated-accuracy-drop opens an alert for the shifted days, notifies the webhook and resolves after quiet days', async () => {
  // What the check-drift job does, at NOW rather than the wall clock's time.
  await app.runtime.services.rollups.settle();
  expect(await app.runtime.services.drift.check(new AbortController().signal, NOW)).toMatchObject({
    models: 1,
    windows: 7,
    firing: 2,
  });
  const res = await app.gql<{
    alerts: { rule: string; status: string; windowStart: string; message: string; evidence: string }[];
  }>(`{ alerts { rule status windowStart message evidence } }`);
  const [alert] = res.data!.alerts;
  expect(res.data!.alerts).toHaveLength(1);
  // The episode began with day −5 and last fired on day −4; days −3…−1 were quiet.
  expect(alert).toMatchObject({
    rule: 'estimated-accuracy-drop',
    windowStart: dayStart(-4).toISOString(),
    status: 'RESOLVED',
  });
  expect(alert.message).toMatch(
    /estimated accuracy \(from confidence, before labels\) fell [\d.]+ points below the calibration reference/,
  );
  expect(JSON.parse(alert.evidence)).toMatchObject({
    reference: 'CALIBRATION',
    samples: { current: 200 },
    firstWindow: { start: dayStart(-5).toISOString() },
    firedWindows: 2,
  });
  expect(hooks.map((h) => `${h.event} ${h.alert.rule}`)).toEqual([
    'alert.opened estimated-accuracy-drop',
    'alert.resolved estimated-accuracy-drop',
  ]);
});
