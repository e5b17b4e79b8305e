// End to end: predictions and a training distribution over GraphQL, the drift check (what the
// check-drift job runs) at a fixed NOW, alerts and drift over GraphQL, signed webhooks to a local
// receiver, late validations, acknowledgement and self-resolution. Kept small: FerretDB writes are slow.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CheckSummary } from '../../server/services/drift.js';
import { driftResultId } from '../../server/store/drift-results.js';
import { startTestApp, type TestApp } from '../support/app.js';

const SECRET = 'e2e-webhook-secret';
const DAY = 86_400_000;
// A fixed clock: the check looks at the days before NOW, so a run across UTC midnight sees the same days.
const TODAY = Date.parse('2026-03-16T00:00:00Z');
const NOW = new Date(TODAY + 9.5 * 3_600_000);
const dayStart = (d: number) => new Date(TODAY + d * DAY);
/** The day whose predictions all say "a" while training is half "a", half "b". */
const SHIFTED = dayStart(-1);

interface Hook {
  event: string;
  eventId: string;
  alert: { id: string; rule: string; status: string; evidence: { value: number; window: { start: string } } };
}
const hooks: Hook[] = [];
let server: Server;
let app: TestApp;

const ALERT_FIELDS =
  'id model rule severity status openedAt lastSeenAt resolvedAt acknowledgedAt message evidence kind findings { __typename reference samples { current reference } window { start granularity } ... on DistributionEvidence { minSamples } } windowStart deliveries { webhook target event state attempts lastStatus deliveredAt lastError }';
interface AlertView {
  id: string;
  rule: string;
  status: string;
  severity: string;
  message: string;
  evidence: string;
  kind: string;
  findings: Record<string, unknown> | null;
  windowStart: string;
  resolvedAt: string | null;
  deliveries: { event: string; state: string; attempts: number; lastStatus: number }[];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const valid =
        req.headers['x-clara-signature'] === `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      if (valid) hooks.push(JSON.parse(body) as Hook);
      res.writeHead(valid ? 200 : 401).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  app = await startTestApp('drift_alerts', {
    CLARA_ALERT_WEBHOOKS: `http://127.0.0.1:${(server.address() as AddressInfo).port}/clara`,
    CLARA_ALERT_WEBHOOK_SECRET: SECRET,
    CLARA_ALERT_WEBHOOK_RETRY_DELAY: '10 ms',
    CLARA_DRIFT_MIN_SAMPLES: '20',
  });
  await app.gql(
    `mutation { setTrainingDistribution(counts: [{ label: "a", count: 500 }, { label: "b", count: 500 }]) { label } }`,
  );
  const predictions = [-6, -5, -4, -3, -2, -1].flatMap((d) =>
    Array.from({ length: 40 }, (_, i) => {
      const predicted = d === -1 || i % 2 === 0 ? 'a' : 'b';
      // Days before the shift are validated (and right); the shifted day is not, yet.
      return {
        id: `${d}-${i}`,
        predictedAt: new Date(dayStart(d).getTime() + i * 60_000).toISOString(),
        predicted,
        ...(d === -1 ? {} : { actual: predicted }),
      };
    }),
  );
  const res = await app.gql<{ recordPredictions: { accepted: number } }>(
    `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`,
    { p: predictions },
  );
  expect(res.data?.recordPredictions.accepted).toBe(240);
});
afterAll(async () => {
  await app?.close();
  await new Promise((done) => server.close(done));
});

async function alerts(args = ''): Promise<AlertView[]> {
  const res = await app.gql<{ alerts: AlertView[] }>(`{ alerts${args} { ${ALERT_FIELDS} } }`);
  expect(res.errors).toBeUndefined();
  return res.data!.alerts;
}

/** What a check-drift run does, at `now` instead of the wall clock's time. */
async function checkDrift(now = NOW): Promise<CheckSummary> {
  await app.runtime.services.rollups.settle();
  return app.runtime.services.drift.check(new AbortController().signal, now);
}

const verdict = async (rule: string) =>
  (
    await app.runtime.db
      .collection<{ _id: string; verdict: boolean }>('drift_results')
      .findOne({ _id: driftResultId('default', 'DAY', SHIFTED, rule as never) })
  )?.verdict;

