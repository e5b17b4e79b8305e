// The drainer adds a batch's own tallies to the stored quarters instead of reading raw rows, and
// recomputes from raw where that could count a row twice or miss a change. Each test drives one of
// those cases on the real store and checks the rollups against the raw rows.
import type { ObjectId } from 'mongodb';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PredictionRow } from '../../server/core/prediction.js';
import { quarterTallies } from '../../server/services/rollups.js';
import type { IngestJournal } from '../../server/store/ingest-journal.js';
import type { PredictionStore } from '../../server/store/predictions.js';
import { RollupStore } from '../../server/store/rollups.js';
import { probeServer } from '../../server/store/server-traits.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { expectRollupsEqualRaw } from '../support/rollups-check.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp('stamps');
});
afterAll(() => app.close());

const stores = () => app.runtime.stores;
const services = () => app.runtime.services;
const check = (model: string) =>
  expectRollupsEqualRaw({ db: app.runtime.db, predictions: stores().predictions }, model);

function rows(
  model: string,
  ids: string[],
  at: string,
  predicted = 'a',
  actual: string | null = null,
): PredictionRow[] {
  return ids.map((id, i) => ({
    id,
    model,
    predictedAt: new Date(Date.parse(at) + i * 60_000),
    predicted,
    confidence: 0.8,
    scores: null,
    actual,
    validatedAt: actual === null ? null : new Date(at),
  }));
}

/** Writes a batch the way the ingest does, but with a stamp taken earlier (a slow concurrent batch). */
async function lateBatch(stamp: ObjectId, batch: PredictionRow[], journal = true) {
  await stores().predictions.insertNew(batch, stamp);
  if (journal)
    await stores().journal.append({
      stamp,
      deltas: quarterTallies(batch),
      inserted: batch.map((r) => ({ model: r.model, id: r.id })),
    });
}

test('a batch whose rows were counted by a recompute from raw before its entry arrived is not added again', async () => {
  const slow = stores().journal.newStamp();
  // The slow batch's rows are stored, its journal entry not yet written.
  await lateBatch(slow, rows('late', ['s1', 's2'], '2026-05-01T10:00:00Z'), false);
  // A later batch in the same quarter, then a validation there: that quarter is recomputed from raw.
  await services().ingest.recordPredictions([
    { id: 'f1', model: 'late', predictedAt: new Date('2026-05-01T10:05:00Z'), predicted: 'a' },
  ]);
  await services().ingest.recordValidations([{ id: 'f1', model: 'late', actual: 'a' }]);
  await services().rollups.settle();
  // Now the slow batch's entry arrives, stamped below the watermark.
  await stores().journal.append({
    stamp: slow,
    deltas: quarterTallies(rows('late', ['s1', 's2'], '2026-05-01T10:00:00Z')),
    inserted: [],
  });
  await services().rollups.settle();
  await check('late');
});

test('a batch stamped below the watermark whose rows no recompute saw is added once', async () => {
  const slow = stores().journal.newStamp();
  await services().ingest.recordPredictions([
    { id: 'g1', model: 'behind', predictedAt: new Date('2026-05-02T10:05:00Z'), predicted: 'a' },
  ]);
  await services().rollups.settle();
  await lateBatch(slow, rows('behind', ['s1', 's2', 's3'], '2026-05-02T10:00:00Z'));
  await services().rollups.settle();
  await check('behind');
});

test('a pass that dies after writing its quarters and before dropping its entries adds nothing twice', async () => {
  await services().ingest.recordPredictions(rows('crash-pass', ['c1', 'c2'], '2026-05-03T08:00:00Z'));
  await services().rollups.settle();
  const journal = Object.getPrototypeOf(stores().journal) as IngestJournal;
  const remove = journal.remove;
  journal.remove = () => Promise.reject(new Error('simulated crash before the journal is trimmed'));
  try {
    await services().ingest.recordPredictions(rows('crash-pass', ['c3', 'c4', 'c5'], '2026-05-03T08:01:00Z'));
    await expect(services().rollups.processPending()).rejects.toThrow('simulated crash');
  } finally {
    journal.remove = remove;
  }
  await services().rollups.settle();
  await check('crash-pass');
});

