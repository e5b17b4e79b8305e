// The write path: mutations return once the batch is stored, whatever the rollups are doing; the
// rollups catch up and `asOf` says how far; crashes between a re-send's writes and validations that
// come before their prediction still leave rollups equal to the raw rows.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Services } from '../../server/services/index.js';
import { LeaseStore } from '../../server/store/leases.js';
import { PredictionStore } from '../../server/store/predictions.js';
import { RollupStore } from '../../server/store/rollups.js';
import { probeServer } from '../../server/store/server-traits.js';
import { rawOf, startTestApp, type TestApp } from '../support/app.js';
import { expectRollupsEqualRaw as expectRollupsEqualOnRaw } from '../support/rollups-check.js';

let app: TestApp;
let services: Services;

beforeAll(async () => {
  app = await startTestApp('writepath');
  services = app.runtime.services;
});
afterAll(() => app.close());

const PREDICT = `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted rejected { index message } } }`;
const VALIDATE = `mutation($v: [ValidationInput!]!) { recordValidations(validations: $v) { accepted rejected { index message } } }`;
const SUMMARY = `query($m: String, $from: DateTime!, $to: DateTime!) {
  metrics(range: { from: $from, to: $to }, model: $m) { asOf overall { predictions validated accuracy } }
}`;

interface Summary {
  metrics: { asOf: string; overall: { predictions: number; validated: number; accuracy: number | null } };
}

const expectRollupsEqualRaw = (model: string) => expectRollupsEqualOnRaw(rawOf(app.runtime), model);

