// log-profiles through the API: a profile per model and closed hour, delta profiles for what
// arrives later, files whylogs 1.6.4 reads and merges back into our own figures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { pick, seeded } from '../support/random.js';
import { runPythonHelper } from '../whylogs/python.js';

interface ProfileView {
  id: string;
  model: string;
  windowStart: string;
  windowEnd: string;
  seq: number;
  rows: number;
  validated: number;
  size: number;
  upload: string;
  uploadedAt: string | null;
  downloadUrl: string;
}
interface Row {
  id: string;
  model: string;
  predictedAt: string;
  predicted: string;
  actual: string | null;
  confidence: number | null;
}
interface WindowRead {
  datasetTimestamp: number;
  metadata: Record<string, string>;
  columns: Record<string, { n: number; null: number }>;
  classification: { accuracy: number; macro: { precision: number; recall: number; f1: number } } | null;
}

const HOURS = ['2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z', '2026-01-01T12:00:00.000Z'];
const DAY = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };
const PROFILE_FIELDS = 'id model windowStart windowEnd seq rows validated size upload uploadedAt downloadUrl';
const LABELS = ['cat', 'dog', 'bird'];

let app: TestApp;
const rows: Row[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'clara-profiles-'));

beforeAll(async () => {
  app = await startTestApp('jobs_profiles');
  const random = seeded(11);
  for (const model of ['alpha', 'beta']) {
    HOURS.forEach((hour, h) => {
      for (let i = 0; i < 30 + h * 7; i++) {
        const predicted = pick(random, LABELS);
        rows.push({
          id: `${model}-${h}-${i}`,
          model,
          predictedAt: new Date(Date.parse(hour) + Math.floor(random() * 3600_000)).toISOString(),
          predicted,
          actual: random() < 0.6 ? (random() < 0.7 ? predicted : pick(random, LABELS)) : null,
          confidence: random() < 0.1 ? null : Math.round(random() * 1000) / 1000,
        });
      }
    });
  }
  const res = await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, {
    p: rows,
  });
  expect(res.errors).toBeUndefined();
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await app.close();
});

