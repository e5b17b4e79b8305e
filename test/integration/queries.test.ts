// The query contract on a small dataset whose answers are worked out by hand.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
const RANGE = { from: '2026-02-02T00:00:00Z', to: '2026-02-04T00:00:00Z' };

beforeAll(async () => {
  app = await startTestApp('queries');
  const predictions = [
    { id: 'p1', predictedAt: '2026-02-02T10:00:00Z', predicted: 'cat', actual: 'cat', confidence: 0.9 },
    { id: 'p2', predictedAt: '2026-02-02T11:00:00Z', predicted: 'cat', confidence: 0.6 },
    { id: 'p3', predictedAt: '2026-02-02T12:00:00Z', predicted: 'dog', actual: 'dog' },
    { id: 'p4', predictedAt: '2026-02-02T13:00:00Z', predicted: 'bird' },
    { id: 'p5', predictedAt: '2026-02-03T09:00:00Z', predicted: 'dog' },
    { id: 'p6', predictedAt: '2026-02-03T10:00:00Z', predicted: 'bird', actual: 'cat' },
  ].map((p) => ({ ...p, model: 'zoo' }));
  const rec = await app.gql(`mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`, {
    p: predictions,
  });
  expect(rec.data).toEqual({ recordPredictions: { accepted: 6 } });
  const val = await app.gql(
    `mutation($v: [ValidationInput!]!) { recordValidations(validations: $v) { accepted rejected { index } } }`,
    {
      v: [
        { id: 'p2', model: 'zoo', actual: 'dog' },
        { id: 'p5', model: 'zoo', actual: 'dog' },
      ],
    },
  );
  expect(val.data).toEqual({ recordValidations: { accepted: 2, rejected: [] } });
  const training = await app.gql(
    `mutation { setTrainingDistribution(model: "zoo", counts: [{label: "cat", count: 50}, {label: "dog", count: 30}, {label: "bird", count: 20}]) { label count share } }`,
  );
  expect(training.errors).toBeUndefined();
});
afterAll(() => app.close());

// Validated (actual, predicted): (cat,cat) (dog,cat) (dog,dog) (dog,dog) (cat,bird); p4 is unvalidated.
test('metricsByClass: per-class values, null where scikit-learn applies zero_division', async () => {
  const res = await app.gql(
    `query($r: TimeRangeInput!) { metricsByClass(range: $r, model: "zoo") { label support predicted precision recall f1 } }`,
    { r: RANGE },
  );
  expect(res.data).toEqual({
    metricsByClass: [
      { label: 'bird', support: 0, predicted: 1, precision: 0, recall: null, f1: 0 },
      { label: 'cat', support: 2, predicted: 2, precision: 0.5, recall: 0.5, f1: 0.5 },
      { label: 'dog', support: 3, predicted: 2, precision: 1, recall: 2 / 3, f1: 0.8 },
    ],
  });
});

test('metrics: overall macro and weighted averages, and one point per day', async () => {
  const res = await app.gql<{
    metrics: {
      overall: Record<string, number>;
      series: { start: string; end: string; values: Record<string, number | null> }[];
    };
  }>(
    `query($r: TimeRangeInput!) { metrics(range: $r, model: "zoo", granularity: DAY) { model granularity timeZone
      overall { predictions validated accuracy accuracyLow accuracyHigh precision recall f1 weightedPrecision weightedRecall weightedF1 }
      series { start end values { predictions validated accuracy } } } }`,
    { r: RANGE },
  );
  const m = res.data!.metrics;
  expect(m).toMatchObject({ model: 'zoo', granularity: 'DAY', timeZone: 'UTC' });
  expect(m.overall.predictions).toBe(6);
  expect(m.overall.validated).toBe(5);
  expect(m.overall.accuracy).toBeCloseTo(0.6, 12);
  expect(m.overall.precision).toBeCloseTo((0 + 0.5 + 1) / 3, 12);
  expect(m.overall.recall).toBeCloseTo((0 + 0.5 + 2 / 3) / 3, 12);
  expect(m.overall.f1).toBeCloseTo((0 + 0.5 + 0.8) / 3, 12);
  expect(m.overall.weightedPrecision).toBeCloseTo(0.8, 12);
  expect(m.overall.weightedRecall).toBeCloseTo(0.6, 12);
  expect(m.overall.weightedF1).toBeCloseTo(0.68, 12);
  // Wilson 95% for 3/5, from the closed form: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)
  const z = 1.959963984540054;
  const [p, n] = [0.6, 5];
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  expect(m.overall.accuracyLow).toBeCloseTo(centre - half, 12);
  expect(m.overall.accuracyHigh).toBeCloseTo(centre + half, 12);
  expect(m.series).toEqual([
    {
      start: '2026-02-02T00:00:00.000Z',
      end: '2026-02-03T00:00:00.000Z',
      values: { predictions: 4, validated: 3, accuracy: 2 / 3 },
    },
    {
      start: '2026-02-03T00:00:00.000Z',
      end: '2026-02-04T00:00:00.000Z',
      values: { predictions: 2, validated: 2, accuracy: 0.5 },
    },
  ]);
});

