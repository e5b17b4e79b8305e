// Rows written straight into the collection, late validations, corrections, crashes and repeated
// runs: afterwards every rollup block equals a recomputation from the raw rows.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { RollupService } from '../../server/services/rollups.js';
import { PredictionStore } from '../../server/store/predictions.js';
import { RollupStore } from '../../server/store/rollups.js';
import { probeServer, type ServerTraits } from '../../server/store/server-traits.js';
import type { Services } from '../../server/services/index.js';
import { rawOf, startTestApp, type TestApp } from '../support/app.js';
import { expectRollupsEqualRaw as expectRollupsEqualOnRaw } from '../support/rollups-check.js';
import { pick, seeded } from '../support/random.js';

// The user's own application writes this collection, with its own field names.
const MAPPING = {
  CLARA_PREDICTIONS_COLLECTION: 'app_predictions',
  CLARA_FIELD_MODEL: 'modelName',
  CLARA_FIELD_ID: 'requestId',
  CLARA_FIELD_PREDICTED_AT: 'ts',
  CLARA_FIELD_PREDICTED: 'label',
  CLARA_FIELD_CONFIDENCE: 'score',
  CLARA_FIELD_VERSION: 'modelVersion',
  CLARA_FIELD_ACTUAL: 'truth',
  CLARA_FIELD_VALIDATED_AT: 'truthAt',
};
const DAY0 = Date.parse('2026-05-04T00:00:00Z');

let app: TestApp;
let services: Services;

beforeAll(async () => {
  app = await startTestApp('refresh', MAPPING);
  services = app.runtime.services;
});
afterAll(() => app.close());

function appRows(seed: number, count: number, model: string) {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const truth = pick(random, ['spam', 'ham', 'a.b', '$x']);
    return {
      modelName: model,
      requestId: `${model}-${seed}-${i}`,
      ts: new Date(DAY0 + Math.floor(random() * 3 * 86_400_000)),
      label: random() < 0.75 ? truth : pick(random, ['spam', 'ham']),
      score: Math.round(random() * 100) / 100,
      ...(random() < 0.6 ? { truth, truthAt: new Date() } : {}),
      // Two versions and rows without one: every rollup check covers the version series too.
      ...(i % 3 === 0 ? {} : { modelVersion: `v${i % 3}` }),
    };
  });
}

const expectRollupsEqualRaw = (model: string) => expectRollupsEqualOnRaw(rawOf(app.runtime), model);

const METRICS = `query($m: String) { metrics(range: {from: "2026-05-04T00:00:00Z", to: "2026-05-07T00:00:00Z"}, model: $m) { asOf overall { predictions validated accuracy } } }`;

const METRICS_OF_VERSION = `query($m: String, $v: String) { metrics(range: {from: "2026-05-04T00:00:00Z", to: "2026-05-07T00:00:00Z"}, model: $m, version: $v) { overall { predictions validated } } }`;

