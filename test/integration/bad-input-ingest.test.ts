// Bad items in ingest batches: refused with their index and the field named, while every valid item
// of the same batch is stored; labels are stored and reported exactly; re-sending changes nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, TEST_TOKEN, type GqlResponse, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('bad_ingest');
});
afterAll(() => app.close());

interface Ingest {
  accepted: number;
  rejected: { index: number; id: string | null; message: string }[];
}

const PREDICT = `mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted rejected { index id message } } }`;
const VALIDATE = `mutation($v:[ValidationInput!]!){ recordValidations(validations:$v){ accepted rejected { index id message } } }`;
const RANGE = { from: '2026-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' };
const AT = '2026-01-01T12:00:00Z';

async function predict(p: Record<string, unknown>[]): Promise<Ingest> {
  const res = await app.gql<{ recordPredictions: Ingest }>(PREDICT, { p });
  expect(res.errors).toBeUndefined();
  return res.data?.recordPredictions as Ingest;
}

async function validate(v: Record<string, unknown>[]): Promise<Ingest> {
  const res = await app.gql<{ recordValidations: Ingest }>(VALIDATE, { v });
  expect(res.errors).toBeUndefined();
  return res.data?.recordValidations as Ingest;
}

const STATE = `query($r: TimeRangeInput!, $m: String) {
  models { name predictions validated }
  metricsByClass(range: $r, model: $m) { label support predicted precision recall }
  confusionMatrix(range: $r, model: $m) { labels counts }
  actual: sampleDistribution(range: $r, model: $m, by: ACTUAL) { label count }
  predicted: sampleDistribution(range: $r, model: $m, by: PREDICTED) { label count }
}`;

interface State {
  models: { name: string; predictions: number; validated: number }[];
  metricsByClass: { label: string; support: number; predicted: number }[];
  confusionMatrix: { labels: string[]; counts: number[][] };
  actual: { label: string; count: number }[];
  predicted: { label: string; count: number }[];
}

/** What the API reports about one model; also proves the server still answers. */
async function state(model: string): Promise<State & { counts: { predictions: number; validated: number } }> {
  const res = await app.gql<State>(STATE, { r: RANGE, m: model });
  expect(res.errors).toBeUndefined();
  const data = res.data as State;
  const info = data.models.find((m) => m.name === model);
  return { ...data, counts: { predictions: info?.predictions ?? 0, validated: info?.validated ?? 0 } };
}

function expectBadInput(res: GqlResponse<unknown>, field: string, message: RegExp): void {
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]).toMatchObject({
    extensions: { code: 'BAD_USER_INPUT', field },
    message: expect.stringMatching(message),
  });
}

describe('batches over 10,000 items are refused whole', () => {
  test.each([
    [
      'recordPredictions',
      PREDICT,
      'p',
      'predictions',
      (i: number) => ({ id: `big${i}`, model: 'big', predictedAt: AT, predicted: 'x' }),
    ],
    ['recordValidations', VALIDATE, 'v', 'validations', (i: number) => ({ id: `big${i}`, model: 'big', actual: 'x' })],
  ])('%s', async (_, mutation, name, field, item) => {
    await predict([{ id: 'big0', model: 'big', predictedAt: AT, predicted: 'x' }]);
    const res = await app.gql(mutation, { [name]: Array.from({ length: 10_001 }, (_, i) => item(i)) });
    expectBadInput(res, field, /at most 10000 items per batch, got 10001/);
    expect((await state('big')).counts).toEqual({ predictions: 1, validated: 0 });
  });

  test('setTrainingDistribution', async () => {
    const counts = Array.from({ length: 10_001 }, (_, i) => ({ label: `c${i}`, count: 1 }));
    const res = await app.gql(
      `mutation($c:[ClassCountInput!]!){ setTrainingDistribution(model: "big", counts: $c) { label } }`,
      { c: counts },
    );
    expectBadInput(res, 'counts', /at most 10000 items per batch/);
    const after = await app.gql<{ trainingDistribution: unknown[] }>(
      `{ trainingDistribution(model: "big") { label } }`,
    );
    expect(after.data?.trainingDistribution).toEqual([]);
  });
});