test('metrics: weeks start on Monday, buckets are clipped to the range, empty buckets have null metrics', async () => {
  const res = await app.gql<{
    metrics: { series: { start: string; end: string; values: { predictions: number; accuracy: number | null } }[] };
  }>(
    `{ metrics(range: {from: "2026-02-01T00:00:00Z", to: "2026-02-10T00:00:00Z"}, model: "zoo", granularity: WEEK) { series { start end values { predictions accuracy } } } }`,
  );
  expect(res.data?.metrics.series).toEqual([
    { start: '2026-02-01T00:00:00.000Z', end: '2026-02-02T00:00:00.000Z', values: { predictions: 0, accuracy: null } },
    { start: '2026-02-02T00:00:00.000Z', end: '2026-02-09T00:00:00.000Z', values: { predictions: 6, accuracy: 0.6 } },
    { start: '2026-02-09T00:00:00.000Z', end: '2026-02-10T00:00:00.000Z', values: { predictions: 0, accuracy: null } },
  ]);
});

test('confusionMatrix: counts[i][j] = actual labels[i], predicted labels[j]', async () => {
  const res = await app.gql(
    `query($r: TimeRangeInput!) { confusionMatrix(range: $r, model: "zoo") { labels counts } }`,
    { r: RANGE },
  );
  expect(res.data).toEqual({
    confusionMatrix: {
      labels: ['bird', 'cat', 'dog'],
      counts: [
        [0, 0, 0],
        [1, 1, 0],
        [0, 1, 2],
      ],
    },
  });
});

test('sampleDistribution: validated by true class, or all predictions by predicted class', async () => {
  const actual = await app.gql(
    `query($r: TimeRangeInput!) { sampleDistribution(range: $r, model: "zoo") { label count share } }`,
    { r: RANGE },
  );
  expect(actual.data).toEqual({
    sampleDistribution: [
      { label: 'dog', count: 3, share: 0.6 },
      { label: 'cat', count: 2, share: 0.4 },
    ],
  });
  const predicted = await app.gql(
    `query($r: TimeRangeInput!) { sampleDistribution(range: $r, model: "zoo", by: PREDICTED) { label count share } }`,
    { r: RANGE },
  );
  expect(predicted.data).toEqual({
    sampleDistribution: ['bird', 'cat', 'dog'].map((label) => ({ label, count: 2, share: 1 / 3 })),
  });
});

test('trainingDistribution and models', async () => {
  const res = await app.gql(
    `{ trainingDistribution(model: "zoo") { label count share } models { name predictions validated firstPredictedAt lastPredictedAt } }`,
  );
  expect(res.data).toEqual({
    trainingDistribution: [
      { label: 'cat', count: 50, share: 0.5 },
      { label: 'dog', count: 30, share: 0.3 },
      { label: 'bird', count: 20, share: 0.2 },
    ],
    models: [
      { name: 'default', predictions: 0, validated: 0, firstPredictedAt: null, lastPredictedAt: null },
      {
        name: 'zoo',
        predictions: 6,
        validated: 5,
        firstPredictedAt: '2026-02-02T10:00:00.000Z',
        lastPredictedAt: '2026-02-03T10:00:00.000Z',
      },
    ],
  });
});

test('a correction replaces the label everywhere; re-sending changes nothing', async () => {
  const fix = `mutation { recordValidations(validations: [{id: "p6", model: "zoo", actual: "bird"}]) { accepted } }`;
  await app.gql(fix);
  await app.gql(fix);
  const res = await app.gql(
    `query($r: TimeRangeInput!) { confusionMatrix(range: $r, model: "zoo") { labels counts } metrics(range: $r, model: "zoo") { overall { validated accuracy } } }`,
    { r: RANGE },
  );
  expect(res.data).toEqual({
    confusionMatrix: {
      labels: ['bird', 'cat', 'dog'],
      counts: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 1, 2],
      ],
    },
    metrics: { overall: { validated: 5, accuracy: 0.8 } },
  });
});
