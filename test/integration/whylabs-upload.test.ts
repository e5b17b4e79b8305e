// upload-profiles against a local HTTP server playing WhyLabs: the two-step upload, retries of
// transient failures, permanent refusals, a hanging server, and a key that never leaks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { startRuntime, type Runtime } from '../../server/runtime.js';
import { TEST_TOKEN } from '../support/app.js';
import { testDatabase } from '../support/db.js';

const KEY = 'wl-key-S3CRET-0123456789';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}
type Reply = (req: Seen, res: ServerResponse) => void;

let fake: Server;
let fakeUrl = '';
let seen: Seen[] = [];
let replies: Reply[] = [];
let nextUpload = 0;

const slot: Reply = (_req, res) => {
  nextUpload++;
  res.writeHead(200, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      id: `up-${nextUpload}`,
      uploadUrl: `${fakeUrl}/upload/${nextUpload}?X-Amz-Signature=sig${nextUpload}`,
    }),
  );
};
let putDelayMs = 0;
const stored: Reply = (_req, res) => void setTimeout(() => res.writeHead(200).end(), putDelayMs);
const status =
  (code: number, body = ''): Reply =>
  (_req, res) =>
    void res.writeHead(code, { 'content-type': 'text/plain' }).end(body);
const hang: Reply = () => undefined;
/** Answers in order; when the script runs out, behaves like WhyLabs on a good day. */
const script = (...list: Reply[]) => (replies = list);

beforeAll(async () => {
  fake = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      seen.push(request);
      const reply = replies.shift() ?? (request.method === 'POST' ? slot : stored);
      reply(request, res);
    });
  });
  await new Promise<void>((done) => fake.listen(0, '127.0.0.1', done));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fake.closeAllConnections();
  await new Promise((done) => fake.close(done));
});

interface App {
  runtime: Runtime;
  logs: string[];
  responses: string[];
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

async function startApp(
  prefix: string,
  env: Record<string, string> = {},
  dbName?: string,
): Promise<App & { dbName: string }> {
  const db = testDatabase(prefix);
  const config = parseConfig({
    MONGODB_DB: dbName ?? db.dbName,
    PORT: '0',
    CLARA_API_TOKEN: TEST_TOKEN,
    WHYLABS_API_KEY: KEY,
    WHYLABS_DEFAULT_ORG_ID: 'org-1',
    WHYLABS_DEFAULT_DATASET_ID: 'model-0',
    WHYLABS_DATASET_ID_MAP: 'beta=model-7',
    WHYLABS_API_ENDPOINT: fakeUrl,
    CLARA_WHYLABS_ALLOW_HTTP: '1',
    CLARA_WHYLABS_RETRY_DELAY: '10 ms',
    ...env,
  });
  const logs: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const runtime = await startRuntime(config, log, { uri: db.uri });
  const responses: string[] = [];
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${runtime.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    responses.push(text);
    const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };
  const close = async () => {
    await runtime.db.dropDatabase().catch(() => undefined);
    await runtime.close();
  };
  return { runtime, logs, responses, gql, dbName: dbName ?? db.dbName, close };
}

/** One closed hour of predictions per model, profiled. */
async function withProfiles(app: App, models: string[]): Promise<void> {
  const p = models.flatMap((model) => [
    { id: `${model}-1`, model, predictedAt: '2026-02-01T08:10:00Z', predicted: 'cat', actual: 'cat', confidence: 0.9 },
    { id: `${model}-2`, model, predictedAt: '2026-02-01T08:20:00Z', predicted: 'dog', actual: 'cat', confidence: 0.4 },
  ]);
  await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, { p });
  await app.gql(`mutation { runJob(name: "log-profiles") { status } }`);
}

async function upload(app: App): Promise<{ status: string; summary: string }> {
  return (
    await app.gql<{ runJob: { status: string; summary: string } }>(
      `mutation { runJob(name: "upload-profiles") { status summary } }`,
    )
  ).runJob;
}

interface Uploaded {
  id: string;
  model: string;
  windowStart: string;
  upload: string;
  uploadedAt: string | null;
  uploadError: string | null;
  downloadUrl: string;
}
async function profiles(app: App): Promise<Uploaded[]> {
  const q = `{ profiles(range: {from: "2026-02-01T00:00:00Z", to: "2026-02-02T00:00:00Z"}) { id model windowStart upload uploadedAt uploadError downloadUrl } }`;
  return (await app.gql<{ profiles: Uploaded[] }>(q)).profiles;
}

function expectNoKey(app: App): void {
  for (const text of [...app.logs, ...app.responses]) expect(text).not.toContain(KEY);
}

