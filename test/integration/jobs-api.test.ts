// The jobs as an API user sees them: list, run now, history, switching off and on.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

interface JobView {
  name: string;
  description: string;
  interval: string | null;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  status: string;
  failCount: number;
  failReason: string | null;
}
interface RunView {
  id: string;
  job: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  summary: string | null;
  error: string | null;
}

const JOB_FIELDS = 'name description interval nextRunAt lastRunAt lastFinishedAt status failCount failReason';
const RUN_FIELDS = 'id job trigger startedAt finishedAt status summary error';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('jobs_api', { CLARA_JOB_UPLOAD_PROFILES_EVERY: '10 minutes' });
});
afterAll(() => app.close());

async function jobs(): Promise<Map<string, JobView>> {
  const res = await app.gql<{ jobs: JobView[] }>(`{ jobs { ${JOB_FIELDS} } }`);
  expect(res.errors).toBeUndefined();
  return new Map(res.data!.jobs.map((j) => [j.name, j]));
}

async function runJob(name: string): Promise<RunView> {
  const res = await app.gql<{ runJob: RunView }>(`mutation($n: String!) { runJob(name: $n) { ${RUN_FIELDS} } }`, {
    n: name,
  });
  expect(res.errors).toBeUndefined();
  return res.data!.runJob;
}

test('lists the jobs with their intervals, before any run', async () => {
  const list = await jobs();
  const intervals = Object.fromEntries([...list.values()].map((j) => [j.name, j.interval]));
  expect(intervals).toMatchObject({
    'refresh-rollups': '1 minute',
    'log-profiles': '1 hour',
    'upload-profiles': '10 minutes',
  });
  for (const job of list.values()) {
    expect(job.description.length).toBeGreaterThan(20);
    expect(job).toMatchObject({
      status: 'SCHEDULED',
      failCount: 0,
      failReason: null,
      lastRunAt: null,
      lastFinishedAt: null,
    });
  }
});

test('runJob runs now and returns the finished run, which the history and the job then show', async () => {
  await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, {
    p: [{ id: 'a', predictedAt: '2026-01-01T10:00:00Z', predicted: 'cat', actual: 'cat' }],
  });
  const run = await runJob('refresh-rollups');
  expect(run).toMatchObject({ job: 'refresh-rollups', trigger: 'MANUAL', status: 'SUCCEEDED', error: null });
  // Our own collection: every write is journaled, so the job drains the journal and scans nothing.
  expect(run.summary).toBe('journal drained; no scan for direct writes (CLARA_WATCH_DIRECT_WRITES is off)');
  expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));

  const second = await runJob('refresh-rollups');
  const history = await app.gql<{ jobRuns: RunView[] }>(`{ jobRuns(job: "refresh-rollups") { ${RUN_FIELDS} } }`);
  expect(history.data!.jobRuns.map((r) => r.id)).toEqual([second.id, run.id]);
  const all = await app.gql<{ jobRuns: RunView[] }>(`{ jobRuns(limit: 1) { id } }`);
  expect(all.data!.jobRuns).toEqual([{ id: second.id }]);

  const job = (await jobs()).get('refresh-rollups')!;
  expect(job).toMatchObject({
    status: 'SUCCEEDED',
    lastRunAt: second.startedAt,
    lastFinishedAt: second.finishedAt,
    failCount: 0,
  });
});

test('unknown job names and bad limits are BAD_USER_INPUT naming the argument', async () => {
  const run = await app.gql(`mutation { runJob(name: "nope") { id } }`);
  expect(run.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
  expect(run.errors?.[0].message).toContain('refresh-rollups');
  const enable = await app.gql(`mutation { setJobEnabled(name: "nope", enabled: false) { name } }`);
  expect(enable.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
  const runs = await app.gql(`{ jobRuns(job: "nope") { id } }`);
  expect(runs.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'job' });
  const limit = await app.gql(`{ jobRuns(limit: 0) { id } }`);
  expect(limit.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'limit' });
});

test('mutations need the API token', async () => {
  for (const mutation of [
    `mutation { runJob(name: "refresh-rollups") { id } }`,
    `mutation { setJobEnabled(name: "log-profiles", enabled: false) { name } }`,
  ]) {
    const res = await app.gql(mutation, {}, null);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  }
  expect((await jobs()).get('log-profiles')!.status).not.toBe('DISABLED');
});

test('setJobEnabled switches the schedule off and on; a disabled job still runs on demand', async () => {
  const off = await app.gql<{ setJobEnabled: JobView }>(
    `mutation { setJobEnabled(name: "log-profiles", enabled: false) { ${JOB_FIELDS} } }`,
  );
  expect(off.errors).toBeUndefined();
  expect(off.data!.setJobEnabled).toMatchObject({ name: 'log-profiles', status: 'DISABLED', nextRunAt: null });
  expect((await jobs()).get('log-profiles')!.status).toBe('DISABLED');
  expect((await runJob('log-profiles')).status).toBe('SUCCEEDED');
  expect((await jobs()).get('log-profiles')!.status).toBe('DISABLED');

  const on = await app.gql<{ setJobEnabled: JobView }>(
    `mutation { setJobEnabled(name: "log-profiles", enabled: true) { ${JOB_FIELDS} } }`,
  );
  expect(on.data!.setJobEnabled.status).toBe('SUCCEEDED');
  expect(on.data!.setJobEnabled.nextRunAt).not.toBeNull();
});
