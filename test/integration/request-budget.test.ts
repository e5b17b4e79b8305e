// The request budget: each attack from the hardening review is answered or refused within a bound,
// with a coded error, while /healthz keeps answering.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, TEST_TOKEN, type GqlResponse, type TestApp } from '../support/app.js';
import { postJson, whileHealthy } from '../support/attack.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('budget', { CLARA_MAX_BLOCKS: '1000' });
  const seeded = await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, {
    p: [{ id: 'a', predictedAt: '2026-01-01T10:00:00Z', predicted: 'cat', actual: 'cat' }],
  });
  expect(seeded.errors).toBeUndefined();
});
afterAll(() => app.close());

const ALL_TIME = '{ from: "0000-01-01T00:00:00Z", to: "9999-12-31T00:00:00Z" }';

function expectRefused(res: GqlResponse<unknown>, code: string, field: string, message: RegExp): void {
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]).toMatchObject({ extensions: { code, field } });
  expect(res.errors?.[0].message).toMatch(message);
}

async function expectServing(): Promise<void> {
  const res = await app.gql<{ models: { name: string }[] }>('{ models { name } }');
  expect(res.data?.models.map((m) => m.name)).toContain('default');
}

describe('fragment explosion', () => {
  // 30 levels of fragments that each spread the next twice: 2^30 expansions when not memoised.
  const levels = 30;
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  ).join('\n');
  const document = `query { ...F0 }\n${fragments}\nfragment F${levels} on Query { models { name } }`;

  test('is priced once per fragment and refused as too complex; /healthz answers meanwhile', async () => {
    expect(document.length).toBeLessThan(2_000);
    const res = await whileHealthy(app.url, () => app.gql(document, {}, null));
    expectRefused(res, 'QUERY_TOO_COMPLEX', 'query', /costs about [\d,]+, more than the limit of 100,000/);
    await expectServing();
  });

  test('a shallow reuse of fragments still answers', async () => {
    const res = await app.gql<{ models: unknown[] }>(
      `query { ...A ...A } fragment A on Query { ...B ...B } fragment B on Query { models { name } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.models.length).toBeGreaterThan(0);
  });
});

describe('unbounded ranges', () => {
  test.each([
    ['metrics', `{ metrics(range: ${ALL_TIME}, granularity: MONTH) { overall { accuracy } } }`],
    ['metricsByClass', `{ metricsByClass(range: ${ALL_TIME}) { label } }`],
    ['confusionMatrix', `{ confusionMatrix(range: ${ALL_TIME}) { labels } }`],
    ['sampleDistribution', `{ sampleDistribution(range: ${ALL_TIME}) { label } }`],
    ['drift', `{ drift(range: ${ALL_TIME}, granularity: MONTH) { psi } }`],
    ['profiles', `{ profiles(range: ${ALL_TIME}) { id } }`],
  ])('%s over years 0000 to 9999 is BAD_USER_INPUT on range, at once', async (field, query) => {
    const res = await whileHealthy(app.url, () => app.gql(query));
    expectRefused(res, 'BAD_USER_INPUT', 'range', /range: spans 3,652,\d{3} days, more than the limit of 3,660 days/);
    expect(res.errors?.[0]).toMatchObject({ path: [field] });
    await expectServing();
  });

  test('a range within the span that reads more blocks than CLARA_MAX_BLOCKS is refused naming range', async () => {
    const three = '{ from: "2023-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }';
    expectRefused(
      await app.gql(`{ metricsByClass(range: ${three}) { label } }`),
      'BAD_USER_INPUT',
      'range',
      /needs 1,096 rollup blocks, more than the limit of 1,000/,
    );
    expectRefused(
      await app.gql(`{ metrics(range: ${three}) { overall { accuracy } } }`),
      'BAD_USER_INPUT',
      'range',
      /needs 1,096 rollup blocks/,
    );
    const one = await app.gql<{ metricsByClass: { label: string }[] }>(
      `{ metricsByClass(range: { from: "2025-06-01T00:00:00Z", to: "2026-06-01T00:00:00Z" }) { label } }`,
    );
    expect(one.data?.metricsByClass.map((c) => c.label)).toEqual(['cat']);
  });
});

describe('aliases and cost', () => {
  const month = '{ from: "2026-01-01T00:00:00Z", to: "2026-01-31T00:00:00Z" }';

  test('1,000 aliases of an HOUR metrics are refused before validation (too many fields)', async () => {
    const aliases = Array.from(
      { length: 1000 },
      (_, i) => `a${i}: metrics(range: ${month}, granularity: HOUR) { overall { accuracy } }`,
    ).join('\n');
    const res = await whileHealthy(app.url, () => app.gql(`{ ${aliases} }`, {}, null));
    expect(res.status).toBe(400);
    expectRefused(res, 'QUERY_TOO_COMPLEX', 'query', /selects 3000 fields \(aliases included\), the limit is 1000/);
  });

  test('100 aliases of a month of HOUR points with their series are refused by cost, before running', async () => {
    const aliases = Array.from(
      { length: 100 },
      (_, i) => `a${i}: metrics(range: ${month}, granularity: HOUR) { series { start end } }`,
    ).join('\n');
    const res = await whileHealthy(app.url, () => app.gql(`{ ${aliases} }`));
    expect(res.status).toBe(400);
    expectRefused(
      res,
      'QUERY_TOO_COMPLEX',
      'query',
      /costs about [\d,]+, more than the limit of 100,000 \(fields and aliases, list items, series points and rollup blocks read\)/,
    );
    const one = await app.gql<{ metrics: { series: unknown[] } }>(
      `{ metrics(range: ${month}, granularity: HOUR) { series { start end } } }`,
    );
    expect(one.data?.metrics.series).toHaveLength(720);
  });

  test('the cost counts ranges passed as variables', async () => {
    const query = `query($r: TimeRangeInput!) { ${Array.from({ length: 100 }, (_, i) => `a${i}: metrics(range: $r, granularity: HOUR) { series { start end } }`).join(' ')} }`;
    expectRefused(
      await app.gql(query, { r: { from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z' } }),
      'QUERY_TOO_COMPLEX',
      'query',
      /costs about/,
    );
    const small = await app.gql(query, { r: { from: '2026-01-01T00:00:00Z', to: '2026-01-01T02:00:00Z' } });
    expect(small.errors).toBeUndefined();
  });

  test('1,000 same-name fields (quadratic to validate without a bound) answer within the bound', async () => {
    const res = await whileHealthy(app.url, () => app.gql(`{ models { ${'name '.repeat(999)} } }`, {}, null));
    expectRefused(res, 'QUERY_TOO_COMPLEX', 'query', /too complex to validate/);
    const some = await app.gql<{ models: { name: string }[] }>(`{ models { ${'name '.repeat(300)} } }`, {}, null);
    expect(some.errors).toBeUndefined();
    const over = await app.gql(`{ models { ${'name '.repeat(5000)} } }`, {}, null);
    expectRefused(over, 'QUERY_TOO_COMPLEX', 'query', /selects 5001 fields/);
  });
});

describe('operations per request', () => {
  test('a document with more operations than CLARA_MAX_OPERATIONS is refused', async () => {
    const ops = Array.from({ length: 11 }, (_, i) => `query Q${i} { models { name } }`).join('\n');
    const res = await postJson(app.url, { query: ops, operationName: 'Q0' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX', field: 'query' },
      message: 'query: holds 11 operations, the limit is 10',
    });
  });

  test('a batch (a JSON array of operations) is refused whole, however long', async () => {
    const batch = Array.from({ length: 10_000 }, () => ({ query: '{ models { name } }' }));
    const res = await whileHealthy(app.url, () => postJson(app.url, batch));
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST', field: 'body' } });
    await expectServing();
  });
});

describe('hostile shapes', () => {
  test.each([
    [
      'a selection nested 50,000 deep',
      { query: `{ ${'models { '.repeat(50_000)} name ${'} '.repeat(50_000)} }` },
      'GRAPHQL_PARSE_FAILED',
    ],
    [
      'a list literal nested 200,000 deep',
      { query: `{ metrics(range: ${'['.repeat(200_000)}${']'.repeat(200_000)}) { model } }` },
      'GRAPHQL_PARSE_FAILED',
    ],
    [
      'a variable nested 500,000 deep',
      `{"query":"query($r: TimeRangeInput!){ metrics(range: $r) { model } }","variables":{"r":${'['.repeat(500_000)}${']'.repeat(500_000)}}}`,
      'BAD_USER_INPUT',
    ],
    [
      '50,000 variables',
      { query: `query(${Array.from({ length: 50_000 }, (_, i) => `$v${i}: Int`).join(' ')}) { models { name } }` },
      'QUERY_TOO_COMPLEX',
    ],
    [
      '500,000 directives',
      { query: `{ models ${'@skip(if: false) '.repeat(500_000)} { name } }` },
      'QUERY_TOO_COMPLEX',
    ],
    [
      '50,000 arguments',
      { query: `{ models(${Array.from({ length: 50_000 }, (_, i) => `a${i}: 1`).join(' ')}) { name } }` },
      'QUERY_TOO_COMPLEX',
    ],
  ])('%s is refused with a coded error within the bound', async (_, body, code) => {
    const res = await whileHealthy(app.url, () => postJson(app.url, body));
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions?.code).toBe(code);
  });

  test('a document over CLARA_MAX_QUERY_TOKENS says to send large inputs as variables', async () => {
    const res = await postJson(app.url, { query: `{ models ${'@skip(if: false) '.repeat(10_000)} { name } }` });
    expect(res.body.errors?.[0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX', field: 'query' },
      message: 'query: more than 50000 tokens; send large inputs (such as a batch of predictions) as variables',
    });
  });

  test('a 10 MB comment is only read past', async () => {
    const res = await whileHealthy(app.url, () =>
      postJson(app.url, { query: `{ models { name } } # ${'x'.repeat(10_000_000)}` }),
    );
    expect(res.status).toBe(200);
  });
});

describe('input errors', () => {
  test('thousands of bad literals are answered within the bound (the text is indexed once)', async () => {
    const items = Array.from(
      { length: 3_000 },
      (_, i) => `{ id: "x${i}", predictedAt: "not a date", predicted: "cat" }`,
    ).join(',');
    const res = await whileHealthy(app.url, () =>
      app.gql(`mutation { recordPredictions(predictions: [${items}]) { accepted } }`, {}, TEST_TOKEN),
    );
    expect(res.errors?.length).toBeGreaterThan(10);
    expect(res.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'predictions[0].predictedAt' },
    });
    expect(res.errors?.[5]).toMatchObject({ extensions: { field: 'predictions[5].predictedAt' } });
  });
});
