// 10,000 generated requests (valid, malformed, hostile; every HTTP shape) against the running
// server: no crash, no 5xx, every error coded, and /healthz answering throughout.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildClaraSchema } from '../../server/graphql/schema.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { within } from '../support/attack.js';
import { fuzzRequest, type FuzzRequest } from '../support/fuzz-documents.js';
import { seeded } from '../support/random.js';

const CASES = 10_000;
const PARALLEL = 8;
const CODE = /^[A-Z][A-Z0-9_]+$/;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('fuzz');
});
afterAll(() => app.close());

/** What is wrong with one answer, or null. */
function problem(status: number, text: string): string | null {
  if (status >= 500) return `status ${status}: ${text.slice(0, 500)}`;
  let body: { errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `not JSON (status ${status}): ${text.slice(0, 200)}`;
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !CODE.test(code)) return `an error without a code: ${JSON.stringify(error).slice(0, 500)}`;
    if (code === 'INTERNAL_SERVER_ERROR') return `an internal error: ${JSON.stringify(error).slice(0, 500)}`;
    if (typeof error.message !== 'string' || error.message.length > 501) return `a missing or oversized message: ${JSON.stringify(error).slice(0, 300)}`;
  }
  return null;
}

async function send(request: FuzzRequest): Promise<string | null> {
  const res = await fetch(`${app.url}/graphql${request.search}`, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(30_000) });
  return problem(res.status, await res.text());
}

test(`${CASES.toLocaleString('en-US')} generated requests: no crash, no 5xx, every error coded`, { timeout: 600_000 }, async () => {
  const schema = await buildClaraSchema();
  const random = seeded(20261130);
  const requests = Array.from({ length: CASES }, (_, n) => fuzzRequest(random, schema, TEST_TOKEN, n));
  const problems: string[] = [];
  const statuses = new Map<string, number>();
  let next = 0;
  let healthChecks = 0;
  const lane = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      const found = await send(request).catch((error: unknown) => `no answer: ${String(error)}`);
      if (found) problems.push(`${request.label.slice(0, 400)}\n  → ${found}`);
      statuses.set(found ? 'problem' : 'ok', (statuses.get(found ? 'problem' : 'ok') ?? 0) + 1);
      // The process is alive and its event loop free: /healthz keeps answering along the way.
      if (next % 500 === 0) {
        expect((await within(10_000, fetch(`${app.url}/healthz`))).status).toBe(200);
        healthChecks++;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  expect(healthChecks).toBeGreaterThan(10);
  expect(problems.slice(0, 10)).toEqual([]);
  expect(statuses.get('ok')).toBe(CASES);
  // Still serving real queries afterwards.
  expect((await app.gql('{ models { name } }')).errors).toBeUndefined();
});
