// The database goes away for 30 s in the middle of a stream of ingests and comes back: every
// acknowledged write is there once, /readyz said 503 meanwhile and 200 after, every failed answer
// was a coded 503, and the service recovered by itself.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rawOf, startTestApp, type TestApp } from '../support/app.js';
import { startPrivateStore, type PrivateStore } from '../support/private-store.js';
import { expectRollupsEqualRaw } from '../support/rollups-check.js';

const OUTAGE_MS = 30_000;
const PREDICT = `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let store: PrivateStore;
let app: TestApp;

beforeAll(async () => {
  store = await startPrivateStore('outage');
  app = await startTestApp('outage', {}, store.uri);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await store?.stop();
});

async function readyz(): Promise<number> {
  return (await fetch(`${app.url}/readyz`)).status;
}

test('a 30-second outage loses no acknowledged write and counts none twice', async () => {
  const acknowledged: string[] = [];
  const failures: { status: number; code: unknown }[] = [];
  let streaming = true;
  const stream = (async () => {
    for (let batch = 0; streaming || batch < 10; batch++) {
      const p = Array.from({ length: 50 }, (_, i) => ({
        id: `o${batch}-${i}`,
        predictedAt: new Date(Date.now() - i * 60_000).toISOString(),
        predicted: i % 3 ? 'a' : 'b',
      }));
      // A client retries a batch until it is acknowledged, as any producer should.
      for (;;) {
        const res = await app.gqlNow(PREDICT, { p }).catch(() => null);
        if (res && !res.errors) break;
        failures.push({ status: res?.status ?? 0, code: res?.errors?.[0]?.extensions?.code });
        await sleep(500);
      }
      acknowledged.push(...p.map((r) => r.id));
      await sleep(200);
    }
  })();

  await sleep(3_000);
  store.kill();
  const during: number[] = [];
  for (const started = Date.now(); Date.now() - started < OUTAGE_MS;) {
    during.push(await readyz());
    await sleep(1_000);
  }
  await store.restart();
  let after = 0;
  for (const started = Date.now(); after !== 200 && Date.now() - started < 60_000; await sleep(500))
    after = await readyz();
  streaming = false;
  await stream;

  expect(during).toContain(503);
  expect(after).toBe(200);
  expect(failures.length).toBeGreaterThan(0);
  for (const failure of failures) expect(failure).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  await app.runtime.services.rollups.settle();
  const { collection } = app.runtime.stores.predictions;
  expect(await collection.countDocuments({})).toBe(acknowledged.length);
  expect(new Set((await collection.find({}, { projection: { id: 1 } }).toArray()).map((d) => String(d.id)))).toEqual(
    new Set(acknowledged),
  );
  await expectRollupsEqualRaw(rawOf(app.runtime), 'default');
}, 240_000);
