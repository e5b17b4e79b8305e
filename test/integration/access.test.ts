// Authentication first, read protection, allowed hosts and the static-file edges, on the real server.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { postJson, rawRequest, whileHealthy } from '../support/attack.js';

const RECORD = `mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`;
const READ_TOKEN = 'read-token-abcdefghijklmnop';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('access');
});
afterAll(() => app.close());

describe('mutations are refused before their arguments are looked at', () => {
  test('an unauthenticated mutation of about 15 MB is UNAUTHENTICATED (401) at once; /healthz answers meanwhile', async () => {
    const item = '{ id: "x", predictedAt: "not a date", predicted: "cat", confidence: "high" },';
    const query = `mutation { recordPredictions(predictions: [${item.repeat(Math.floor((12 * 1024 * 1024) / item.length))}]) { accepted } }`;
    const res = await whileHealthy(app.url, () => postJson(app.url, { query }));
    expect(res.status).toBe(401);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/Authorization: Bearer <CLARA_API_TOKEN>/),
    });
  });

  test('an unauthenticated mutation with 12 MB of variables is UNAUTHENTICATED before they are coerced', async () => {
    const p = Array.from({ length: 150_000 }, (_, i) => ({
      id: `p${i}`,
      predictedAt: 'not a date',
      predicted: 'cat',
      confidence: 'high',
    }));
    const res = await whileHealthy(app.url, () => postJson(app.url, { query: RECORD, variables: { p } }));
    expect(res.status).toBe(401);
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  test('variables that would not coerce do not get the chance: UNAUTHENTICATED, not BAD_USER_INPUT', async () => {
    const res = await app.gql(RECORD, { p: [{ id: 1, predictedAt: 'yesterday' }] }, null);
    expect(res.status).toBe(401);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  test('the operation named by operationName decides: a query next to a mutation still reads', async () => {
    const doc = `query Read { models { name } } mutation Write { setJobEnabled(name: "check-drift", enabled: false) { name } }`;
    expect((await postJson(app.url, { query: doc, operationName: 'Read' })).status).toBe(200);
    const write = await postJson(app.url, { query: doc, operationName: 'Write' });
    expect(write.status).toBe(401);
    expect(write.body.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('with the token, the same mutation is processed (and a bad variable named)', async () => {
    const res = await app.gql(RECORD, { p: [{ id: 'ok', predictedAt: 'yesterday', predicted: 'cat' }] }, TEST_TOKEN);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'p[0].predictedAt' });
  });
});

describe('read protection', () => {
  let locked: TestApp;
  beforeAll(async () => {
    locked = await startTestApp('access_locked', { CLARA_PROTECT_READS: '1', CLARA_READ_TOKEN: READ_TOKEN });
  });
  afterAll(() => locked.close());

  test('a query without a token is UNAUTHENTICATED (401); a read or write token reads', async () => {
    const anonymous = await locked.gql('{ models { name } }', {}, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/CLARA_READ_TOKEN/),
    });
    expect((await locked.gql('{ models { name } }', {}, 'wrong-token-0123456789')).status).toBe(401);
    expect((await locked.gql('{ models { name } }', {}, READ_TOKEN)).errors).toBeUndefined();
    expect((await locked.gql('{ models { name } }', {}, TEST_TOKEN)).errors).toBeUndefined();
  });

  test('the read token cannot write', async () => {
    const res = await locked.gql(
      RECORD,
      { p: [{ id: 'r', predictedAt: '2026-01-01T00:00:00Z', predicted: 'cat' }] },
      READ_TOKEN,
    );
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('profile downloads need a token too; probes do not', async () => {
    const path = '/profiles/0123456789abcdef01234567.bin';
    expect((await rawRequest(locked.url, path)).status).toBe(401);
    expect((await rawRequest(locked.url, path, { authorization: `Bearer ${READ_TOKEN}` })).status).toBe(404);
    expect((await rawRequest(locked.url, '/healthz')).status).toBe(200);
  });

  test('reads stay open by default, and no cache keeps their live answers', async () => {
    expect((await app.gql('{ models { name } }', {}, null)).errors).toBeUndefined();
    const res = await rawRequest(app.url, '/graphql?query=%7Bmodels%7Bname%7D%7D', { 'apollo-require-preflight': '1' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('allowed hosts (DNS rebinding)', () => {
  test('bound to loopback, a request naming another host is refused (403) on every route but the probes', async () => {
    for (const path of ['/graphql?query=%7Bmodels%7Bname%7D%7D', '/', '/profiles/0123456789abcdef01234567.bin']) {
      const res = await rawRequest(app.url, path, { host: 'rebound.attacker.example:4000' });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ errors: [{ extensions: { code: 'HOST_NOT_ALLOWED' } }] });
    }
    expect((await rawRequest(app.url, '/healthz', { host: 'rebound.attacker.example' })).status).toBe(200);
    expect((await rawRequest(app.url, '/readyz', { host: 'rebound.attacker.example' })).status).toBe(200);
  });

  test('loopback names are answered, with or without a port', async () => {
    for (const host of ['localhost', 'LOCALHOST:4000', '127.0.0.1:1', '[::1]:4000']) {
      expect(
        (await rawRequest(app.url, '/graphql?query=%7Bmodels%7Bname%7D%7D', { host, 'apollo-require-preflight': '1' }))
          .status,
      ).toBe(200);
    }
  });

  test('CLARA_ALLOWED_HOSTS names the hosts of a deployment', async () => {
    const named = await startTestApp('access_hosts', { CLARA_ALLOWED_HOSTS: 'clara.example.com' });
    try {
      expect((await rawRequest(named.url, '/', { host: 'clara.example.com' })).status).toBe(200);
      expect((await rawRequest(named.url, '/', { host: '127.0.0.1' })).status).toBe(403);
    } finally {
      await named.close();
    }
  });
});

describe('malformed requests', () => {
  test('a URL too large for the HTTP parser gets a coded 431, and the server goes on', async () => {
    const res = await rawRequest(app.url, `/graphql?query=${'x'.repeat(100_000)}`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ errors: [{ extensions: { code: 'HEADERS_TOO_LARGE' } }] });
    expect((await rawRequest(app.url, '/healthz')).status).toBe(200);
  });

  test('a subscription (the schema has none) is BAD_REQUEST, with or without a token', async () => {
    for (const token of [undefined, TEST_TOKEN]) {
      const res = await postJson(app.url, { query: 'subscription { models { name } }' }, token);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST', field: 'query' } });
    }
  });

  test('an error quoting a huge input stays short', async () => {
    const res = await app.gql(`{ jobRuns(job: "${'a'.repeat(5_000)}") { id } }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'job' });
    expect(res.errors?.[0].message.length).toBeLessThanOrEqual(501);
  });
});

describe('static files', () => {
  test('a malformed %-escape answers 400, not 500, and the server goes on', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%', '/%zz.js']) {
      const res = await rawRequest(app.url, path);
      expect(res.status).toBe(400);
    }
    expect((await rawRequest(app.url, '/healthz')).status).toBe(200);
  });
});