test('a validation and a move of rows whose batch is not drained yet are counted, the batch tallies set aside', async () => {
  // A batch stamped after everything drained so far, whose entry is still to come.
  const pending = stores().journal.newStamp();
  const batch = rows('undrained', ['u1', 'u2', 'u3'], '2026-05-04T12:00:00Z');
  await lateBatch(pending, batch, false);
  await services().ingest.recordValidations([{ id: 'u1', model: 'undrained', actual: 'b' }]);
  // Re-sent to another day: the row moves out of the batch's quarter.
  await services().ingest.recordPredictions([
    { id: 'u2', model: 'undrained', predictedAt: new Date('2026-05-06T09:00:00Z'), predicted: 'a' },
  ]);
  await services().rollups.settle();
  await check('undrained');
  await stores().journal.append({
    stamp: pending,
    deltas: quarterTallies(batch),
    inserted: batch.map((r) => ({ model: r.model, id: r.id })),
  });
  await services().rollups.settle();
  await check('undrained');
  const day = await app.gql<{
    metrics: { overall: { predictions: number; validated: number; accuracy: number | null } };
  }>(
    `{ metrics(range: {from: "2026-05-04T00:00:00Z", to: "2026-05-07T00:00:00Z"}, model: "undrained") { overall { predictions validated accuracy } } }`,
  );
  expect(day.data?.metrics.overall).toEqual({ predictions: 3, validated: 1, accuracy: 0 });
});

/** Counts the reads of raw rows (every one goes through streamBetween) until stopped. */
function countRawReads(): { count: number; stop: () => void } {
  const store = Object.getPrototypeOf(stores().predictions) as PredictionStore;
  const streamBetween = store.streamBetween;
  const counter = { count: 0, stop: () => void (store.streamBetween = streamBetween) };
  store.streamBetween = function (this: PredictionStore, ...args: Parameters<PredictionStore['streamBetween']>) {
    counter.count++;
    return streamBetween.apply(this, args);
  };
  return counter;
}

test('a stream of new batches is taken in without reading raw rows or rereading quarters, and equals them', async () => {
  await services().rollups.settle();
  const rawReads = countRawReads();
  // Summing an hour needs its other quarters: the read of the quarters the batch adds to brings them.
  const rollupStore = Object.getPrototypeOf(stores().rollups) as RollupStore;
  const read = rollupStore.read;
  let quarterReads = 0;
  rollupStore.read = function (this: RollupStore, ...args: Parameters<RollupStore['read']>) {
    if (args[0] === 'QUARTER') quarterReads++;
    return read.apply(this, args);
  };
  try {
    for (let i = 0; i < 5; i++) {
      const batch = rows(
        'stream',
        [0, 1, 2, 3].map((k) => `b${i}-${k}`),
        `2026-05-05T0${i}:00:00Z`,
        i % 2 ? 'a' : 'b',
        'a',
      );
      await services().ingest.recordPredictions(batch.map((r) => ({ ...r, validatedAt: undefined })));
      if (i === 2) await services().rollups.settle();
    }
    await services().rollups.settle();
  } finally {
    rawReads.stop();
    rollupStore.read = read;
  }
  expect(rawReads.count).toBe(0);
  expect(quarterReads).toBe(0);
  await check('stream');
});

test('validations and corrections of drained rows change labels in the stored quarters without reading raw rows', async () => {
  const batch = rows('relabel', ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'], '2026-05-08T10:50:00Z', 'a', 'a').map((r, i) => ({
    ...r,
    actual: i < 3 ? 'a' : null,
    version: i % 2 ? 'v2' : null,
  }));
  await services().ingest.recordPredictions(batch.map((r) => ({ ...r, validatedAt: undefined })));
  await services().rollups.settle();
  const rawReads = countRawReads();
  try {
    // r0 corrected, r3 and r4 validated, r1 un-touched; then r4 corrected and r0 sent again as is.
    await services().ingest.recordValidations([
      { id: 'r0', model: 'relabel', actual: 'b' },
      { id: 'r3', model: 'relabel', actual: 'a' },
      { id: 'r4', model: 'relabel', actual: 'c' },
    ]);
    await services().rollups.settle();
    await services().ingest.recordValidations([
      { id: 'r4', model: 'relabel', actual: 'a' },
      { id: 'r0', model: 'relabel', actual: 'b' },
    ]);
    await services().rollups.settle();
  } finally {
    rawReads.stop();
  }
  expect(rawReads.count).toBe(0);
  await check('relabel');
  const day = await app.gql<{ metrics: { overall: { validated: number; accuracy: number | null } } }>(
    `{ metrics(range: {from: "2026-05-08T00:00:00Z", to: "2026-05-09T00:00:00Z"}, model: "relabel") { overall { validated accuracy } } }`,
  );
  expect(day.data?.metrics.overall).toEqual({ validated: 5, accuracy: 0.8 });
});

