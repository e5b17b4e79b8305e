// kill -9 of the CLI in the middle of an import and of a full refresh: after the work is run
// again, every rollup block equals a recomputation from the raw rows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { rawOf, startTestApp, type TestApp } from '../support/app.js';
import { buildCli, startCli, type CliProcess } from '../support/cli-process.js';
import { expectRollupsEqualRaw } from '../support/rollups-check.js';
import { pick, seeded } from '../support/random.js';

// Two databases: processes sharing one must share its field mapping too.
const DB = `t_kill_${randomBytes(4).toString('hex')}`;
const MAPPED_DB = `${DB}_mapped`;
const MAPPED = { CLARA_PREDICTIONS_COLLECTION: 'app_rows', CLARA_FIELD_ID: 'requestId' };
let app: TestApp;
let mapped: TestApp;

beforeAll(async () => {
  await buildCli();
  app = await startTestApp('kill', { MONGODB_DB: DB });
  mapped = await startTestApp('kill', { MONGODB_DB: MAPPED_DB, ...MAPPED });
}, 300_000);
afterAll(async () => {
  await mapped?.close();
  await app?.close();
});

const cliEnv = (extra: Record<string, string> = {}) => ({
  MONGODB_URI: inject('mongoUri'),
  MONGODB_DB: DB,
  LOG_LEVEL: 'silent',
  ...extra,
});

async function waitUntil(check: () => Promise<boolean>, cli: CliProcess, what: string): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (!(await check())) {
    if (cli.child.exitCode !== null) throw new Error(`the CLI finished before ${what}:\n${cli.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${cli.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function killed(cli: CliProcess): Promise<void> {
  cli.child.kill('SIGKILL');
  expect(await cli.exited).toBe('SIGKILL');
}

test('an import killed midway and run again leaves rollups equal to the raw rows', async () => {
  const random = seeded(5);
  const lines = ['id,model,predictedAt,predicted,confidence,actual'];
  for (let i = 0; i < 10_000; i++) {
    const at = new Date(Date.parse('2026-09-01T00:00:00Z') + Math.floor(random() * 20 * 86_400_000)).toISOString();
    lines.push(
      `k${i},imported,${at},${pick(random, ['a', 'b', 'c'])},${(random() * 0.9 + 0.1).toFixed(3)},${random() < 0.5 ? pick(random, ['a', 'b', 'c']) : ''}`,
    );
  }
  for (let i = 0; i < 10_000; i += 3) lines.push(`k${i},imported,,,,${pick(random, ['a', 'b'])}`);
  const file = join(mkdtempSync(join(tmpdir(), 'clara-kill-')), 'history.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);

  const predictions = app.runtime.stores.predictions.collection;
  const first = startCli(cliEnv(), ['import', file, '--batch', '500']);
  await waitUntil(
    async () => (await predictions.countDocuments({ model: 'imported' })) >= 3_000,
    first,
    '3,000 rows were imported',
  );
  await killed(first);
  expect(await predictions.countDocuments({ model: 'imported' })).toBeLessThan(10_000);

  const again = startCli(cliEnv(), ['import', file, '--batch', '500']);
  expect(await again.exited, again.output()).toBe(0);
  await app.runtime.services.rollups.settle();
  expect(await predictions.countDocuments({ model: 'imported' })).toBe(10_000);
  await expectRollupsEqualRaw(rawOf(app.runtime), 'imported');
}, 600_000);

test('a full refresh killed while it drains, then refreshed again, leaves rollups equal to the raw rows', async () => {
  const random = seeded(6);
  const rows = Array.from({ length: 15_000 }, (_, i) => ({
    model: 'direct',
    requestId: `d${i}`,
    predictedAt: new Date(Date.parse('2026-10-01T00:00:00Z') + Math.floor(random() * 30 * 86_400_000)),
    predicted: pick(random, ['x', 'y']),
    ...(random() < 0.5 ? { actual: pick(random, ['x', 'y']), validatedAt: new Date() } : {}),
  }));
  const collection = mapped.runtime.stores.predictions.collection;
  for (let i = 0; i < rows.length; i += 5000) await collection.insertMany(rows.slice(i, i + 5000));
  const leases = mapped.runtime.db.collection<{ key: string; owner: string; releasedAt: Date | null }>('leases');
  const ours = new Set((await leases.find({ key: 'rollups' }).toArray()).map((l) => l.owner));

  const refresh = startCli(cliEnv({ ...MAPPED, MONGODB_DB: MAPPED_DB }), ['refresh', '--full']);
  await waitUntil(
    async () => (await leases.countDocuments({ key: 'rollups', releasedAt: null, owner: { $nin: [...ours] } })) > 0,
    refresh,
    'the refresh took the rollups lease',
  );
  await killed(refresh);

  // The killed holder's lease expires by itself; the next refresh then does the work.
  await mapped.runtime.services.rollups.refresh(true);
  await mapped.runtime.services.rollups.settle();
  await expectRollupsEqualRaw(rawOf(mapped.runtime), 'direct');
}, 600_000);
