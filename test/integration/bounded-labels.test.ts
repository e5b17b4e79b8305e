// High-cardinality labels: a model's distinct labels are capped at ingest with a clear error, and
// blocks whose documents would pass MongoDB's 16 MiB limit are stored in parts and read back whole.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LabelLimit } from '../../server/services/label-limit.js';
import { RollupStore } from '../../server/store/rollups.js';
import { probeServer } from '../../server/store/server-traits.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { naiveTally } from '../support/expected.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp('labels', { CLARA_MAX_LABELS: '5000' });
});
afterAll(() => app.close());

const PREDICT = `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted rejected { index message } } }`;
const VALIDATE = `mutation($v: [ValidationInput!]!) { recordValidations(validations: $v) { accepted rejected { index message } } }`;
type Outcome = { accepted: number; rejected: { index: number; message: string }[] };

test('a model over CLARA_MAX_LABELS distinct labels refuses the items that would add more, naming the field', async () => {
  const limited = await startTestApp('labels_cap', { CLARA_MAX_LABELS: '3' });
  try {
    const item = (id: string, predicted: string, actual: string | null = null) => ({
      id,
      model: 'cap',
      predictedAt: '2026-04-01T10:00:00Z',
      predicted,
      actual,
    });
    const first = await limited.gql<{ recordPredictions: Outcome }>(PREDICT, {
      p: [item('1', 'a'), item('2', 'b', 'c'), item('3', 'd'), item('4', 'a', 'b')],
    });
    expect(first.data?.recordPredictions.accepted).toBe(3);
    expect(first.data?.recordPredictions.rejected).toEqual([
      {
        index: 2,
        message: 'predictions[2].predicted: model "cap" already has 3 distinct labels; at most 3 (CLARA_MAX_LABELS)',
      },
    ]);
    const validations = await limited.gql<{ recordValidations: Outcome }>(VALIDATE, {
      v: [
        { id: '1', model: 'cap', actual: 'zzz' },
        { id: '1', model: 'cap', actual: 'c' },
      ],
    });
    expect(validations.data?.recordValidations).toEqual({
      accepted: 1,
      rejected: [
        {
          index: 0,
          message: 'validations[0].actual: model "cap" already has 3 distinct labels; at most 3 (CLARA_MAX_LABELS)',
        },
      ],
    });
    const res = await limited.gql<{ models: { name: string; predictions: number; validated: number }[] }>(
      `{ models { name predictions validated } }`,
    );
    expect(res.data?.models.find((m) => m.name === 'cap')).toMatchObject({ predictions: 3, validated: 3 });
    // Another process learns the model's labels from its rollups.
    const fresh = new LabelLimit(new RollupStore(limited.runtime.db, await probeServer(limited.runtime.db)), 3);
    await fresh.prepare(['cap']);
    expect(() => fresh.admit('cap', [{ field: 'predicted', label: 'c' }])).not.toThrow();
    expect(() => fresh.admit('cap', [{ field: 'predicted', label: 'e' }])).toThrow(/already has 3 distinct labels/);
  } finally {
    await limited.close();
  }
});

test('a block whose counts pass a document part budget (8,000 cells of long labels) is stored in parts and read back exactly', async () => {
  const label = (i: number, tag: string) => `${tag}${i}-`.padEnd(250, tag);
  // 8,000 distinct (actual, predicted) pairs of 250-character labels: about 5 MB of counts per block.
  const rows = Array.from({ length: 8000 }, (_, i) => ({
    id: `h${i}`,
    model: 'wide',
    predictedAt: `2026-04-02T08:0${i % 10}:00Z`,
    predicted: label(i % 2000, 'p'),
    actual: label((i * 7 + Math.floor(i / 2000)) % 2000, 'a'),
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    const res = await app.gql<{ recordPredictions: Outcome }>(PREDICT, { p: rows.slice(i, i + 1000) });
    expect(res.data?.recordPredictions.rejected).toEqual([]);
  }
  await app.runtime.services.rollups.settle();
  const quarterDocs = await app.runtime.db.collection('rollups_quarter').countDocuments({ model: 'wide' });
  expect(quarterDocs).toBeGreaterThan(1);
  const store = new RollupStore(app.runtime.db, await probeServer(app.runtime.db));
  const raw = await app.runtime.stores.predictions.rowsBetween(
    'wide',
    new Date('2026-04-02T00:00:00Z'),
    new Date('2026-04-03T00:00:00Z'),
  );
  for (const level of ['QUARTER', 'HOUR', 'DAY'] as const) {
    const blocks = await store.readAll(level, 'wide');
    expect(blocks).toHaveLength(1);
    expect(blocks[0].tally).toEqual(naiveTally(raw));
  }
}, 180_000);