describe('bad items are refused one by one; the valid ones are stored', () => {
  test('empty and over-long labels (length counts characters, not UTF-16 units)', async () => {
    const out = await predict([
      { id: 'l1', model: 'len', predictedAt: AT, predicted: 'ok', actual: 'ok' },
      { id: 'l2', model: 'len', predictedAt: AT, predicted: '' },
      { id: 'l3', model: 'len', predictedAt: AT, predicted: 'y'.repeat(257) },
      { id: 'l4', model: 'len', predictedAt: AT, predicted: 'ok', actual: '' },
      { id: 'l5', model: 'len', predictedAt: AT, predicted: '🦜'.repeat(256) },
    ]);
    expect(out.accepted).toBe(2);
    expect(out.rejected).toEqual([
      { index: 1, id: 'l2', message: 'predictions[1].predicted: must not be empty' },
      { index: 2, id: 'l3', message: 'predictions[2].predicted: must be at most 256 characters' },
      { index: 3, id: 'l4', message: 'predictions[3].actual: must not be empty' },
    ]);
    const { counts, predicted } = await state('len');
    expect(counts).toEqual({ predictions: 2, validated: 1 });
    expect(predicted.map((p) => p.label)).toEqual(['ok', '🦜'.repeat(256)]);
  });

  test('confidence outside [0, 1]; Infinity written as a literal', async () => {
    const out = await predict([
      { id: 'c1', model: 'conf', predictedAt: AT, predicted: 'x', confidence: -0.01 },
      { id: 'c2', model: 'conf', predictedAt: AT, predicted: 'x', confidence: 0 },
      { id: 'c3', model: 'conf', predictedAt: AT, predicted: 'x', confidence: 1.0001 },
      { id: 'c4', model: 'conf', predictedAt: AT, predicted: 'x', confidence: 1 },
    ]);
    expect(out.accepted).toBe(2);
    expect(out.rejected.map((r) => [r.index, r.message])).toEqual([
      [0, 'predictions[0].confidence: must be a number in [0, 1], got -0.01'],
      [2, 'predictions[2].confidence: must be a number in [0, 1], got 1.0001'],
    ]);
    // graphql-js reads the literal 1e400 as Infinity; the ingest rules refuse it.
    const literal = await app.gql<{ recordPredictions: Ingest }>(`mutation { recordPredictions(predictions: [
      { id: "c5", model: "conf", predictedAt: "${AT}", predicted: "x", confidence: 1e400 },
      { id: "c6", model: "conf", predictedAt: "${AT}", predicted: "x", confidence: 0.5 }]) { accepted rejected { index message } } }`);
    expect(literal.data?.recordPredictions).toEqual({
      accepted: 1,
      rejected: [{ index: 0, message: 'predictions[0].confidence: must be a number in [0, 1], got Infinity' }],
    });
    expect((await state('conf')).counts).toEqual({ predictions: 3, validated: 0 });
  });

  test('NaN and Infinity cannot be valid Floats: the request is refused naming the item', async () => {
    // JSON has no NaN; a client's 1e400 in the JSON text parses as Infinity.
    const body = `{"query":${JSON.stringify(PREDICT)},"variables":{"p":[{"id":"n1","model":"nan","predictedAt":"${AT}","predicted":"x"},{"id":"n2","model":"nan","predictedAt":"${AT}","predicted":"x","confidence":1e400}]}}`;
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
      body,
    });
    expectBadInput(
      { status: res.status, ...((await res.json()) as object) },
      'p[1].confidence',
      /Float cannot represent non numeric value: Infinity/,
    );
    const literal = await app.gql(
      `mutation { recordPredictions(predictions: [{ id: "n3", model: "nan", predictedAt: "${AT}", predicted: "x", confidence: NaN }]) { accepted } }`,
    );
    expectBadInput(literal, 'predictions[0].confidence', /Float cannot represent non numeric value: NaN/);
    // Nothing of a refused request is stored: the client resends it whole once fixed.
    const models = await app.gql<{ models: { name: string }[] }>(`{ models { name } }`);
    expect(models.data?.models.map((m) => m.name)).not.toContain('nan');
  });

  test('predictedAt more than a day in the future', async () => {
    const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const out = await predict([
      { id: 'f1', model: 'future', predictedAt: hours(23), predicted: 'x' },
      { id: 'f2', model: 'future', predictedAt: hours(25), predicted: 'x' },
      { id: 'f3', model: 'future', predictedAt: hours(-1), predicted: 'x' },
    ]);
    expect(out).toEqual({
      accepted: 2,
      rejected: [{ index: 1, id: 'f2', message: 'predictions[1].predictedAt: is more than a day in the future' }],
    });
  });

  test('validations of ids with no prediction yet wait for it, per model', async () => {
    await predict([{ id: 'v1', model: 'val', predictedAt: AT, predicted: 'x' }]);
    await predict([{ id: 'v2', model: 'other', predictedAt: AT, predicted: 'x' }]);
    const out = await validate([
      { id: 'v1', model: 'val', actual: 'x' },
      { id: 'nobody', model: 'val', actual: 'x' },
      { id: 'v2', model: 'val', actual: 'x' },
    ]);
    expect(out).toEqual({ accepted: 3, rejected: [] });
    expect((await state('val')).counts).toEqual({ predictions: 1, validated: 1 });
    expect((await state('other')).counts).toEqual({ predictions: 1, validated: 0 });
    await predict([{ id: 'nobody', model: 'val', predictedAt: AT, predicted: 'y' }]);
    expect((await state('val')).counts).toEqual({ predictions: 2, validated: 2 });
  });
});