test('uploads each pending profile once: POST for a slot with the key, then PUT of the file', async () => {
  seen = [];
  script();
  const app = await startApp('wl_ok');
  try {
    await withProfiles(app, ['alpha', 'beta']);
    expect((await profiles(app)).map((p) => p.upload)).toEqual(['PENDING', 'PENDING']);
    expect(await upload(app)).toEqual({ status: 'SUCCEEDED', summary: '2 profiles uploaded, 0 failed, 0 to retry' });

    const list = await profiles(app);
    expect(list.every((p) => p.upload === 'UPLOADED' && p.uploadedAt !== null && p.uploadError === null)).toBe(true);
    expect(seen.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`).sort()).toEqual(
      [
        'POST /v0/organizations/org-1/log/async/model-0',
        'POST /v0/organizations/org-1/log/async/model-7',
        'PUT /upload/1',
        'PUT /upload/2',
      ].sort(),
    );
    for (const post of seen.filter((r) => r.method === 'POST')) {
      expect(post.headers['x-api-key']).toBe(KEY);
      expect(post.headers['content-type']).toBe('application/json');
      expect(JSON.parse(post.body.toString())).toEqual({
        datasetTimestamp: Date.parse('2026-02-01T08:00:00Z'),
        segmentTags: [],
      });
    }
    const files = await Promise.all(
      list.map(async (p) => Buffer.from(await (await fetch(`${app.runtime.url}${p.downloadUrl}`)).arrayBuffer())),
    );
    const puts = seen.filter((r) => r.method === 'PUT');
    for (const put of puts) {
      expect(put.headers['content-type']).toBe('application/octet-stream');
      expect(put.headers['x-api-key']).toBeUndefined();
    }
    expect(puts.map((r) => r.body.toString('base64')).sort()).toEqual(files.map((f) => f.toString('base64')).sort());

    expect(await upload(app)).toEqual({ status: 'SUCCEEDED', summary: '0 profiles uploaded, 0 failed, 0 to retry' });
    expect(seen).toHaveLength(4);
    expectNoKey(app);
  } finally {
    await app.close();
  }
});

test('transient failures (500, 503 on the PUT, 429) are retried with backoff until the upload succeeds', async () => {
  seen = [];
  script(status(500), slot, status(503), status(429), slot, stored);
  const app = await startApp('wl_retry', { CLARA_WHYLABS_RETRIES: '3' });
  try {
    await withProfiles(app, ['alpha']);
    expect(await upload(app)).toEqual({ status: 'SUCCEEDED', summary: '1 profiles uploaded, 0 failed, 0 to retry' });
    expect(seen.map((r) => r.method)).toEqual(['POST', 'POST', 'PUT', 'POST', 'POST', 'PUT']);
    expect((await profiles(app))[0]).toMatchObject({ upload: 'UPLOADED', uploadError: null });
    expect(app.logs.filter((l) => l.includes('retrying'))).toHaveLength(3);
    expectNoKey(app);
  } finally {
    await app.close();
  }
});

test('401 marks the profile FAILED with the reason, is not retried, and the key echoed by the server goes nowhere', async () => {
  seen = [];
  script(status(401, `Unauthorized: API key ${KEY} is not valid`));
  const app = await startApp('wl_401');
  try {
    await withProfiles(app, ['alpha']);
    expect(await upload(app)).toEqual({ status: 'SUCCEEDED', summary: '0 profiles uploaded, 1 failed, 0 to retry' });
    const [profile] = await profiles(app);
    expect(profile.upload).toBe('FAILED');
    // Coded and short: WhyLabs' own answer (here echoing the key) is only logged, redacted.
    expect(profile.uploadError).toBe('WHYLABS_HTTP_401: WhyLabs answered 401 to the upload request');
    await upload(app);
    expect(seen).toHaveLength(1);
    expect(app.logs.some((l) => l.includes('401'))).toBe(true);
    expectNoKey(app);
  } finally {
    await app.close();
  }
});

test('a hanging request is cut by the timeout and the profile stays pending with the reason', async () => {
  seen = [];
  script(hang, hang);
  const app = await startApp('wl_hang', { CLARA_WHYLABS_TIMEOUT: '300 ms', CLARA_WHYLABS_RETRIES: '1' });
  try {
    await withProfiles(app, ['alpha']);
    expect(await upload(app)).toEqual({ status: 'SUCCEEDED', summary: '0 profiles uploaded, 0 failed, 1 to retry' });
    expect(seen.map((r) => r.method)).toEqual(['POST', 'POST']);
    const [profile] = await profiles(app);
    expect(profile).toMatchObject({ upload: 'PENDING', uploadedAt: null });
    expect(profile.uploadError).toBe('WHYLABS_TIMEOUT: no answer to the upload request within 300 ms');
    expectNoKey(app);
  } finally {
    fake.closeAllConnections();
    await app.close();
  }
});

test('two processes uploading at once send each profile once (profiles are claimed first)', async () => {
  seen = [];
  script();
  putDelayMs = 150;
  const first = await startApp('wl_two');
  const second = await startApp('wl_two', {}, first.dbName);
  try {
    await withProfiles(first, ['alpha', 'beta', 'gamma']);
    const never = new AbortController().signal;
    const results = await Promise.all([
      first.runtime.services.uploads.uploadPending(never),
      second.runtime.services.uploads.uploadPending(never),
    ]);
    expect(results[0].uploaded + results[1].uploaded).toBe(3);
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(3);
    expect((await profiles(first)).map((p) => p.upload)).toEqual(['UPLOADED', 'UPLOADED', 'UPLOADED']);
  } finally {
    putDelayMs = 0;
    await second.close();
    await first.close();
  }
});

test('without WhyLabs settings profiles stay local as NOT_CONFIGURED and nothing is sent', async () => {
  seen = [];
  const app = await startApp('wl_off', { WHYLABS_API_KEY: '' });
  try {
    await withProfiles(app, ['alpha']);
    expect((await profiles(app))[0].upload).toBe('NOT_CONFIGURED');
    expect((await upload(app)).summary).toBe('WhyLabs is not configured; profiles are kept locally');
    expect(seen).toEqual([]);
  } finally {
    await app.close();
  }
});
