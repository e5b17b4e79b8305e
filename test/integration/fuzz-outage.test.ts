// Generated requests while the database is down: every answer is a coded 4xx, or a coded 503 where
// the database was needed; never another 5xx. The service answers again once the database is back.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildClaraSchema } from '../../server/graphql/schema.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { within } from '../support/attack.js';
import { fuzzRequest } from '../support/fuzz-documents.js';
import { fuzz } from '../support/fuzz-run.js';
import { startPrivateStore, type PrivateStore } from '../support/private-store.js';
import { seeded } from '../support/random.js';

const CASES = 2_000;

let store: PrivateStore;
let app: TestApp;
beforeAll(async () => {
  store = await startPrivateStore('fuzz-outage');
  app = await startTestApp('fuzz_outage', {}, store.uri);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await store?.stop();
});

test(
  `${CASES} generated requests with the database down: only coded 4xx and 503 answers`,
  { timeout: 600_000 },
  async () => {
    const schema = await buildClaraSchema();
    const random = seeded(20261201);
    const requests = Array.from({ length: CASES }, (_, n) => fuzzRequest(random, schema, TEST_TOKEN, n));
    store.kill();
    await expect.poll(async () => (await fetch(`${app.url}/readyz`)).status, { timeout: 20_000 }).toBe(503);
    // The job scheduler is first made now, with no database: it used to hang every such request
    // and leave an unhandled rejection (fatal to a Node process); now it says to retry.
    expect(await within(15_000, app.gqlNow('{ jobs { name } }'))).toMatchObject({
      status: 503,
      errors: [{ extensions: { code: 'DATABASE_UNAVAILABLE' } }],
    });
    // Each request that needs the database waits for the driver's server selection: many lanes.
    const { problems, statuses } = await fuzz(app.url, requests, 24, true);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(statuses.get(503)).toBeGreaterThan(0);

    await store.restart();
    await expect.poll(async () => (await fetch(`${app.url}/readyz`)).status, { timeout: 60_000 }).toBe(200);
    await expect
      .poll(async () => (await app.gqlNow('{ models { name } }')).errors, { timeout: 30_000 })
      .toBeUndefined();
    await expect.poll(async () => (await app.gqlNow('{ jobs { name } }')).errors, { timeout: 60_000 }).toBeUndefined();
  },
);