test('validations of rows an application wrote relabel without raw reads once a completed refresh has seen them', async () => {
  const { collection } = stores().predictions;
  const doc = (id: string, minute: number, actual?: string) => ({
    model: 'app-relabel',
    id,
    predictedAt: new Date(Date.parse('2026-05-09T10:00:00Z') + minute * 60_000),
    predicted: 'a',
    confidence: 0.7,
    ...(actual ? { actual, validatedAt: new Date(Date.now() - 3_600_000) } : {}),
  });
  await collection.insertMany([doc('s1', 1, 'a'), doc('s2', 2), doc('s3', 3)]);
  await services().rollups.refresh();
  const rawReads = countRawReads();
  try {
    await services().ingest.recordValidations([
      { id: 's1', model: 'app-relabel', actual: 'b' },
      { id: 's2', model: 'app-relabel', actual: 'a' },
    ]);
    await services().rollups.settle();
    expect(rawReads.count).toBe(0);
    // Written after the last scan: its quarter may not count it yet, so it is recomputed.
    await collection.insertOne(doc('s4', 40));
    await services().ingest.recordValidations([{ id: 's4', model: 'app-relabel', actual: 'a' }]);
    await services().rollups.settle();
    expect(rawReads.count).toBeGreaterThan(0);
  } finally {
    rawReads.stop();
  }
  await check('app-relabel');
});

test('a replica that served a range from memory answers the new counts once another process has written the rollups', async () => {
  const db = { MONGODB_DB: `t_cache_${Date.now().toString(36)}` };
  const [reader, writer] = [await startTestApp('stamps', db), await startTestApp('stamps', db)];
  try {
    const ask = async () =>
      (
        await reader.gqlNow<{ metrics: { overall: { predictions: number } } }>(
          `{ metrics(range: {from: "2026-05-01T00:00:00Z", to: "2026-05-08T00:00:00Z"}, model: "cached", granularity: DAY) { overall { predictions } } }`,
        )
      ).data?.metrics.overall.predictions;
    const send = async (ids: string[]) => {
      await writer.runtime.services.ingest.recordPredictions(rows('cached', ids, '2026-05-03T10:00:00Z'));
      await writer.runtime.services.rollups.settle();
    };
    await send(['k1', 'k2']);
    expect(await ask()).toBe(2);
    expect(await ask()).toBe(2);
    await send(['k3']);
    expect(await ask()).toBe(3);
  } finally {
    await reader.close();
    await writer.close();
  }
});

test('a server whose own drain wrote the rollups answers from its patched copy, and drops copies another process made stale', async () => {
  const db = { MONGODB_DB: `t_patch_${Date.now().toString(36)}` };
  const [one, two] = [await startTestApp('stamps', db), await startTestApp('stamps', db)];
  const range = { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-05-08T00:00:00Z') };
  try {
    const ask = async (app: TestApp) =>
      (
        await app.gqlNow<{ metrics: { overall: { predictions: number } } }>(
          `{ metrics(range: {from: "2026-05-01T00:00:00Z", to: "2026-05-08T00:00:00Z"}, model: "patched", granularity: DAY) { overall { predictions } } }`,
        )
      ).data?.metrics.overall.predictions;
    const send = async (app: TestApp, ids: string[], at: string) => {
      await app.runtime.services.ingest.recordPredictions(rows('patched', ids, at));
      await app.runtime.services.rollups.settle();
    };
    await send(one, ['p1'], '2026-05-02T10:00:00Z');
    expect(await ask(one)).toBe(1);
    await send(one, ['p2', 'p3'], '2026-05-02T11:00:00Z');
    expect(await ask(one)).toBe(3);
    // What the copy holds equals what a process without copies reads from the store.
    const hours = Array.from({ length: 7 * 24 }, (_, h) => ({
      model: 'patched',
      start: new Date(range.from.getTime() + h * 3_600_000),
    }));
    const fresh = new RollupStore(one.runtime.db, await probeServer(one.runtime.db));
    for (const level of ['HOUR', 'DAY'] as const) {
      const blocks = level === 'HOUR' ? hours : hours.filter((_, h) => h % 24 === 0);
      expect(await one.runtime.stores.rollups.read(level, blocks)).toEqual(await fresh.read(level, blocks));
    }
    // The other process writes, then this one: its copies predate the other's write and must go.
    await send(two, ['p4'], '2026-05-04T10:00:00Z');
    await send(one, ['p5'], '2026-05-05T10:00:00Z');
    expect(await ask(one)).toBe(5);
    await check('patched');
  } finally {
    await one.close();
    await two.close();
  }
});

test('a pass rewriting hundreds of quarters scattered among others leaves one revision of each, equal to raw', async () => {
  // 600 quarters with a row each, then validations in every other one: 300 quarters recomputed,
  // interleaved with 300 that are not.
  const batch = Array.from({ length: 600 }, (_, i) => ({
    id: `q${i}`,
    model: 'scattered',
    predictedAt: new Date(Date.parse('2026-04-01T00:00:00Z') + i * 15 * 60_000),
    predicted: 'a',
  }));
  await services().ingest.recordPredictions(batch);
  await services().rollups.settle();
  await services().ingest.recordValidations(
    batch.filter((_, i) => i % 2 === 0).map((r) => ({ id: r.id, model: r.model, actual: 'b' })),
  );
  await services().rollups.settle();
  await check('scattered');
});
