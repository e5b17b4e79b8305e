// The scale-out layout on one database: two stateless HTTP replicas (serve --no-jobs) and two
// worker processes. Every write through any replica, retries through the other included, is
// counted exactly once, and each job runs once per schedule, never twice at once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { rawOf, startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { expectRollupsEqualRaw } from '../support/rollups-check.js';
import { seeded, pick } from '../support/random.js';
import { startWorker, type WorkerProcess } from '../support/worker-process.js';

const DB = `t_scale_${randomBytes(4).toString('hex')}`;
const SHARED = { MONGODB_DB: DB };
const REFRESH_EVERY_MS = 1500;
let replicas: TestApp[] = [];
let workers: WorkerProcess[] = [];

beforeAll(async () => {
  replicas = [await startTestApp('scale', SHARED), await startTestApp('scale', SHARED)];
  const env = {
    MONGODB_URI: inject('mongoUri'),
    ...SHARED,
    CLARA_API_TOKEN: TEST_TOKEN,
    CLARA_JOB_REFRESH_ROLLUPS_EVERY: `${REFRESH_EVERY_MS}ms`,
    CLARA_JOBS_POLL_EVERY: '100ms',
  };
  workers = [await startWorker(env), await startWorker(env)];
}, 120_000);
afterAll(async () => {
  for (const worker of workers) {
    worker.child.kill('SIGTERM');
    const stopped = await Promise.race([
      worker.exited.then(() => true),
      new Promise((resolve) => setTimeout(resolve, 30_000, false)),
    ]);
    if (!stopped) worker.child.kill('SIGKILL');
  }
  await replicas[1]?.runtime.close();
  await replicas[0]?.close();
}, 120_000);

const PREDICT = `mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted rejected { message } } }`;
const VALIDATE = `mutation($v: [ValidationInput!]!) { recordValidations(validations: $v) { accepted rejected { message } } }`;
const LABELS = ['cat', 'dog', 'bird'];

test('writes through either replica, retried through the other, are counted once; rollups equal raw rows', async () => {
  const random = seeded(42);
  const batches = Array.from({ length: 12 }, (_, b) =>
    Array.from({ length: 150 }, (_, i) => ({
      id: `s${b}-${i}`,
      model: 'scale',
      predictedAt: new Date(Date.parse('2026-08-01T00:00:00Z') + Math.floor(random() * 3 * 86_400_000)).toISOString(),
      predicted: pick(random, LABELS),
    })),
  );
  // Each batch goes to one replica; every third is sent again to the other, as a client whose
  // first attempt timed out would.
  await Promise.all(
    batches.map(async (p, b) => {
      expect((await replicas[b % 2].gqlNow(PREDICT, { p })).errors).toBeUndefined();
      if (b % 3 === 0) expect((await replicas[(b + 1) % 2].gqlNow(PREDICT, { p })).errors).toBeUndefined();
    }),
  );
  const validations = batches
    .flat()
    .filter((_, i) => i % 2 === 0)
    .map((r) => ({ id: r.id, model: 'scale', actual: pick(random, LABELS) }));
  await Promise.all([
    replicas[0].gqlNow(VALIDATE, { v: validations.slice(0, 450) }),
    replicas[1].gqlNow(VALIDATE, { v: validations.slice(450) }),
  ]);

  for (const replica of replicas) await replica.runtime.services.rollups.settle();
  const { stores } = replicas[0].runtime;
  expect(await stores.predictions.collection.countDocuments({ model: 'scale' })).toBe(1800);
  const raw = await stores.predictions.rowsBetween('scale', new Date(0), new Date('2100-01-01'));
  expect(raw.filter((r) => r.actual !== null)).toHaveLength(validations.length);
  await expectRollupsEqualRaw(rawOf(replicas[0].runtime), 'scale');
  for (const replica of replicas) {
    const res = await replica.gql<{ models: { name: string; predictions: number; validated: number }[] }>(
      `{ models { name predictions validated } }`,
    );
    expect(res.data?.models.find((m) => m.name === 'scale')).toMatchObject({
      predictions: 1800,
      validated: validations.length,
    });
  }
}, 180_000);

test('two workers run each job once per schedule, never twice at once', async () => {
  const runs = replicas[0].runtime.db.collection<{ job: string; startedAt: Date; finishedAt: Date | null }>('job_runs');
  const since = new Date();
  await new Promise((resolve) => setTimeout(resolve, REFRESH_EVERY_MS * 6));
  const done = (
    await runs
      .find({ job: 'refresh-rollups', startedAt: { $gte: since } })
      .sort({ startedAt: 1 })
      .toArray()
  ).filter((r) => r.finishedAt);
  const elapsed = Date.now() - since.getTime();
  expect(done.length).toBeGreaterThanOrEqual(2);
  // Two workers each running the job on its own schedule would give about twice as many runs.
  expect(done.length).toBeLessThanOrEqual(Math.ceil(elapsed / REFRESH_EVERY_MS) + 1);
  for (let i = 1; i < done.length; i++)
    expect(done[i].startedAt.getTime()).toBeGreaterThanOrEqual(done[i - 1].finishedAt!.getTime());
}, 60_000);
