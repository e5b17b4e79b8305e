// Model versions: two versions of one model (and rows without one) on a seeded stream. Each
// version's metrics, per-class metrics and confusion matrix equal scikit-learn's definitions
// (test/support/expected.ts) on that version's rows; without a version, on every row. A re-sent
// prediction that changes version moves between the versions' rollups.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { importText } from '../../server/services/importer.js';
import { rawOf, startTestApp, type TestApp } from '../support/app.js';
import { expectValuesClose, naiveClasses, naiveValues } from '../support/expected.js';
import { pick, seeded } from '../support/random.js';
import { expectRollupsEqualRaw } from '../support/rollups-check.js';

interface Row {
  id: string;
  model: string;
  version?: string;
  predictedAt: string;
  predicted: string;
  actual?: string;
  confidence: number;
}

const MODEL = 'fleet';
const LABELS = ['cat', 'dog', 'bird'];
// Off the quarter grid at both ends, so the answers include raw slivers as well as blocks.
const RANGE = { from: '2026-03-01T00:07:00Z', to: '2026-03-03T05:52:00Z' };
const PREDICT = `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted rejected { index id message } } }`;
const QUERY = `query($r: TimeRangeInput!, $m: String, $v: String) {
  metrics(range: $r, model: $m, version: $v, granularity: DAY) { model version overall {
    predictions validated accuracy accuracyLow accuracyHigh precision recall f1 weightedPrecision weightedRecall weightedF1 microPrecision microRecall microF1 } }
  metricsByClass(range: $r, model: $m, version: $v) { label support predicted precision recall f1 }
  confusionMatrix(range: $r, model: $m, version: $v) { labels counts }
}`;

interface Answer {
  metrics: { model: string; version: string | null; overall: Record<string, number | null> };
  metricsByClass: {
    label: string;
    support: number;
    predicted: number;
    precision: number | null;
    recall: number | null;
    f1: number | null;
  }[];
  confusionMatrix: { labels: string[]; counts: number[][] };
}

let app: TestApp;
const rows: Row[] = [];

function stream(): Row[] {
  const random = seeded(11);
  const start = Date.parse('2026-03-01T00:00:00Z');
  return Array.from({ length: 400 }, (_, i) => {
    const version = pick(random, ['v1', 'v2', 'v2', undefined]);
    const actual = pick(random, LABELS);
    // v2 is the better model, so the two versions' numbers differ.
    const right = random() < (version === 'v2' ? 0.85 : 0.6);
    const row: Row = {
      id: `r${i}`,
      model: MODEL,
      predictedAt: new Date(start + Math.floor(random() * 3 * 86_400_000)).toISOString(),
      predicted: right ? actual : pick(random, LABELS),
      confidence: Math.round(random() * 1000) / 1000,
    };
    if (version) row.version = version;
    if (random() < 0.8) row.actual = actual;
    return row;
  });
}

async function record(batch: Row[]): Promise<void> {
  const res = await app.gql<{ recordPredictions: { accepted: number } }>(PREDICT, { p: batch });
  expect(res.errors).toBeUndefined();
  expect(res.data?.recordPredictions.accepted).toBe(batch.length);
}

/** Each version, and every row, against the naive metrics of the rows in the range. */
async function expectEveryVersionMatches(): Promise<void> {
  const inside = rows.filter((r) => r.predictedAt >= RANGE.from && r.predictedAt < RANGE.to);
  for (const version of ['v1', 'v2', null]) {
    const mine = version === null ? inside : inside.filter((r) => r.version === version);
    const pairs = mine.flatMap((r) => (r.actual === undefined ? [] : [{ actual: r.actual, predicted: r.predicted }]));
    const res = await app.gql<Answer>(QUERY, { r: RANGE, m: MODEL, v: version });
    expect(res.errors).toBeUndefined();
    const { metrics, metricsByClass, confusionMatrix } = res.data!;
    expect(metrics.version).toBe(version);
    expectValuesClose(metrics.overall, naiveValues(pairs, mine.length), `version ${version}`);
    const classes = naiveClasses(pairs).sort((a, b) => (a.label < b.label ? -1 : 1));
    expect(metricsByClass.map((c) => c.label)).toEqual(classes.map((c) => c.label));
    classes.forEach((c, i) => {
      const got = metricsByClass[i];
      expect([got.support, got.predicted], `${version} ${c.label}`).toEqual([c.support, c.predicted]);
      for (const key of ['precision', 'recall', 'f1'] as const) {
        if (c[key] === null) expect(got[key]).toBeNull();
        else expect(got[key], `${version} ${c.label} ${key}`).toBeCloseTo(c[key], 12);
      }
    });
    const labels = confusionMatrix.labels;
    expect(labels).toEqual(classes.map((c) => c.label));
    const counts = labels.map((a) =>
      labels.map((p) => pairs.filter((x) => x.actual === a && x.predicted === p).length),
    );
    expect(confusionMatrix.counts, `version ${version} confusion matrix`).toEqual(counts);
  }
  await expectRollupsEqualRaw(rawOf(app.runtime), MODEL);
}

