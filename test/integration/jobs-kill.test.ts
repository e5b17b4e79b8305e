// kill -9 in the middle of log-profiles loses and duplicates nothing: the lock expires, the next
// run finishes the work, and the result is what one uninterrupted run writes.
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { wire } from '../../server/wiring.js';
import { pick, seeded } from '../support/random.js';
import { testDatabase } from '../support/db.js';
import { startWorker, type WorkerProcess } from '../support/worker-process.js';

const MODELS = ['m1', 'm2'];
const HOURS = 20;
const START = Date.parse('2026-01-10T00:00:00Z');
const log = createLogger('silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, what: string, worker: WorkerProcess): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (await condition()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}; the worker said:\n${worker.output()}`);
}

let client: MongoClient;
const dbNames: string[] = [];

beforeAll(async () => {
  client = await MongoClient.connect(inject('mongoUri'));
});
afterAll(async () => {
  for (const name of dbNames) await client.db(name).dropDatabase();
  await client.close();
});

/** The same predictions in a fresh database: a few per hour, some validated. */
async function seed(prefix: string): Promise<{ db: Db; dbName: string }> {
  const { dbName } = testDatabase(prefix);
  dbNames.push(dbName);
  const db = client.db(dbName);
  const { services, jobs } = await wire(db, parseConfig({}), log);
  const random = seeded(5);
  for (const model of MODELS) {
    const predictions = Array.from({ length: HOURS * 3 }, (_, i) => {
      const predicted = pick(random, ['a', 'b', 'c']);
      return {
        id: `${model}-${i}`,
        model,
        predictedAt: new Date(START + Math.floor(i / 3) * 3600_000 + Math.floor(random() * 3600_000)),
        predicted,
        actual: random() < 0.5 ? pick(random, ['a', 'b', 'c']) : null,
        confidence: Math.round(random() * 100) / 100,
      };
    });
    await services.ingest.recordPredictions(predictions);
  }
  // Ingestion kept the rollups current; only log-profiles is wanted in the worker.
  await jobs.setEnabled('refresh-rollups', false);
  await jobs.setEnabled('upload-profiles', false);
  return { db, dbName };
}

/** Everything log-profiles produced, without the bytes (they carry their creation time). */
async function outcome(db: Db): Promise<{ profiles: string[]; manifests: string[] }> {
  const profiles = await db
    .collection('profiles')
    .find({}, { projection: { bytes: 0 } })
    .toArray();
  const byId = new Map(profiles.map((p) => [String(p._id), `${p.model} ${p.windowStart.toISOString()} #${p.seq}`]));
  const manifests = await db.collection('profile_manifests').find().toArray();
  return {
    profiles: profiles.map((p) => `${byId.get(String(p._id))} rows=${p.rows} validated=${p.validated}`).sort(),
    manifests: manifests
      .map(
        (m) =>
          `${byId.get(String(m.profileId)) ?? 'ORPHAN'} p=${[...m.predictions].sort().join(',')} v=${[...m.validations].sort().join(',')}`,
      )
      .sort(),
  };
}

test('a worker killed with SIGKILL mid-run leaves work the next worker completes exactly', async () => {
  const { db, dbName } = await seed('kill');
  const env = {
    MONGODB_URI: inject('mongoUri'),
    MONGODB_DB: dbName,
    LOG_LEVEL: 'info',
    CLARA_JOBS_LOCK_LIFETIME: '1500 ms',
    CLARA_JOBS_POLL_EVERY: '100 ms',
    CLARA_JOB_LOG_PROFILES_EVERY: '1 second',
  };
  const profiles = db.collection('profiles');
  const runs = db.collection('job_runs');

  const first = await startWorker(env);
  await until(async () => (await profiles.countDocuments()) > 0, 'the first profile', first);
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  const atKill = await profiles.countDocuments();
  expect(atKill, 'the kill came after the run had finished; the test needs more data').toBeLessThan(
    MODELS.length * HOURS,
  );
  const killed = await runs.findOne({ job: 'log-profiles', status: 'RUNNING' });
  expect(killed).not.toBeNull();

  const second = await startWorker(env);
  await until(
    async () => (await runs.findOne({ job: 'log-profiles', status: 'SUCCEEDED' })) !== null,
    'a finished run',
    second,
  );
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);

  expect(await runs.findOne({ _id: killed!._id })).toMatchObject({
    status: 'FAILED',
    error: expect.stringContaining('interrupted'),
  });
  const reference = await seed('kill_ref');
  const { jobs } = await wire(reference.db, parseConfig({}), log);
  expect((await jobs.runNow('log-profiles')).status).toBe('SUCCEEDED');
  const expected = await outcome(reference.db);
  expect(expected.profiles).toHaveLength(MODELS.length * HOURS);
  expect(await outcome(db)).toEqual(expected);
}, 120_000);
