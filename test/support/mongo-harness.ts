// Finds a MongoDB wire-protocol server for the tests: MONGODB_URI when set, else the FerretDB
// harness built from test/mongo-server (Go), else mongodb-memory-server (a real mongod, downloaded
// on first use on machines that can reach MongoDB's servers).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../server/paths.js';

// From the project root, so the compiled copy (dist/test/support, used by the benchmark) finds it too.
const harnessDir = join(projectRoot, 'test', 'mongo-server');
export const harnessBinary = join(harnessDir, 'bin', 'mongo-server');

export interface TestDatabase {
  uri: string;
  kind: 'MONGODB_URI' | 'ferretdb' | 'mongodb-memory-server';
  stop(): Promise<void>;
}

function hasGo(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Builds the harness binary when it is missing (needs Go; `npm run test:db` does the same). */
export function buildHarness(): void {
  const result = spawnSync('go', ['build', '-o', harnessBinary, '.'], { cwd: harnessDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the FerretDB test harness failed (go build in test/mongo-server)');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startFerret(): Promise<TestDatabase> {
  if (!existsSync(harnessBinary)) buildHarness();
  const port = await freePort();
  const child: ChildProcess = spawn(harnessBinary, ['-listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`FerretDB harness did not start: ${err}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-4000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`FerretDB harness exited with ${code}: ${err}`));
    });
  });
  return {
    uri,
    kind: 'ferretdb',
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function startMemoryServer(): Promise<TestDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const server = await MongoMemoryServer.create();
  return { uri: server.getUri(), kind: 'mongodb-memory-server', stop: async () => void (await server.stop()) };
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const fromEnv = process.env.MONGODB_URI;
  if (fromEnv) return { uri: fromEnv, kind: 'MONGODB_URI', stop: async () => undefined };
  if (existsSync(harnessBinary) || hasGo()) return startFerret();
  return startMemoryServer();
}
