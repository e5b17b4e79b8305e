// 10,000 generated requests (valid, malformed, hostile; every HTTP shape) against the running
// server: no crash, no 5xx, every error coded, and /healthz answering throughout.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildClaraSchema } from '../../server/graphql/schema.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { fuzzRequest } from '../support/fuzz-documents.js';
import { fuzz } from '../support/fuzz-run.js';
import { seeded } from '../support/random.js';

const CASES = 10_000;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('fuzz');
});
afterAll(() => app.close());

test(
  `${CASES.toLocaleString('en-US')} generated requests: no crash, no 5xx, every error coded`,
  { timeout: 600_000 },
  async () => {
    const schema = await buildClaraSchema();
    const random = seeded(20261130);
    const requests = Array.from({ length: CASES }, (_, n) => fuzzRequest(random, schema, TEST_TOKEN, n));
    const { problems, healthChecks, statuses } = await fuzz(app.url, requests, 8, false);
    expect(problems.slice(0, 10)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(CASES);
    expect(healthChecks).toBeGreaterThan(10);
    // Still serving real queries afterwards.
    expect((await app.gql('{ models { name } }')).errors).toBeUndefined();
  },
);
