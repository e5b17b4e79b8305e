// First contact: `clara-monitor serve` with no MONGODB_URI starts its own store (FerretDB forced
// here), never leaves it running after it stops or is killed, keeps the data, and refuses a second
// service on the same data folder; where no store can run, it says how to get one.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildCli, isRunning, startCli, waitForOutput, type CliProcess } from '../support/cli-process.js';

const START_MS = 60_000;
const MODEL = 'first-contact';
const dataDir = mkdtempSync(join(tmpdir(), 'clara-embedded-'));
const env = { CLARA_DATA_DIR: dataDir, CLARA_EMBEDDED: 'ferretdb', CLARA_DEMO: '0', PORT: '0', LOG_LEVEL: 'info' };
const running: CliProcess[] = [];

beforeAll(() => buildCli(), 180_000);
afterAll(async () => {
  for (const cli of running) cli.child.kill('SIGKILL');
  await Promise.all(running.map((cli) => cli.exited));
  rmSync(dataDir, { recursive: true, force: true });
});

interface Served {
  cli: CliProcess;
  url: string;
  storePid: number;
}

async function serve(): Promise<Served> {
  const cli = startCli(env);
  running.push(cli);
  const [, url] = await waitForOutput(cli, /dashboard: (http:\/\/\S+)\//, START_MS);
  const [, pid] = await waitForOutput(cli, /"pid":(\d+)[^\n]*"msg":"embedded database: FerretDB"/, 1000);
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
  return { cli, url, storePid: Number(pid) };
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

async function modelNames(url: string): Promise<string[]> {
  return (await gql<{ models: { name: string }[] }>(url, '{ models { name } }')).models.map((m) => m.name);
}

async function stopped(served: Served, signal: NodeJS.Signals): Promise<void> {
  served.cli.child.kill(signal);
  await served.cli.exited;
  // The store notices its parent is gone within a fraction of a second.
  await expect.poll(() => isRunning(served.storePid), { timeout: 5_000 }).toBe(false);
}

test('serve runs on the FerretDB store, stops it on SIGTERM and kill -9, keeps its data and guards the folder', async () => {
  const first = await serve();
  const recorded = await gql<{ recordPredictions: { accepted: number } }>(
    first.url,
    'mutation($p:[PredictionInput!]!){ recordPredictions(predictions:$p){ accepted } }',
    { p: [{ model: MODEL, id: 'p1', predictedAt: '2026-01-01T10:00:00Z', predicted: 'cat', actual: 'cat' }] },
  );
  expect(recorded.recordPredictions.accepted).toBe(1);
  await expect.poll(() => modelNames(first.url), { timeout: 30_000 }).toContain(MODEL);

  const second = startCli(env);
  running.push(second);
  expect(await second.exited).toBe(1);
  expect(second.output()).toContain(
    `The data folder ${dataDir} is in use by another clara-monitor (pid ${first.cli.child.pid})`,
  );

  await stopped(first, 'SIGTERM');
  const restarted = await serve();
  expect(await modelNames(restarted.url)).toContain(MODEL);

  await stopped(restarted, 'SIGKILL');
  const afterKill = await serve();
  expect(await modelNames(afterKill.url)).toContain(MODEL);
  await stopped(afterKill, 'SIGTERM');
}, 240_000);

test('with no mongod, no download host and no Go, serve exits 1 naming the three ways out', async () => {
  const home = mkdtempSync(join(tmpdir(), 'clara-no-store-'));
  const emptyPath = join(home, 'bin');
  mkdirSync(emptyPath);
  try {
    const cli = startCli({
      PATH: emptyPath,
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      CLARA_DATA_DIR: join(home, 'data'),
      MONGOMS_DOWNLOAD_MIRROR: 'http://127.0.0.1:9',
      PORT: '0',
    });
    running.push(cli);
    expect(await cli.exited).toBe(1);
    const out = cli.output();
    expect(out).toContain('No embedded database could start:');
    expect(out).toContain('- mongod on this machine: no mongod on PATH and MONGOMS_SYSTEM_BINARY is not set');
    expect(out).toContain(
      '- mongod from mongodb-memory-server: not in its cache, and http://127.0.0.1:9 did not answer within 5 s',
    );
    expect(out).toContain('- FerretDB: no Go toolchain (`go` is not on PATH)');
    expect(out).toMatch(/set MONGODB_URI[^\n]*\n[^\n]*set MONGOMS_SYSTEM_BINARY[^\n]*\n[^\n]*install the Go toolchain/);
    expect(existsSync(join(home, 'data', 'clara-monitor.pid'))).toBe(false);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}, 60_000);