test('check-drift opens one alert per firing rule and notifies the webhook with a valid signature', async () => {
  expect(await checkDrift()).toMatchObject({
    models: 1,
    windows: 7,
    firing: 2,
    opened: 2,
    resolved: 0,
    sent: 2,
    failed: 0,
  });
  const open = await alerts('(status: OPEN)');
  expect(open.map((a) => a.rule).sort()).toEqual(['predicted-js', 'predicted-psi']);
  for (const alert of open) {
    expect(alert.windowStart).toBe(SHIFTED.toISOString());
    expect(alert.deliveries).toEqual([
      expect.objectContaining({ event: 'opened', state: 'DELIVERED', attempts: 1, lastStatus: 200 }),
    ]);
    expect(JSON.parse(alert.evidence)).toMatchObject({
      reference: 'TRAINING',
      samples: { current: 40, reference: 1000 },
      window: { start: SHIFTED.toISOString(), granularity: 'DAY' },
    });
    // The same figures typed: the object type of distribution rules, the rule as an enum.
    expect(alert.kind).toBe(alert.rule === 'predicted-psi' ? 'PREDICTED_PSI' : 'PREDICTED_JS');
    expect(alert.findings).toEqual({
      __typename: 'DistributionEvidence',
      reference: 'TRAINING',
      samples: { current: 40, reference: 1000 },
      window: { start: SHIFTED.toISOString(), granularity: 'DAY' },
      minSamples: 20,
    });
  }
  expect(open.find((a) => a.rule === 'predicted-psi')!.message).toMatch(
    /predicted-class distribution drifted from the training distribution: PSI [\d.]+ > 0\.2/,
  );
  expect(hooks.map((h) => `${h.event} ${h.alert.rule}`).sort()).toEqual([
    'alert.opened predicted-js',
    'alert.opened predicted-psi',
  ]);
  expect(JSON.stringify(hooks)).not.toContain(SECRET);

  // A repeated run finds the same verdicts: nothing new is opened, written or sent.
  expect(await checkDrift()).toMatchObject({ written: 0, opened: 0, resolved: 0, sent: 0 });
  expect(hooks).toHaveLength(2);
  expect(await alerts()).toHaveLength(2);
});

test('drift answers per day against the training distribution or the baseline windows', async () => {
  const query = `query($r: TimeRangeInput!, $ref: DriftReference) { drift(range: $r, reference: $ref) { start end psi jsDistance chiSquareP ksStatistic accuracyDelta actualPsi predictions validated pageHinkley rules drift } }`;
  const range = { from: dayStart(-6).toISOString(), to: dayStart(0).toISOString() };
  const training = await app.gql<{ drift: Record<string, unknown>[] }>(query, { r: range });
  expect(training.errors).toBeUndefined();
  const points = training.data!.drift;
  expect(points.map((p) => p.drift)).toEqual([false, false, false, false, false, true]);
  expect(points[5]).toMatchObject({
    start: SHIFTED.toISOString(),
    predictions: 40,
    validated: 0,
    actualPsi: null,
    ksStatistic: null,
    pageHinkley: false,
    rules: ['predicted-psi', 'predicted-js'],
  });
  expect(points[5].psi as number).toBeGreaterThan(0.2);
  expect(points[0]).toMatchObject({ psi: 0, jsDistance: 0, chiSquareP: 1, accuracyDelta: null });

  const settings = await app.gql<{ driftSettings: Record<string, unknown> }>(
    `{ driftSettings { granularity reference baselineWindows psiThreshold jsThreshold minSamples rules } }`,
  );
  expect(settings.data?.driftSettings).toMatchObject({
    granularity: 'DAY',
    reference: 'TRAINING',
    baselineWindows: 4,
    psiThreshold: 0.2,
    jsThreshold: 0.1,
    minSamples: 20,
  });
  expect(settings.data?.driftSettings.rules).toHaveLength(12);

  const baseline = await app.gql<{ drift: Record<string, unknown>[] }>(query, { r: range, ref: 'BASELINE' });
  const b = baseline.data!.drift;
  expect(b[0]).toMatchObject({ psi: null, drift: false });
  expect(b[1]).toMatchObject({ psi: 0, accuracyDelta: 0 });
  expect(b[5]).toMatchObject({ drift: true, rules: ['predicted-psi', 'predicted-js'] });
});