async function logProfiles(): Promise<string> {
  const res = await app.gql<{ runJob: { status: string; summary: string } }>(
    `mutation { runJob(name: "log-profiles") { status summary error } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.runJob.status).toBe('SUCCEEDED');
  return res.data!.runJob.summary;
}

async function profiles(model?: string): Promise<ProfileView[]> {
  const res = await app.gql<{ profiles: ProfileView[] }>(
    `query($r: TimeRangeInput!, $m: String) { profiles(range: $r, model: $m) { ${PROFILE_FIELDS} } }`,
    { r: DAY, m: model },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.profiles;
}

const inHour = (row: Row, hour: string) =>
  row.predictedAt >= hour && Date.parse(row.predictedAt) < Date.parse(hour) + 3600_000;

test('the first run profiles every closed hour of every model: its predictions and the validations known then', async () => {
  expect(await logProfiles()).toMatch(/, 6 profiles written \(/);
  const list = await profiles();
  expect(list).toHaveLength(6);
  for (const model of ['alpha', 'beta']) {
    for (const hour of HOURS) {
      const p = list.find((x) => x.model === model && x.windowStart === hour)!;
      const held = rows.filter((r) => r.model === model && inHour(r, hour));
      expect(p).toMatchObject({
        seq: 1,
        rows: held.length,
        validated: held.filter((r) => r.actual !== null).length,
        upload: 'NOT_CONFIGURED',
        uploadedAt: null,
      });
      expect(p.windowEnd).toBe(new Date(Date.parse(hour) + 3600_000).toISOString());
      expect(p.downloadUrl).toBe(`/profiles/${p.id}.bin`);
    }
  }
  expect((await profiles('beta')).every((p) => p.model === 'beta')).toBe(true);
  expect(await profiles('gamma')).toEqual([]);
  expect(await logProfiles()).toMatch(/, 0 profiles written \(/);
});

test('late validations (even stamped in the past) and late predictions go into delta profiles, never twice', async () => {
  const late = rows
    .filter((r) => r.model === 'alpha' && r.actual === null && (inHour(r, HOURS[0]) || inHour(r, HOURS[2])))
    .slice(0, 9);
  for (const r of late) r.actual = r.predicted === 'cat' ? 'dog' : 'cat';
  const validations = late.map((r) => ({
    id: r.id,
    model: 'alpha',
    actual: r.actual,
    validatedAt: '2025-12-31T00:00:00Z',
  }));
  expect(
    (
      await app.gql(`mutation($v:[ValidationInput!]!){ recordValidations(validations:$v){ accepted } }`, {
        v: validations,
      })
    ).errors,
  ).toBeUndefined();
  const extra: Row = {
    id: 'alpha-late',
    model: 'alpha',
    predictedAt: '2026-01-01T11:59:59.000Z',
    predicted: 'dog',
    actual: 'dog',
    confidence: 0.5,
  };
  rows.push(extra);
  expect(
    (await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, { p: [extra] }))
      .errors,
  ).toBeUndefined();
  // An hour that is still open is left for later.
  const now = new Date().toISOString();
  await app.gql(`mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }`, {
    p: [{ id: 'open', model: 'alpha', predictedAt: now, predicted: 'cat' }],
  });

  expect(await logProfiles()).toMatch(/, 3 profiles written \(1 predictions, 10 validations\)$/);
  const deltas = (await profiles('alpha')).filter((p) => p.seq === 2);
  const lateIn = (hour: string) => late.filter((r) => inHour(r, hour)).length;
  expect(deltas.map((p) => [p.windowStart, p.rows, p.validated])).toEqual([
    [HOURS[0], 0, lateIn(HOURS[0])],
    [HOURS[1], 1, 1],
    [HOURS[2], 0, lateIn(HOURS[2])],
  ]);
  expect(await logProfiles()).toMatch(/, 0 profiles written \(/);
});

test('whylogs reads every profile file and merging a window reproduces our figures for it', async () => {
  const list = await profiles('alpha');
  const files = await Promise.all(
    list.map(async (p) => {
      const res = await fetch(`${app.url}${p.downloadUrl}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.length).toBe(p.size);
      const path = join(tmp, `${p.id}.bin`);
      writeFileSync(path, bytes);
      return path;
    }),
  );
  const read = runPythonHelper<{ windows: WindowRead[] }>('read_profiles.py', files);
  expect(read.windows.map((w) => new Date(w.datasetTimestamp).toISOString())).toEqual(HOURS);
  for (const window of read.windows) {
    const hour = new Date(window.datasetTimestamp).toISOString();
    const end = new Date(window.datasetTimestamp + 3600_000).toISOString();
    const res = await app.gql<{
      metrics: {
        overall: {
          predictions: number;
          validated: number;
          accuracy: number;
          precision: number;
          recall: number;
          f1: number;
        };
      };
    }>(
      `query($r: TimeRangeInput!) { metrics(range: $r, model: "alpha") { overall { predictions validated accuracy precision recall f1 } } }`,
      { r: { from: hour, to: end } },
    );
    const ours = res.data!.metrics.overall;
    expect(window.metadata.model).toBe('alpha');
    expect(window.columns.predicted.n).toBe(ours.predictions);
    expect(window.columns.actual.n).toBe(ours.validated);
    expect(window.columns.confidence.null).toBe(
      rows.filter((r) => r.model === 'alpha' && inHour(r, hour) && r.confidence === null).length,
    );
    expect(window.classification!.accuracy).toBeCloseTo(ours.accuracy, 12);
    expect(window.classification!.macro.precision).toBeCloseTo(ours.precision, 12);
    expect(window.classification!.macro.recall).toBeCloseTo(ours.recall, 12);
    expect(window.classification!.macro.f1).toBeCloseTo(ours.f1, 12);
  }
});

test('a label correction after profiling adds nothing (profiles cannot retract), and unknown files are 404', async () => {
  const validated = rows.find((r) => r.model === 'alpha' && r.actual !== null && inHour(r, HOURS[1]))!;
  const v = [{ id: validated.id, model: 'alpha', actual: validated.actual === 'cat' ? 'bird' : 'cat' }];
  await app.gql(`mutation($v:[ValidationInput!]!){ recordValidations(validations:$v){ accepted } }`, { v });
  expect(await logProfiles()).toMatch(/, 0 profiles written \(/);
  expect((await fetch(`${app.url}/profiles/0123456789abcdef01234567.bin`)).status).toBe(404);
  const bad = await app.gql(`{ profiles(range: {from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z"}) { id } }`);
  expect(bad.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'range' });
});
