// Validations, corrections and re-sends are stored as revisions of a row, never by changing the
// stored row: every reader, on either read strategy (scan-only servers like FerretDB, indexed ones
// like MongoDB), sees exactly the newest version of each row.
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PredictionStore } from '../../server/store/predictions.js';
import type { ServerTraits } from '../../server/store/server-traits.js';
import { rawOf, startTestApp, type TestApp } from '../support/app.js';
import { expectRollupsEqualRaw } from '../support/rollups-check.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp('revisions');
});
afterAll(() => app.close());

const PREDICT = `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`;
const VALIDATE = `mutation($v: [ValidationInput!]!) { recordValidations(validations: $v) { accepted } }`;
const MODEL = 'revised';
const appRow = new ObjectId();

/** The same collections read as a scan-only server and as an indexed server would read them. */
function storesOf(): [string, PredictionStore][] {
  const { predictions } = app.runtime.stores;
  const strategy = (traits: ServerTraits) =>
    new PredictionStore(app.runtime.db, predictions.mapping, predictions.defaultModel, traits);
  return [
    ['scan-only', strategy({ name: 'FerretDB', scansEveryFilter: true })],
    ['indexed', strategy({ name: 'MongoDB', scansEveryFilter: false })],
  ];
}

beforeAll(async () => {
  const at = (day: number, hour: number) => `2026-07-0${day}T${String(hour).padStart(2, '0')}:10:00Z`;
  const p = (id: string, day: number, predicted: string) => ({ id, model: MODEL, predictedAt: at(day, 9), predicted });
  expect(
    (await app.gql(PREDICT, { p: [p('p1', 1, 'a'), p('p2', 1, 'a'), p('p3', 2, 'b'), p('p4', 2, 'b')] })).errors,
  ).toBeUndefined();
  await app.runtime.stores.predictions.collection.insertOne({
    _id: appRow,
    model: MODEL,
    id: 'own',
    predictedAt: new Date(at(2, 11)),
    predicted: 'a',
  });
  await app.runtime.services.rollups.refresh();
  await app.runtime.services.rollups.settle();
  // p1 validated, then corrected; p2 moved to day 3; p3 validated; the application's row twice.
  for (const v of [
    [
      { id: 'p1', model: MODEL, actual: 'b' },
      { id: 'own', model: MODEL, actual: 'b' },
    ],
    [
      { id: 'p1', model: MODEL, actual: 'a' },
      { id: 'p3', model: MODEL, actual: 'b' },
    ],
    [{ id: 'own', model: MODEL, actual: 'a' }],
  ]) {
    expect((await app.gql(VALIDATE, { v })).errors).toBeUndefined();
    await app.runtime.services.rollups.settle();
  }
  expect((await app.gql(PREDICT, { p: [p('p2', 3, 'c')] })).errors).toBeUndefined();
  await app.runtime.services.rollups.settle();
});

test('each row is read once, as its newest revision, on both read strategies', async () => {
  for (const [name, store] of storesOf()) {
    const rows = await store.rowsBetween(MODEL, new Date('2026-07-01T00:00:00Z'), new Date('2026-07-04T00:00:00Z'));
    const seen = rows.map((r) => [r.id, r.predictedAt.toISOString().slice(0, 13), r.predicted, r.actual]).sort();
    expect(seen, name).toEqual([
      ['own', '2026-07-02T11', 'a', 'a'],
      ['p1', '2026-07-01T09', 'a', 'a'],
      ['p2', '2026-07-03T09', 'c', null],
      ['p3', '2026-07-02T09', 'b', 'b'],
      ['p4', '2026-07-02T09', 'b', null],
    ]);
    // The day p2 left no longer holds it; the day it moved to holds only it.
    const day1 = await store.rowsBetween(MODEL, new Date('2026-07-01T00:00:00Z'), new Date('2026-07-02T00:00:00Z'));
    expect(
      day1.map((r) => r.id),
      name,
    ).toEqual(['p1']);
    const day3 = await store.rowsBetween(MODEL, new Date('2026-07-03T00:00:00Z'), new Date('2026-07-04T00:00:00Z'));
    expect(
      day3.map((r) => r.id),
      name,
    ).toEqual(['p2']);
  }
});

test('the current version of a row is its newest revision, wherever the row was first stored', async () => {
  for (const [name, store] of storesOf()) {
    const current = await store.fetch(
      ['p1', 'p2', 'p4', 'own', 'unknown'].map((id) => ({ model: MODEL, id })),
      true,
    );
    const versions = [...current.entries()].map(([, doc]) => [doc.id, doc._rev ?? 0, doc.actual ?? null]).sort();
    expect(versions, name).toEqual([
      ['own', 2, 'a'],
      ['p1', 2, 'a'],
      ['p2', 1, null],
      ['p4', 0, null],
    ]);
  }
});

test('revisions leave the stored rows as they were inserted, and the rollups equal the newest versions', async () => {
  const stored = await app.runtime.stores.predictions.collection.find({ model: MODEL }).toArray();
  expect(stored.map((d) => [d.id, d.predicted, d.actual ?? null]).sort()).toEqual([
    ['own', 'a', null],
    ['p1', 'a', null],
    ['p2', 'a', null],
    ['p3', 'b', null],
    ['p4', 'b', null],
  ]);
  await expectRollupsEqualRaw(rawOf(app.runtime), MODEL);
});