describe('rows written directly to a mapped collection', () => {
  test('are picked up by refresh, with late validations and corrections', async () => {
    const collection = app.runtime.db.collection('app_predictions');
    const first = appRows(1, 400, 'fraud');
    await collection.insertMany(first);
    const before = await app.gql<{ metrics: { asOf: string | null } }>(METRICS, { m: null });
    const summary = await services.rollups.refresh();
    expect(summary.rowsScanned).toBeGreaterThanOrEqual(400);
    await expectRollupsEqualRaw('fraud');
    const res = await app.gql<{ metrics: { asOf: string; overall: { predictions: number; validated: number } } }>(
      METRICS,
      { m: 'fraud' },
    );
    expect(res.data?.metrics.overall.predictions).toBe(400);
    expect(res.data?.metrics.overall.validated).toBe(first.filter((r) => 'truth' in r).length);
    const v1 = await app.gql<{ metrics: { overall: { predictions: number; validated: number } } }>(METRICS_OF_VERSION, {
      m: 'fraud',
      v: 'v1',
    });
    const mine = first.filter((r) => r.modelVersion === 'v1');
    expect(v1.data?.metrics.overall).toMatchObject({
      predictions: mine.length,
      validated: mine.filter((r) => 'truth' in r).length,
    });
    expect(new Date(res.data!.metrics.asOf).getTime()).toBeGreaterThan(
      before.data?.metrics.asOf ? Date.parse(before.data.metrics.asOf) : 0,
    );

    // A late validation and a correction, written by the application itself.
    const unvalidated = first.find((r) => !('truth' in r))!;
    await collection.updateOne({ requestId: unvalidated.requestId }, { $set: { truth: 'ham', truthAt: new Date() } });
    const validated = first.find((r) => 'truth' in r)!;
    await collection.updateOne(
      { requestId: validated.requestId },
      { $set: { truth: '🦜 corrected', truthAt: new Date() } },
    );
    await services.rollups.refresh();
    await expectRollupsEqualRaw('fraud');
    const classes = await app.gql<{ sampleDistribution: { label: string; count: number }[] }>(
      `{ sampleDistribution(range: {from: "2026-05-04T00:00:00Z", to: "2026-05-07T00:00:00Z"}, model: "fraud", by: ACTUAL) { label count } }`,
    );
    expect(classes.data?.sampleDistribution).toContainEqual({ label: '🦜 corrected', count: 1 });
  });
});

describe('every way a refresh reads leaves the same rollups', () => {
  // One scan holding the rows (FerretDB), the same scan over its memory budget (its quarters read
  // again by the drain), and the index reads a MongoDB server gets.
  const ways: [string, ServerTraits, number][] = [
    ['one scan, rows held', { name: 'FerretDB', scansEveryFilter: true }, 160],
    ['one scan, over its memory', { name: 'FerretDB', scansEveryFilter: true }, 0],
    ['indexed reads', { name: 'MongoDB', scansEveryFilter: false }, 160],
  ];
  const rollupsReading = (traits: ServerTraits, refreshMemoryMb: number) => {
    const stores = app.runtime.stores;
    const { mapping, defaultModel } = stores.predictions;
    return new RollupService(
      {
        ...stores,
        predictions: new PredictionStore(app.runtime.db, mapping, defaultModel, traits),
        state: stores.refreshState,
      },
      {
        passEntries: 500,
        passRows: 20_000,
        passBlocks: 1000,
        refreshMemoryMb,
        traits,
        watchDirectWrites: true,
        owner: 'ways',
      },
      createLogger('silent'),
    );
  };

  test.each(ways)(
    '%s',
    async (name, traits, refreshMemoryMb) => {
      const rollups = rollupsReading(traits, refreshMemoryMb);
      const model = `ways-${name.replace(/\W+/g, '-')}`;
      const collection = app.runtime.db.collection('app_predictions');
      const rows = appRows(7, 500, model);
      await collection.insertMany(rows);
      expect((await rollups.refresh()).rowsScanned).toBeGreaterThanOrEqual(500);
      await expectRollupsEqualRaw(model);
      // Later: one row validated and one corrected by the application, and new rows.
      const open = rows.find((r) => !('truth' in r))!;
      await collection.updateOne({ requestId: open.requestId }, { $set: { truth: 'ham', truthAt: new Date() } });
      const done = rows.find((r) => 'truth' in r)!;
      await collection.updateOne({ requestId: done.requestId }, { $set: { truth: 'spam!', truthAt: new Date() } });
      await collection.insertMany(appRows(8, 120, model));
      // And one validated through the API: a revision the scan must see instead of the stored row.
      const late = rows.filter((r) => r.ts.getTime() >= DAY0 + 86_400_000)[0];
      const res = await app.gql(
        `mutation($v: [ValidationInput!]!) { recordValidations(validations: $v) { accepted } }`,
        { v: [{ id: late.requestId, model, actual: 'revised' }] },
      );
      expect(res.errors).toBeUndefined();
      await services.rollups.settle();
      await rollups.refresh();
      await expectRollupsEqualRaw(model);
      // Rows the application deleted leave their quarters on a full refresh.
      await collection.deleteMany({ modelName: model, ts: { $lt: new Date(DAY0 + 86_400_000) } });
      await rollups.refresh(true);
      await expectRollupsEqualRaw(model);
    },
    180_000,
  );
});

