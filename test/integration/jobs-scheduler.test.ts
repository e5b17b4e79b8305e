// The scheduler on the test database (FerretDB unless MONGODB_URI says otherwise): several
// processes share one database and a job never runs twice at once; history, failures, switches.
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.js';
import { INTERNAL_REASON, PublicError } from '../../server/core/public-error.js';
import type { JobDefinition } from '../../server/jobs/job.js';
import { createLogger } from '../../server/logger.js';
import { JobService } from '../../server/jobs/service.js';
import { wire } from '../../server/wiring.js';
import { testDatabase } from '../support/db.js';

const log = createLogger('silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FAST = { intervals: {}, lockLifetimeMs: 2000, pollMs: 100 };

interface Execution {
  owner: string;
  start: number;
  end: number;
}

const clients: MongoClient[] = [];
let dbName = '';
beforeAll(() => {
  dbName = testDatabase('jobs_sched').dbName;
});
afterAll(async () => {
  await clients[0]?.db(dbName).dropDatabase();
  for (const client of clients) await client.close();
});

/** A separate connection per "process", as two servers would have. */
async function processDb(): Promise<Db> {
  const client = await MongoClient.connect(inject('mongoUri'));
  clients.push(client);
  return client.db(dbName);
}

async function jobService(owner: string, definitions: JobDefinition[], config = FAST): Promise<JobService> {
  const db = await processDb();
  const { stores, services } = await wire(db, parseConfig({}), log);
  return new JobService(
    { definitions, context: services, runs: stores.jobRuns, leases: stores.leases, backend: stores.agendaBackend, log },
    { ...config, owner },
  );
}

function ticker(executions: Execution[], owner: string, name = 'tick'): JobDefinition {
  return {
    name,
    description: 'records when it runs',
    every: 300,
    async run() {
      const start = Date.now();
      await sleep(120);
      executions.push({ owner, start, end: Date.now() });
      return `ticked by ${owner}`;
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await sleep(100);
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

/** Waits until the job-runs record holds `count` finished runs of `job`. */
async function untilRecorded(jobs: JobService, job: string, count: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await jobs.history(job, count)).filter((r) => r.status === 'SUCCEEDED').length >= count) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${count} recorded runs of ${job}`);
}

test('four schedulers on one database never run the job at the same time, and every run is recorded once', async () => {
  const executions: Execution[] = [];
  const schedulers = await Promise.all(
    ['a', 'b', 'c', 'd'].map((owner) => jobService(owner, [ticker(executions, owner)])),
  );
  await Promise.all(schedulers.map((s) => s.start()));
  await until(() => executions.length >= 12, 'twelve runs');
  await Promise.all(schedulers.map((s) => s.close()));
  const a = schedulers[0];

  const sorted = [...executions].sort((x, y) => x.start - y.start);
  for (let i = 1; i < sorted.length; i++)
    expect(sorted[i].start, `run ${i} started before run ${i - 1} ended`).toBeGreaterThanOrEqual(sorted[i - 1].end);
  const runs = await a.history('tick', 1000);
  expect(runs.every((r) => r.status === 'SUCCEEDED' && r.trigger === 'SCHEDULE')).toBe(true);
  expect(runs.map((r) => r.summary).sort()).toEqual(sorted.map((e) => `ticked by ${e.owner}`).sort());
  expect(await (await processDb()).collection('agendaJobs').countDocuments({ name: 'tick' })).toBe(1);
});

test('a failing job is recorded with a coded reason (details only in the log); failCount counts consecutive failures until a success', async () => {
  let calls = 0;
  const flaky: JobDefinition = {
    name: 'flaky',
    description: 'fails twice',
    every: 3_600_000,
    async run() {
      calls++;
      if (calls === 1) throw new Error('connect ECONNREFUSED db.internal:27017 (mongodb://clara:s3cret@db.internal)');
      if (calls === 2) throw new PublicError('BOOM', 'boom 2');
      return 'fine';
    },
  };
  const jobs = await jobService('c', [flaky]);
  expect(await jobs.runNow('flaky')).toMatchObject({ status: 'FAILED', error: INTERNAL_REASON, summary: null });
  expect(await jobs.runNow('flaky')).toMatchObject({ status: 'FAILED', error: 'BOOM: boom 2' });
  expect((await jobs.list())[0]).toMatchObject({ status: 'FAILED', failCount: 2, failReason: 'BOOM: boom 2' });
  expect(JSON.stringify(await jobs.history('flaky', 10))).not.toMatch(/ECONNREFUSED|s3cret|db\.internal/);
  expect(await jobs.runNow('flaky')).toMatchObject({ status: 'SUCCEEDED', summary: 'fine', error: null });
  expect((await jobs.list())[0]).toMatchObject({ status: 'SUCCEEDED', failCount: 0, failReason: null });
  await jobs.close();
});

test('a disabled job stays disabled across restarts and does not run on schedule until enabled', async () => {
  const executions: Execution[] = [];
  // Each scheduler also has a witness on the same schedule: once the witness's runs are recorded,
  // the disabled job was due too, so its empty history shows it was skipped (no sleep as proof).
  const first = await jobService('d', [ticker(executions, 'd', 'quiet'), ticker([], 'd', 'witness-d')]);
  await first.setEnabled('quiet', false);
  await first.start();
  await untilRecorded(first, 'witness-d', 2);
  await first.close();
  const second = await jobService('e', [ticker(executions, 'e', 'quiet'), ticker([], 'e', 'witness-e')]);
  await second.start();
  expect((await second.list()).find((j) => j.name === 'quiet')).toMatchObject({ status: 'DISABLED', nextRunAt: null });
  await untilRecorded(second, 'witness-e', 2);
  expect(await second.history('quiet', 10)).toEqual([]);
  expect(executions).toEqual([]);
  await second.setEnabled('quiet', true);
  await until(() => executions.length > 0, 'a run after enabling');
  await second.close();
});

test('a changed interval setting is applied to the existing schedule on start', async () => {
  const executions: Execution[] = [];
  const first = await jobService('f', [ticker(executions, 'f', 'paced')]);
  await first.start();
  await first.close();
  const second = await jobService('g', [ticker(executions, 'g', 'paced')], { ...FAST, intervals: { paced: 60_000 } });
  await second.start();
  expect((await second.list())[0].interval).toBe('1 minute');
  const stored = await (await processDb()).collection('agendaJobs').findOne({ name: 'paced' });
  expect(stored?.repeatInterval).toBe(60_000);
  await second.close();
});

test('an interval setting for a job that does not exist is a configuration error', async () => {
  const db = await processDb();
  await expect(wire(db, parseConfig({ CLARA_JOB_REFRESH_ROLUPS_EVERY: '5 minutes' }), log)).rejects.toThrow(
    ConfigError,
  );
  await expect(wire(db, parseConfig({ CLARA_JOB_REFRESH_ROLUPS_EVERY: '5 minutes' }), log)).rejects.toThrow(
    /CLARA_JOB_REFRESH_ROLUPS_EVERY/,
  );
});
