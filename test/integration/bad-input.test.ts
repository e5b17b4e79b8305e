// Bad queries and requests: each is refused with a clear error naming what is wrong, and the server
// keeps answering afterwards.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type GqlResponse, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('bad_input');
  const seeded = await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, {
    p: [
      { id: 'a', predictedAt: '2026-01-01T10:00:00Z', predicted: 'cat', actual: 'cat' },
      { id: 'b', predictedAt: '2026-01-01T11:00:00Z', predicted: 'dog', actual: 'cat' },
    ],
  });
  expect(seeded.data).toEqual({ recordPredictions: { accepted: 2 } });
});
afterAll(() => app.close());

const METRICS = `query($r: TimeRangeInput!, $g: Granularity, $m: String, $z: String) {
  metrics(range: $r, granularity: $g, model: $m, timeZone: $z) { overall { predictions } series { start } }
}`;
const RANGE = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };

/** The error is the caller's to fix, and says which field is wrong. */
function expectBadInput(res: GqlResponse<unknown>, field: string, message: RegExp): void {
  expect(res.data ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  const [error] = res.errors ?? [];
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error.extensions?.field).toBe(field);
  expect(error.message).toMatch(message);
}

/** After a refused request the same server still answers a good one. */
async function expectServing(): Promise<void> {
  const res = await app.gql<{ metrics: { overall: { predictions: number } } }>(METRICS, { r: RANGE });
  expect(res.errors).toBeUndefined();
  expect(res.data?.metrics.overall.predictions).toBe(2);
}

describe('bad query arguments', () => {
  test.each([
    ['from equal to to', { from: RANGE.from, to: RANGE.from }],
    ['from after to', { from: RANGE.to, to: RANGE.from }],
  ])('%s: BAD_USER_INPUT on range', async (_, r) => {
    expectBadInput(await app.gql(METRICS, { r }), 'range', /"from" must be before "to"/);
    await expectServing();
  });

  test.each(['yesterday', '2026-01-01', '2026-01-01T00:00:00', '2026-13-01T00:00:00Z', ''])(
    'unparsable date %j as a variable',
    async (from) => {
      // A variable is named by its path in `variables`.
      expectBadInput(
        await app.gql(METRICS, { r: { ...RANGE, from } }),
        'r.from',
        /DateTime must be an ISO-8601 instant with an offset/,
      );
      await expectServing();
    },
  );

  test('unparsable date as a literal in the query text', async () => {
    const res = await app.gql(
      `{ metricsByClass(range: { from: "2026-01-01T00:00:00Z", to: "next tuesday" }) { label } }`,
    );
    expectBadInput(res, 'range.to', /DateTime must be an ISO-8601 instant with an offset.*"next tuesday"/);
    await expectServing();
  });

  test('unknown time zone', async () => {
    expectBadInput(
      await app.gql(METRICS, { r: RANGE, z: 'Mars/Olympus_Mons' }),
      'timeZone',
      /unknown IANA time zone "Mars\/Olympus_Mons"/,
    );
    await expectServing();
  });

  test('unknown model in metrics', async () => {
    expectBadInput(await app.gql(METRICS, { r: RANGE, m: 'nope' }), 'model', /unknown model "nope"/);
    await expectServing();
  });

  test.each(['metricsByClass', 'confusionMatrix', 'sampleDistribution', 'trainingDistribution'])(
    'unknown model in %s',
    async (query) => {
      const args =
        query === 'trainingDistribution'
          ? '(model: "nope")'
          : `(range: { from: "${RANGE.from}", to: "${RANGE.to}" }, model: "nope")`;
      const fields = query === 'confusionMatrix' ? '{ labels }' : '{ label }';
      expectBadInput(
        await app.gql(`{ ${query}${args} ${fields} }`),
        'model',
        /unknown model "nope"; known models: default/,
      );
      await expectServing();
    },
  );

  test('a range and granularity giving more than 5,000 points (a year of hours)', async () => {
    const res = await app.gql(METRICS, { r: { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, g: 'HOUR' });
    expectBadInput(res, 'granularity', /8760 points, more than the limit of 5000/);
    const days = await app.gql<{ metrics: { series: unknown[] } }>(METRICS, {
      r: { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      g: 'DAY',
    });
    expect(days.data?.metrics.series).toHaveLength(365);
    await expectServing();
  });

  test('a query nested deeper than the limit is refused before it runs', async () => {
    // Introspection is the one cycle in the schema: types → fields → type → fields …
    const deep = `{ __schema { types { ${'fields { type { '.repeat(5)} name ${'} } '.repeat(5)} } } }`;
    const res = await app.gql(deep);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'query' },
      message: 'query: nested 13 levels deep, the limit is 12',
    });
    await expectServing();
  });
});

describe('authentication', () => {
  const RECORD = `mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`;
  const ONE = { p: [{ id: 'auth', predictedAt: '2026-01-01T12:00:00Z', predicted: 'cat' }] };

  test.each([
    ['no token', null],
    ['a wrong token', 'not-the-token'],
  ])('a mutation with %s is UNAUTHENTICATED and stores nothing', async (_, token) => {
    const res = await app.gql(RECORD, ONE, token);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toMatch(/Authorization: Bearer <CLARA_API_TOKEN>/);
    await expectServing();
  });

  test('with CLARA_API_TOKEN unset every mutation is UNAUTHENTICATED, saying how to set it', async () => {
    const open = await startTestApp('bad_input_notoken', { CLARA_API_TOKEN: '' });
    try {
      for (const [mutation, variables] of [
        [RECORD, ONE],
        [`mutation { recordValidations(validations: [{ id: "a", actual: "cat" }]) { accepted } }`, {}],
        [`mutation { setTrainingDistribution(counts: [{ label: "cat", count: 1 }]) { label } }`, {}],
      ] as const) {
        const res = await open.gql(mutation, variables, 'any-token');
        expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(res.errors?.[0].message).toMatch(/set CLARA_API_TOKEN on the server/);
      }
      const models = await open.gql<{ models: { name: string; predictions: number }[] }>(
        `{ models { name predictions } }`,
      );
      expect(models.data?.models).toEqual([{ name: 'default', predictions: 0 }]);
    } finally {
      await open.close();
    }
  });
});

describe('request size', () => {
  test('a body over CLARA_MAX_BODY_BYTES gets 413 naming the body, and the server goes on', async () => {
    const small = await startTestApp('bad_input_body', { CLARA_MAX_BODY_BYTES: '2048' });
    try {
      const p = Array.from({ length: 40 }, (_, i) => ({
        id: `big${i}`,
        predictedAt: '2026-01-01T12:00:00Z',
        predicted: 'cat',
      }));
      const res = await small.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, {
        p,
      });
      expect(res.status).toBe(413);
      expect(res.errors?.[0]).toMatchObject({
        extensions: { code: 'PAYLOAD_TOO_LARGE', field: 'body' },
        message: expect.stringMatching(/limit is 2048/),
      });
      const after = await small.gql<{ models: { name: string; predictions: number }[] }>(
        `{ models { name predictions } }`,
      );
      expect(after.data?.models).toEqual([{ name: 'default', predictions: 0 }]);
    } finally {
      await small.close();
    }
  });
});