test('late validations change the verdict of an already checked window on the next run', async () => {
  expect(await verdict('actual-psi')).toBe(false);
  const validations = Array.from({ length: 40 }, (_, i) => ({ id: `-1-${i}`, actual: 'a' }));
  const res = await app.gql<{ recordValidations: { accepted: number } }>(
    `mutation($v: [ValidationInput!]!) { recordValidations(validations: $v) { accepted } }`,
    { v: validations },
  );
  expect(res.data?.recordValidations.accepted).toBe(40);
  expect(await checkDrift()).toMatchObject({ opened: 2, resolved: 0, sent: 2 });
  expect(await verdict('actual-psi')).toBe(true);
  expect((await alerts('(status: OPEN)')).map((a) => a.rule).sort()).toEqual([
    'actual-js',
    'actual-psi',
    'predicted-js',
    'predicted-psi',
  ]);
});

test('acknowledging needs the token, keeps the alert the one of its rule, and it still resolves after 3 quiet windows', async () => {
  const [first] = await alerts('(status: OPEN)');
  const mutation = `mutation($id: ID!) { acknowledgeAlert(id: $id) { id status acknowledgedAt } }`;
  expect((await app.gql(mutation, { id: first.id }, null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  const acked = await app.gql<{ acknowledgeAlert: { status: string; acknowledgedAt: string } }>(mutation, {
    id: first.id,
  });
  expect(acked.data?.acknowledgeAlert.status).toBe('ACKNOWLEDGED');
  expect((await alerts('(status: ACKNOWLEDGED)')).map((a) => a.id)).toEqual([first.id]);
  expect(await alerts('(status: OPEN)')).toHaveLength(3);
  expect((await alerts()).map((a) => a.status)).toEqual(['OPEN', 'OPEN', 'OPEN', 'ACKNOWLEDGED']);

  // Three days later the three days after the shift have closed without data: every alert resolves.
  const summary = await checkDrift(new Date(NOW.getTime() + 3 * DAY));
  expect(summary).toMatchObject({ opened: 0, resolved: 4, sent: 4, failed: 0 });
  const resolved = await alerts();
  expect(resolved.map((a) => a.status)).toEqual(['RESOLVED', 'RESOLVED', 'RESOLVED', 'RESOLVED']);
  expect(
    resolved.every((a) => a.resolvedAt !== null && a.deliveries.map((d) => d.event).join() === 'opened,resolved'),
  ).toBe(true);
  expect(hooks.filter((h) => h.event === 'alert.resolved').map((h) => h.alert.status)).toEqual([
    'RESOLVED',
    'RESOLVED',
    'RESOLVED',
    'RESOLVED',
  ]);
  expect(await alerts('(status: RESOLVED, limit: 2)')).toHaveLength(2);
});

test('bad input is BAD_USER_INPUT naming the field', async () => {
  const range = { from: dayStart(-2).toISOString(), to: dayStart(0).toISOString() };
  const cases: [string, Record<string, unknown>, string][] = [
    [`query($r: TimeRangeInput!) { drift(range: $r, timeZone: "Mars/Olympus") { drift } }`, { r: range }, 'timeZone'],
    [`query($r: TimeRangeInput!) { drift(range: $r, model: "nope") { drift } }`, { r: range }, 'model'],
    [`query($r: TimeRangeInput!) { drift(range: $r) { drift } }`, { r: { from: range.to, to: range.from } }, 'range'],
    [
      `query($r: TimeRangeInput!) { drift(range: $r, granularity: HOUR) { drift } }`,
      { r: { from: '2020-01-01T00:00:00Z', to: range.to } },
      'granularity',
    ],
    [
      `query($r: TimeRangeInput!) { drift(range: $r, granularity: MONTH) { drift } }`,
      { r: { from: '2000-01-01T00:00:00Z', to: range.to } },
      'range',
    ],
    [`{ alerts(limit: 0) { id } }`, {}, 'limit'],
    [`{ alerts(model: "nope") { id } }`, {}, 'model'],
    [`mutation { acknowledgeAlert(id: "nope") { id } }`, {}, 'id'],
  ];
  for (const [query, variables, field] of cases) {
    const res = await app.gql(query, variables);
    expect(res.errors?.[0].extensions, query).toEqual({ code: 'BAD_USER_INPUT', field });
  }
});