beforeAll(async () => {
  app = await startTestApp('versions');
  rows.push(...stream());
  // Two batches: the second one's quarters overlap the first's, so tallies are added to stored blocks.
  await record(rows.slice(0, 250));
  await record(rows.slice(250));
});
afterAll(() => app.close());

test('metrics, metricsByClass and confusionMatrix of each version equal scikit-learn on its rows; unfiltered, on all rows', async () => {
  await expectEveryVersionMatches();
});

test('sampleDistribution, performanceEstimate and drift read only the version too', async () => {
  const inside = rows.filter((r) => r.predictedAt >= RANGE.from && r.predictedAt < RANGE.to && r.version === 'v1');
  const res = await app.gql<{
    sampleDistribution: { label: string; count: number }[];
    performanceEstimate: { series: { predictions: number; validated: number }[] };
    drift: { predictions: number }[];
  }>(
    `query($r: TimeRangeInput!) {
      sampleDistribution(range: $r, model: "${MODEL}", version: "v1", by: PREDICTED) { label count }
      performanceEstimate(range: $r, granularity: DAY, model: "${MODEL}", version: "v1") { series { predictions validated } }
      drift(range: $r, model: "${MODEL}", version: "v1") { predictions }
    }`,
    { r: RANGE },
  );
  expect(res.errors).toBeUndefined();
  const counts = new Map<string, number>();
  for (const r of inside) counts.set(r.predicted, (counts.get(r.predicted) ?? 0) + 1);
  expect(new Map(res.data!.sampleDistribution.map((c) => [c.label, c.count]))).toEqual(counts);
  const sum = (list: { predictions: number }[]) => list.reduce((a, p) => a + p.predictions, 0);
  expect(sum(res.data!.performanceEstimate.series)).toBe(inside.length);
  expect(res.data!.performanceEstimate.series.reduce((a, p) => a + p.validated, 0)).toBe(
    inside.filter((r) => r.actual !== undefined).length,
  );
  expect(sum(res.data!.drift)).toBe(inside.length);
});