test('labels that look like paths, operators or prototypes are stored and reported exactly', async () => {
  const labels = ['a.b', '$x', 'a b', 'ñandú', '🦜', '__proto__'];
  const out = await predict(
    labels.map((label, i) => ({
      id: `u${i}`,
      model: 'uni',
      predictedAt: AT,
      predicted: label,
      actual: labels[(i + 1) % labels.length],
    })),
  );
  expect(out).toEqual({ accepted: 6, rejected: [] });
  const sorted = ['$x', '__proto__', 'a b', 'a.b', 'ñandú', '🦜'];
  const s = await state('uni');
  expect(s.confusionMatrix.labels).toEqual(sorted);
  expect(s.metricsByClass.map((c) => [c.label, c.support, c.predicted])).toEqual(sorted.map((l) => [l, 1, 1]));
  for (const [i, label] of labels.entries()) {
    const actual = labels[(i + 1) % labels.length];
    expect(s.confusionMatrix.counts[sorted.indexOf(actual)][sorted.indexOf(label)]).toBe(1);
  }
  expect(s.actual.map((c) => c.label).sort()).toEqual([...labels].sort());
  expect(s.predicted.map((c) => c.label).sort()).toEqual([...labels].sort());
  const training = await app.gql<{ setTrainingDistribution: { label: string; count: number }[] }>(
    `mutation($c:[ClassCountInput!]!){ setTrainingDistribution(model: "uni", counts: $c) { label count } }`,
    { c: labels.map((label, i) => ({ label, count: i + 1 })) },
  );
  expect(training.errors).toBeUndefined();
  const read = await app.gql<{ trainingDistribution: { label: string; count: number }[] }>(
    `{ trainingDistribution(model: "uni") { label count } }`,
  );
  expect(read.data?.trainingDistribution).toEqual(labels.map((label, i) => ({ label, count: i + 1 })).reverse());
});

describe('idempotency', () => {
  const batch = [
    { id: 'i1', model: 'idem', predictedAt: AT, predicted: 'cat', actual: 'cat', confidence: 0.9 },
    { id: 'i2', model: 'idem', predictedAt: AT, predicted: 'dog', actual: 'cat' },
    { id: 'i3', model: 'idem', predictedAt: '2026-01-02T01:00:00Z', predicted: 'dog' },
  ];

  test('re-sending a prediction batch creates no duplicate', async () => {
    expect(await predict(batch)).toEqual({ accepted: 3, rejected: [] });
    const first = await state('idem');
    expect(first.counts).toEqual({ predictions: 3, validated: 2 });
    expect(await predict(batch)).toEqual({ accepted: 3, rejected: [] });
    expect(await state('idem')).toEqual(first);
  });

  test('a new validation replaces the label (a correction); sending it again changes nothing', async () => {
    expect(await validate([{ id: 'i2', model: 'idem', actual: 'dog' }])).toEqual({ accepted: 1, rejected: [] });
    const corrected = await state('idem');
    expect(corrected.counts).toEqual({ predictions: 3, validated: 2 });
    expect(corrected.confusionMatrix).toEqual({
      labels: ['cat', 'dog'],
      counts: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(await validate([{ id: 'i2', model: 'idem', actual: 'dog' }])).toEqual({ accepted: 1, rejected: [] });
    expect(await state('idem')).toEqual(corrected);
  });
});