// Each refresh here rescans the rows the tests above wrote straight into the collection.
describe('crashes and repeated runs converge', { timeout: 120_000 }, () => {
  test('a recompute that dies midway, then a repeated refresh, leaves rollups equal to raw rows', async () => {
    const store = Object.getPrototypeOf(
      new RollupStore(app.runtime.db, await probeServer(app.runtime.db)),
    ) as RollupStore;
    const write = store.write;
    let calls = 0;
    // The process "dies" after a few block writes: later writes never happen.
    store.write = async function (this: RollupStore, ...args: Parameters<RollupStore['write']>) {
      if (++calls > 2) throw new Error('simulated crash');
      return write.apply(this, args);
    };
    try {
      const res = await app.gql(
        `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`,
        {
          p: appRows(2, 300, 'fraud').map((r) => ({
            id: r.requestId,
            model: r.modelName,
            predictedAt: r.ts.toISOString(),
            predicted: r.label,
            confidence: r.score,
            actual: r.truth ?? null,
            version: r.modelVersion ?? null,
          })),
        },
      );
      // The write is acknowledged; the recompute behind it fails on its own.
      expect(res.errors).toBeUndefined();
      await expect(services.rollups.processPending()).rejects.toThrow('simulated crash');
    } finally {
      store.write = write;
    }
    await services.rollups.refresh();
    await expectRollupsEqualRaw('fraud');
    const once = await app.gql(METRICS, { m: 'fraud' });
    await services.rollups.refresh();
    await services.rollups.refresh(true);
    await expectRollupsEqualRaw('fraud');
    const again = await app.gql(METRICS, { m: 'fraud' });
    expect((again.data as { metrics: { overall: unknown } }).metrics.overall).toEqual(
      (once.data as { metrics: { overall: unknown } }).metrics.overall,
    );
  });

  test('concurrent ingests and refreshes agree with raw rows', async () => {
    const batches = [3, 4, 5].map((seed) => appRows(seed, 150, 'race'));
    await Promise.all([
      ...batches.map((rows) =>
        app.gql(`mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`, {
          p: rows.map((r) => ({
            id: r.requestId,
            model: r.modelName,
            predictedAt: r.ts.toISOString(),
            predicted: r.label,
            actual: r.truth ?? null,
          })),
        }),
      ),
      services.rollups.refresh(),
      services.rollups.processPending(),
    ]);
    await services.rollups.settle();
    await expectRollupsEqualRaw('race');
  });
});

test('a re-sent prediction that moved to another time leaves its old block and joins the new one', async () => {
  const send = (predictedAt: string, predicted: string) =>
    app.gql(`mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`, {
      p: [{ id: 'moved-1', model: 'moves', predictedAt, predicted, actual: 'x' }],
    });
  await send('2026-05-10T08:05:00Z', 'x');
  await send('2026-05-12T20:40:00Z', 'y');
  await services.rollups.settle();
  await expectRollupsEqualRaw('moves');
  const res = await app.gql<{ metrics: { series: { values: { predictions: number; accuracy: number | null } }[] } }>(
    `{ metrics(range: {from: "2026-05-10T00:00:00Z", to: "2026-05-13T00:00:00Z"}, model: "moves") { series { values { predictions accuracy } } } }`,
  );
  expect(res.data?.metrics.series.map((p) => p.values)).toEqual([
    { predictions: 0, accuracy: null },
    { predictions: 0, accuracy: null },
    { predictions: 1, accuracy: 0 },
  ]);
});