test('models lists the versions with their counts, and no version series as a model', async () => {
  const res = await app.gql<{
    models: {
      name: string;
      predictions: number;
      versions: {
        name: string;
        predictions: number;
        validated: number;
        firstPredictedAt: string;
        lastPredictedAt: string;
      }[];
    }[];
  }>(`{ models { name predictions versions { name predictions validated firstPredictedAt lastPredictedAt } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.models.map((m) => m.name)).toEqual(['default', MODEL]);
  expect(res.data!.models[0].versions).toEqual([]);
  const fleet = res.data!.models.find((m) => m.name === MODEL)!;
  expect(fleet.predictions).toBe(rows.length);
  expect(fleet.versions).toEqual(
    ['v1', 'v2'].map((name) => {
      const mine = rows.filter((r) => r.version === name);
      const times = mine.map((r) => r.predictedAt).sort();
      return {
        name,
        predictions: mine.length,
        validated: mine.filter((r) => r.actual !== undefined).length,
        firstPredictedAt: new Date(times[0]).toISOString(),
        lastPredictedAt: new Date(times[times.length - 1]).toISOString(),
      };
    }),
  );
});

test('a re-sent prediction that changes version (or drops it) moves between the versions, validations kept', async () => {
  const moved = rows.filter((r) => r.version === 'v1' && r.actual !== undefined).slice(0, 5);
  const dropped = rows.filter((r) => r.version === 'v2').slice(0, 3);
  const added = rows.filter((r) => r.version === undefined).slice(0, 3);
  for (const r of moved) r.version = 'v2';
  for (const r of dropped) delete r.version;
  for (const r of added) r.version = 'v1';
  // A re-send without `actual` keeps the stored validation.
  await record([...moved, ...dropped, ...added].map(({ actual: _, ...rest }) => rest));
  await expectEveryVersionMatches();
});

test('validations sent later count in the version of their prediction', async () => {
  const open = rows.filter((r) => r.actual === undefined && r.version !== undefined).slice(0, 12);
  for (const r of open) r.actual = r.predicted;
  const res = await app.gql(`mutation($v: [ValidationInput!]!) { recordValidations(validations: $v) { accepted } }`, {
    v: open.map((r) => ({ id: r.id, model: MODEL, actual: r.actual })),
  });
  expect(res.data).toEqual({ recordValidations: { accepted: open.length } });
  await expectEveryVersionMatches();
});

test('a full refresh recomputes every version series to the same tallies', async () => {
  await app.runtime.services.rollups.refresh(true);
  await expectEveryVersionMatches();
});

test('imports carry the version column, in CSV and JSON Lines', async () => {
  const ingest = app.runtime.services.ingest;
  const options = { training: false, model: 'imported', batchSize: 100 };
  const csv =
    'id,version,predictedAt,predicted,actual\nc1,v1,2026-03-02T10:00:00Z,a,a\nc2,v2,2026-03-02T10:01:00Z,a,b\nc3,,2026-03-02T10:02:00Z,b,b\n';
  const jsonl = '{"id":"j1","version":"v2","predictedAt":"2026-03-02T11:00:00Z","predicted":"b","actual":"b"}\n';
  for (const text of [csv, jsonl]) {
    const summary = await importText(
      (async function* () {
        yield text;
      })(),
      ingest,
      options,
    );
    expect(summary.rejected.count).toBe(0);
  }
  const accuracy = async (version: string | null) => {
    const res = await app.gql<Answer>(QUERY, { r: RANGE, m: 'imported', v: version });
    return res.data?.metrics.overall;
  };
  expect(await accuracy('v1')).toMatchObject({ predictions: 1, accuracy: 1 });
  expect(await accuracy('v2')).toMatchObject({ predictions: 2, accuracy: 0.5 });
  expect(await accuracy(null)).toMatchObject({ predictions: 4, accuracy: 0.75 });
  await expectRollupsEqualRaw(rawOf(app.runtime), 'imported');
});

test('bad versions: a prediction is rejected naming predictions[i].version; a query gets BAD_USER_INPUT', async () => {
  const at = '2026-03-02T12:00:00Z';
  const res = await app.gql<{
    recordPredictions: { accepted: number; rejected: { index: number; id: string; message: string }[] };
  }>(PREDICT, {
    p: [
      { id: 'ok', model: 'bad-versions', version: 'v1', predictedAt: at, predicted: 'x' },
      { id: 'empty', model: 'bad-versions', version: '', predictedAt: at, predicted: 'x' },
      { id: 'long', model: 'bad-versions', version: 'v'.repeat(257), predictedAt: at, predicted: 'x' },
    ],
  });
  expect(res.data?.recordPredictions).toEqual({
    accepted: 1,
    rejected: [
      { index: 1, id: 'empty', message: 'predictions[1].version: must not be empty' },
      { index: 2, id: 'long', message: 'predictions[2].version: must be at most 256 characters' },
    ],
  });
  for (const version of ['', 'v9']) {
    const q = await app.gql(QUERY, { r: RANGE, m: MODEL, v: version });
    expect(q.data ?? null).toBeNull();
    expect(q.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'version' } });
  }
  const model = await app.gql(PREDICT, { p: [{ id: 'sep', model: 'a\u001fb', predictedAt: at, predicted: 'x' }] });
  expect(model.data?.recordPredictions).toMatchObject({
    accepted: 0,
    rejected: [{ index: 0, message: expect.stringContaining('predictions[0].model') }],
  });
});
