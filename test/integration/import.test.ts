// `clara-monitor import` against the test database, checked through the GraphQL API.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { importCommand } from '../../server/cli/commands/import.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabase } from '../support/db.js';

const LONG = 'x'.repeat(300);
const CSV = [
  'id,model,predictedAt,predicted,confidence,actual,validatedAt,note',
  'p1,,2026-03-01T10:00:00Z,a.b,0.9,a.b,,plain',
  'p2,,2026-03-01T11:00:00Z,$x,0.8,,,"a note, with a comma',
  'and a second line"',
  'p3,,2026-03-01T12:00:00Z,a b,0.7,ñandú,2026-03-02T00:00:00Z,validated with its own date',
  'p4,,2026-03-02T09:00:00Z,ñandú,1.5,,,confidence out of range',
  'p5,,yesterday,🦜,,,,bad date',
  'p6,,2026-03-02T10:00:00Z,🦜,0.6,,,',
  '"p,""7""",,2026-03-02T11:00:00Z,"a b",,"a b",,quoted id',
  `p8,,2026-03-02T12:00:00Z,${LONG},,,,label too long`,
  'p9,,2099-01-01T00:00:00Z,a.b,,,,future',
  'p2,,,,,$x,,validation of a prediction above',
  'p6,,,,,a.b,,',
  'ghost,,,,,a.b,,no prediction yet: waits for it',
  'p1,,,,,,,neither',
  'p10,,2026-03-02T13:00:00Z,ñandú,0.5,,',
  '',
].join('\n');
// Lines (1-based) the CSV import must refuse, with the field each reason names.
const CSV_REJECTED: [number, RegExp][] = [
  [6, /^confidence: must be a number in \[0, 1\]/],
  [7, /^predictedAt: must be an ISO-8601 instant/],
  [10, /^predicted: must be at most 256 characters/],
  [11, /^predictedAt: is more than a day in the future/],
  [15, /^predicted: missing/],
  [16, /^has 7 fields, the header has 8/],
];

// Another model, in batches of 2, with validations before and after the predictions they refer to.
const JSONL = [
  '{"id":"j1","model":"jm","predictedAt":"2026-03-01T08:00:00+02:00","predicted":"🦜","confidence":0.4}',
  '{"id":"j1","model":"jm","actual":"$x"}',
  '{"id":"j2","model":"jm","predictedAt":"2026-03-01T09:00:00Z","predicted":"$x","actual":"$x"}',
  '',
  '{"id":"j3","model":"jm","predictedAt":"2026-03-01T09:30:00Z","predicted":"a.b"}',
  'not json',
  '{"id":"j3","model":"jm","actual":"a.b"}',
  '{"id":"j4","model":"jm","predictedAt":"2026-03-01T10:00:00Z","predicted":""}',
  '{"id":"j3","model":"jm","actual":"🦜"}',
].join('\n');

const TRAINING = 'label,count\na.b,10\n$x,20\na b,30\nñandú,40\n🦜,50\n$x,1\n';

let app: TestApp;
let dir: string;
/** The summary each file's first import printed (file paths included). */
const firstRuns = new Map<string, string>();
const saved = { ...process.env };

beforeAll(async () => {
  const { uri, dbName } = testDatabase('import');
  Object.assign(process.env, { MONGODB_URI: uri, MONGODB_DB: dbName, LOG_LEVEL: 'silent' });
  app = await startTestApp('import', { MONGODB_DB: dbName });
  dir = mkdtempSync(join(tmpdir(), 'clara-import-'));
  writeFileSync(join(dir, 'history.csv'), `\ufeff${CSV}`);
  writeFileSync(join(dir, 'jm.jsonl'), JSONL);
  writeFileSync(join(dir, 'training.csv'), TRAINING);
});

afterAll(async () => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
  await app.close();
});

