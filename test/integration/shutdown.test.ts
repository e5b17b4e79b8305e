// SIGTERM on the real CLI: a request in flight is finished, not cut; new connections are refused;
// the process exits 0 with its steps logged; and a signal during start-up is handled too.
import { request } from 'node:http';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { buildCli, startCli, waitForOutput, type CliProcess } from '../support/cli-process.js';
import { testDatabase } from '../support/db.js';
import { within } from '../support/attack.js';
import { startWorker } from '../support/worker-process.js';

const TOKEN = 'shutdown-token-0123456789';
const running: CliProcess[] = [];
beforeAll(() => buildCli(), 180_000);
afterAll(async () => {
  for (const cli of running) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  await Promise.all(running.map((cli) => cli.exited));
});

function serve(env: Record<string, string>): CliProcess {
  const cli = startCli({
    PORT: '0',
    CLARA_DEMO: '0',
    LOG_LEVEL: 'info',
    CLARA_API_TOKEN: TOKEN,
    CLARA_SHUTDOWN_GRACE: '10 seconds',
    ...env,
  });
  running.push(cli);
  return cli;
}

test('a request in flight when SIGTERM comes is answered in full; then the process exits 0', async () => {
  const cli = serve({ MONGODB_URI: inject('mongoUri'), MONGODB_DB: testDatabase('shutdown').dbName });
  const [, url] = await waitForOutput(cli, /dashboard: (http:\/\/\S+)\//, 60_000);
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({
    query: 'mutation($p: [PredictionInput!]!) { recordPredictions(predictions: $p) { accepted } }',
    variables: { p: [{ id: 'late', predictedAt: '2026-01-01T00:00:00Z', predicted: 'cat' }] },
  });
  // The request's headers and half its body are sent, then the signal, then the rest: it is in flight throughout.
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        path: '/graphql',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${TOKEN}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 40));
    setTimeout(() => {
      cli.child.kill('SIGTERM');
      setTimeout(() => req.end(body.slice(40)), 500);
    }, 200);
  });
  const done = await within(20_000, answer).catch(async (error: unknown) => {
    const code = await cli.exited;
    throw new Error(`${String(error)} exit ${code}\n${cli.output()}`);
  });
  expect(done.status).toBe(200);
  expect(JSON.parse(done.text)).toEqual({ data: { recordPredictions: { accepted: 1 } } });
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  expect(await within(30_000, cli.exited)).toBe(0);
  expect(cli.output()).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);
  expect(cli.output()).toMatch(/"msg":"stopped"/);
  expect(cli.output()).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
});

test('SIGTERM during start-up (the database not reachable yet) exits 0 at once', async () => {
  const cli = serve({ MONGODB_URI: 'mongodb://127.0.0.1:1/', MONGODB_DB: 'never' });
  await waitForOutput(cli, /MongoDB not reachable, retrying/, 30_000);
  cli.child.kill('SIGTERM');
  expect(await within(10_000, cli.exited)).toBe(0);
  expect(cli.output()).toMatch(/"msg":"shutting down"/);
});

test('the worker stops its jobs and exits 0 on SIGTERM', async () => {
  const worker = await startWorker({
    MONGODB_URI: inject('mongoUri'),
    MONGODB_DB: testDatabase('shutdown_worker').dbName,
    LOG_LEVEL: 'info',
    CLARA_SHUTDOWN_GRACE: '2 seconds',
  });
  worker.child.kill('SIGTERM');
  expect(await within(30_000, worker.exited)).toBe(0);
  expect(worker.output()).toMatch(/"msg":"stopped"/);
});