test('a mutation returns while another process holds the rollups; asOf shows the lag, then catches up', async () => {
  const leases = new LeaseStore(app.runtime.db);
  const other = await leases.acquire('rollups', 'another-process', 60_000);
  expect(other).not.toBeNull();
  const range = { m: 'lagging', from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' };
  try {
    const res = await app.gql(PREDICT, {
      p: [{ id: 'l1', model: 'lagging', predictedAt: '2026-06-01T10:00:00Z', predicted: 'a' }],
    });
    expect(res.errors).toBeUndefined();
    const acknowledged = Date.now();
    const stale = await app.gqlNow<Summary>(SUMMARY, range);
    expect(stale.errors).toBeUndefined();
    expect(stale.data?.metrics.overall.predictions).toBe(0);
    expect(Date.parse(stale.data!.metrics.asOf)).toBeLessThanOrEqual(acknowledged);
  } finally {
    await other!.release();
  }
  await services.rollups.settle();
  const fresh = await app.gqlNow<Summary>(SUMMARY, range);
  expect(fresh.data?.metrics.overall.predictions).toBe(1);
});

test('validations that arrive before their prediction are applied when it arrives, in the order sent', async () => {
  const early = await app.gql(VALIDATE, {
    v: [
      { id: 'e1', model: 'early', actual: 'cat' },
      { id: 'e2', model: 'early', actual: 'dog' },
      { id: 'e2', model: 'early', actual: 'cat' },
    ],
  });
  expect(early.data).toEqual({ recordValidations: { accepted: 3, rejected: [] } });
  await services.rollups.settle();
  const res = await app.gql(PREDICT, {
    p: [
      { id: 'e1', model: 'early', predictedAt: '2026-06-03T08:00:00Z', predicted: 'cat' },
      { id: 'e2', model: 'early', predictedAt: '2026-06-03T09:00:00Z', predicted: 'dog' },
      { id: 'e3', model: 'early', predictedAt: '2026-06-03T10:00:00Z', predicted: 'dog' },
    ],
  });
  expect(res.errors).toBeUndefined();
  const after = await app.gql<Summary>(SUMMARY, {
    m: 'early',
    from: '2026-06-03T00:00:00Z',
    to: '2026-06-04T00:00:00Z',
  });
  // e2's correction (cat) came after its first label: e1 right, e2 wrong, e3 unvalidated.
  expect(after.data?.metrics.overall).toEqual({ predictions: 3, validated: 2, accuracy: 0.5 });
  await expectRollupsEqualRaw('early');
});

test('validations of hundreds of rows an application wrote with its own _id all land, each on its row', async () => {
  const at = Date.parse('2026-06-13T00:00:00Z');
  const docs = Array.from({ length: 300 }, (_, i) => ({
    model: 'direct-many',
    id: `d${i}`,
    predictedAt: new Date(at + i * 137_000),
    predicted: i % 3 ? 'a' : 'b',
    confidence: 0.7,
  }));
  await app.runtime.stores.predictions.collection.insertMany(docs);
  await services.rollups.refresh();
  // More ids than a `$in` list carries where every filter scans: they are matched in one scan.
  const validations = docs.slice(0, 250).map((d, i) => ({ id: d.id, model: 'direct-many', actual: i % 2 ? 'a' : 'b' }));
  expect((await app.gql(VALIDATE, { v: validations })).data).toEqual({
    recordValidations: { accepted: 250, rejected: [] },
  });
  await services.rollups.settle();
  const rows = await app.runtime.stores.predictions.rowsBetween('direct-many', new Date(at), new Date(at + 86_400_000));
  expect(
    rows
      .filter((r) => r.actual !== null)
      .map((r) => [r.id, r.actual])
      .sort(),
  ).toEqual(validations.map((v) => [v.id, v.actual]).sort());
  // The application's own documents are left as it wrote them: the labels are revisions of them.
  expect(
    await app.runtime.stores.predictions.collection.countDocuments({ model: 'direct-many', actual: { $exists: true } }),
  ).toBe(0);
  const res = await app.gql<Summary>(SUMMARY, {
    m: 'direct-many',
    from: '2026-06-13T00:00:00Z',
    to: '2026-06-14T00:00:00Z',
  });
  expect(res.data?.metrics.overall.predictions).toBe(300);
  expect(res.data?.metrics.overall.validated).toBe(250);
  expect(await app.runtime.stores.predictions.collection.countDocuments({ model: 'direct-many' })).toBe(300);
  await expectRollupsEqualRaw('direct-many');
});

/** Makes the drainer "die" once it has stored `keep` of the new row versions a pass writes. */
function dieWhileRevising(keep: number): () => void {
  const store = Object.getPrototypeOf(app.runtime.stores.predictions) as PredictionStore;
  const revise = store.revise;
  store.revise = async function (this: PredictionStore, docs: Parameters<PredictionStore['revise']>[0]) {
    await revise.call(this, docs.slice(0, keep));
    throw new Error(`simulated crash after ${Math.min(keep, docs.length)} of ${docs.length} rows`);
  };
  return () => {
    store.revise = revise;
  };
}

test('a re-sent prediction that moved, with the process dying between its writes, is counted once', async () => {
  const send = (predictedAt: string, predicted: string) =>
    app.gql(PREDICT, { p: [{ id: 'm1', model: 'crash', predictedAt, predicted, actual: 'x' }] });
  expect((await send('2026-06-05T08:05:00Z', 'x')).errors).toBeUndefined();
  await services.rollups.settle();

  // The drainer dies right after storing the moved row, before any quarter is written.
  const restore = dieWhileRevising(1);
  try {
    expect((await send('2026-06-07T20:40:00Z', 'y')).errors).toBeUndefined();
    await expect(services.rollups.processPending()).rejects.toThrow('simulated crash after 1 of 1 rows');
  } finally {
    restore();
  }
  await services.rollups.settle();
  const rows = await app.runtime.stores.predictions.rowsBetween('crash', new Date(0), new Date('2100-01-01'));
  expect(rows.map((r) => [r.id, r.predictedAt.toISOString(), r.predicted])).toEqual([
    ['m1', '2026-06-07T20:40:00.000Z', 'y'],
  ]);
  const days = await app.gql<{ metrics: { series: { values: { predictions: number; accuracy: number | null } }[] } }>(
    `{ metrics(range: {from: "2026-06-05T00:00:00Z", to: "2026-06-08T00:00:00Z"}, model: "crash") { series { values { predictions accuracy } } } }`,
  );
  expect(days.data?.metrics.series.map((p) => p.values)).toEqual([
    { predictions: 0, accuracy: null },
    { predictions: 0, accuracy: null },
    { predictions: 1, accuracy: 0 },
  ]);
  await expectRollupsEqualRaw('crash');
});

test('a pass validating more rows than one saved part holds, dying with part of them stored, loses none and counts none twice', async () => {
  const at = Date.parse('2026-06-15T00:00:00Z');
  const batch = Array.from({ length: 2400 }, (_, i) => ({
    id: `w${i}`,
    model: 'parts',
    predictedAt: new Date(at + i * 30_000).toISOString(),
    predicted: i % 2 ? 'a' : 'b',
  }));
  expect((await app.gql(PREDICT, { p: batch })).errors).toBeUndefined();
  await services.rollups.settle();
  const restore = dieWhileRevising(1000);
  try {
    expect(
      (await app.gql(VALIDATE, { v: batch.map((r) => ({ id: r.id, model: 'parts', actual: 'a' })) })).errors,
    ).toBeUndefined();
    await expect(services.rollups.processPending()).rejects.toThrow('simulated crash after 1000 of 2400 rows');
  } finally {
    restore();
  }
  await services.rollups.settle();
  const rows = [];
  for await (const row of app.runtime.stores.predictions.streamBetween(
    'parts',
    new Date(at),
    new Date(at + 86_400_000),
  ))
    rows.push(row);
  expect(rows).toHaveLength(2400);
  expect(rows.every((r) => r.actual === 'a' && r.validatedAt instanceof Date && r.stamp !== null)).toBe(true);
  expect(await app.runtime.stores.predictions.collection.countDocuments({ model: 'parts' })).toBe(2400);
  const res = await app.gql<Summary>(SUMMARY, { m: 'parts', from: '2026-06-15T00:00:00Z', to: '2026-06-16T00:00:00Z' });
  expect(res.data?.metrics.overall).toEqual({ predictions: 2400, validated: 2400, accuracy: 0.5 });
  await expectRollupsEqualRaw('parts');
});

test('a retried batch (same ids, same values) changes nothing and counts each prediction once', async () => {
  const batch = Array.from({ length: 50 }, (_, i) => ({
    id: `r${i}`,
    model: 'retry',
    predictedAt: `2026-06-09T${String(i % 24).padStart(2, '0')}:30:00Z`,
    predicted: 'a',
    actual: i % 2 ? 'a' : 'b',
  }));
  for (let attempt = 0; attempt < 3; attempt++) expect((await app.gql(PREDICT, { p: batch })).errors).toBeUndefined();
  const res = await app.gql<Summary>(SUMMARY, { m: 'retry', from: '2026-06-09T00:00:00Z', to: '2026-06-10T00:00:00Z' });
  expect(res.data?.metrics.overall).toEqual({ predictions: 50, validated: 50, accuracy: 0.5 });
  expect(await app.runtime.stores.predictions.collection.countDocuments({ model: 'retry' })).toBe(50);
  await expectRollupsEqualRaw('retry');
});

test('an entry whose recompute always fails is quarantined after failing alone; the entries after it still land', async () => {
  const store = Object.getPrototypeOf(
    new RollupStore(app.runtime.db, await probeServer(app.runtime.db)),
  ) as RollupStore;
  const write = store.write;
  store.write = async function (this: RollupStore, ...args: Parameters<RollupStore['write']>) {
    if (args[1].some((e) => e.block.model === 'poison')) throw new Error('simulated poison');
    return write.apply(this, args);
  };
  try {
    await services.rollups.stop();
    for (const model of ['poison', 'healthy']) {
      expect(
        (await app.gql(PREDICT, { p: [{ id: 'x1', model, predictedAt: '2026-06-11T10:00:00Z', predicted: 'a' }] }))
          .errors,
      ).toBeUndefined();
    }
    let failures = 0;
    for (
      let attempt = 0;
      attempt < 10 &&
      (await services.rollups.processPending().then(
        () => false,
        () => true,
      ));
      attempt++
    )
      failures++;
    // At most one failed pass of both entries, then the poison entry alone three times (drains the
    // writes started may have counted some of these already).
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThanOrEqual(4);
  } finally {
    store.write = write;
    services.rollups.start(60_000);
  }
  expect(await app.runtime.db.collection('ingest_journal_failed').countDocuments({ models: 'poison' })).toBe(1);
  const healthy = await app.gql<Summary>(SUMMARY, {
    m: 'healthy',
    from: '2026-06-11T00:00:00Z',
    to: '2026-06-12T00:00:00Z',
  });
  expect(healthy.data?.metrics.overall.predictions).toBe(1);
  // Once the cause is gone, a full refresh takes the quarantined rows in.
  await services.rollups.refresh(true);
  await expectRollupsEqualRaw('poison');
});