async function runImport(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await importCommand.run(args.map((a) => (a.includes('.') && !a.startsWith('-') ? join(dir, a) : a)));
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const rejections = (out: string): [number, string][] =>
  [...out.matchAll(/^ {2}line (\d+): (.*)$/gm)].map((m) => [Number(m[1]), m[2]]);

const RANGE = { from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' };
const STATE = `query($r: TimeRangeInput!, $m: String) {
  models { name predictions validated }
  confusionMatrix(range: $r, model: $m) { labels counts }
  predicted: sampleDistribution(range: $r, model: $m, by: PREDICTED) { label count }
  actual: sampleDistribution(range: $r, model: $m, by: ACTUAL) { label count }
  trainingDistribution(model: $m) { label count }
}`;

async function state(model: string | null) {
  const res = await app.gql<Record<string, unknown>>(STATE, { r: RANGE, m: model });
  expect(res.errors).toBeUndefined();
  return res.data;
}

describe('clara-monitor import', () => {
  test('imports a CSV file, reporting each refused line with its number and reason', async () => {
    const { code, out } = await runImport('history.csv');
    expect(code).toBe(1);
    expect(out).toContain('14 lines read, 8 accepted, 6 rejected');
    firstRuns.set('history.csv', out);
    expect(out).toContain('ignored columns: "note"');
    const found = rejections(out);
    expect(found.map(([line]) => line)).toEqual(CSV_REJECTED.map(([line]) => line));
    found.forEach(([, message], i) => expect(message).toMatch(CSV_REJECTED[i][1]));

    const data = await state(null);
    expect(data?.models).toContainEqual({ name: 'default', predictions: 5, validated: 5 });
    expect(data?.predicted).toEqual([
      { label: 'a b', count: 2 },
      { label: '$x', count: 1 },
      { label: 'a.b', count: 1 },
      { label: '🦜', count: 1 },
    ]);
    const p3 = await app.runtime.stores.predictions.collection.findOne({ id: 'p3' });
    expect(p3).toMatchObject({ actual: 'ñandú', validatedAt: new Date('2026-03-02T00:00:00Z') });
    // p1 a.b→a.b, p2 $x→$x, p3 a b→ñandú (its own validatedAt), p,"7" a b→a b, p6 🦜→a.b
    expect(data?.confusionMatrix).toEqual({
      labels: ['$x', 'a b', 'a.b', 'ñandú', '🦜'],
      counts: [
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 0, 1, 0, 1],
        [0, 1, 0, 0, 0],
        [0, 0, 0, 0, 0],
      ],
    });
  });

  test('imports JSON Lines in small batches, validations finding predictions above them', async () => {
    const { code, out } = await runImport('jm.jsonl', '--batch', '2');
    expect(code).toBe(1);
    expect(out).toContain('8 lines read, 6 accepted, 2 rejected');
    firstRuns.set('jm.jsonl', out);
    expect(rejections(out)).toEqual([
      [6, expect.stringMatching(/^not valid JSON/)],
      [8, 'predicted: missing'],
    ]);
    const data = await state('jm');
    expect(data?.models).toContainEqual({ name: 'jm', predictions: 3, validated: 3 });
    // j1 🦜→$x, j2 $x→$x, j3 a.b→🦜 (the later validation is a correction)
    expect(data?.actual).toEqual([
      { label: '$x', count: 2 },
      { label: '🦜', count: 1 },
    ]);
  });

  test('imports training-set class counts with --training', async () => {
    const { code, out } = await runImport('training.csv', '--training');
    expect(code).toBe(1);
    expect(rejections(out)).toEqual([[7, 'label: "$x" is already counted on line 3']]);
    firstRuns.set('training.csv', out);
    expect(out).toContain('training distribution of model "default": 5 classes');
    expect((await state(null))?.trainingDistribution).toEqual([
      { label: '🦜', count: 50 },
      { label: 'ñandú', count: 40 },
      { label: 'a b', count: 30 },
      { label: '$x', count: 20 },
      { label: 'a.b', count: 10 },
    ]);
  });

  test('re-running the same imports changes nothing and reports the same lines', async () => {
    const rows = () => app.runtime.db.collection('predictions').countDocuments();
    const before = { default: await state(null), jm: await state('jm'), rows: await rows() };
    for (const args of [['history.csv'], ['jm.jsonl', '--batch', '2'], ['training.csv', '--training']]) {
      const again = await runImport(...args);
      expect(again.code).toBe(1);
      expect(again.out).toBe(firstRuns.get(args[0]));
    }
    expect({ default: await state(null), jm: await state('jm'), rows: await rows() }).toEqual(before);
    expect(before.rows).toBe(8);
  });

  test('a file with nothing wrong exits 0; --model names the model of lines without one', async () => {
    writeFileSync(join(dir, 'clean.csv'), 'id,predictedAt,predicted,actual\nc1,2026-03-01T00:00:00Z,🦜,🦜\n');
    const { code, out } = await runImport('clean.csv', '--model', 'clean');
    expect(code).toBe(0);
    expect(out).toContain('1 lines read, 1 accepted, 0 rejected');
    expect((await state('clean'))?.actual).toEqual([{ label: '🦜', count: 1 }]);
  });

  test.each([
    [[], /name the file to import/],
    [['missing.csv'], /no such file/],
    [['history.csv', '--batch', '0'], /--batch must be a whole number from 1 to 10000/],
    [['history.csv', '--batch', '10001'], /--batch must be a whole number/],
    [['history.csv', '--bogus'], /Unknown option '--bogus'/],
    [['history.csv', '--model', ''], /--model: must not be empty/],
    [['jm.jsonl', 'history.csv'], /one file at a time/],
  ])('usage error %j exits 2', async (args, message) => {
    const { code, err } = await runImport(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('usage: clara-monitor import FILE');
  });

  test('a CSV header without the columns needed exits 2 and says which', async () => {
    expect(await runImport('training.csv')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/must name the column id.*needs --training/),
    });
    writeFileSync(
      join(dir, 'latin1.csv'),
      Buffer.from('id,predictedAt,predicted\n1,2026-03-01T00:00:00Z,\xf1\n', 'latin1'),
    );
    expect(await runImport('latin1.csv')).toMatchObject({ code: 2, err: expect.stringContaining('not UTF-8 text') });
  });
});
