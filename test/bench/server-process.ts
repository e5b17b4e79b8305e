// The real server as a child process (`clara-monitor serve`), so its memory and its time are its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../server/paths.js';

export const CLI = join(projectRoot, 'bin', 'clara-monitor.js');

export interface ServerOptions {
  uri: string;
  dbName: string;
  token: string;
  /** Run the scheduled jobs in the server, as a plain `clara-monitor serve` does. */
  jobs: boolean;
  demo?: boolean;
  logLevel?: string;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Date.now() when the process was spawned. */
  spawnedAt: number;
  /** Resolves once the server printed its GraphQL address (after a demo seeding, today). */
  ready: Promise<void>;
  /** The first 256 KB of what it printed on stdout (its JSON log lines included). */
  output(): string;
  gql<T>(query: string, variables?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Peak resident set size so far (VmHWM), in bytes; kept after the process stopped. */
  peakRss(): number;
  stop(): Promise<void>;
}

const OUTPUT_KEPT = 256 * 1024;
const SERVER_LOG = process.env.BENCH_SERVER_LOG?.trim() || null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Spawns the server on a port chosen here, so it can be asked before it says it is ready. */
export async function launchServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const args = [CLI, 'serve', ...(options.jobs ? [] : ['--no-jobs'])];
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MONGODB_URI: options.uri,
    MONGODB_DB: options.dbName,
    CLARA_API_TOKEN: options.token,
    CLARA_DEMO: options.demo ? '1' : '0',
    // BENCH_SERVER_LOG names a file that gets every server's log at debug level (to see where time goes).
    LOG_LEVEL: options.logLevel ?? (SERVER_LOG ? 'debug' : 'warn'),
  };
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdout.length < OUTPUT_KEPT) stdout += chunk.toString();
      if (SERVER_LOG) appendFileSync(SERVER_LOG, chunk);
      if (/GraphQL:\s+\S+/.test(stdout)) resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}): ${stderr}`)));
  });
  ready.catch(() => undefined);
  const pid = child.pid as number;
  let peak = 0;
  const peakRss = (): number => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peak = Math.max(peak, Number(match[1]) * 1024);
    } catch {
      // Gone: the last reading stands.
    }
    return peak;
  };
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    pid,
    spawnedAt,
    ready,
    output: () => stdout,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, timeoutMs = 120_000): Promise<T> {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length || !body.data)
        throw new Error(`GraphQL error (HTTP ${res.status}): ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    peakRss,
    async stop(): Promise<void> {
      peakRss();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(hard);
    },
  };
}

/** Spawns the server and waits until it serves (at most `timeoutMs`). */
export async function startServerProcess(options: ServerOptions, timeoutMs = 60_000): Promise<ServerProcess> {
  const server = await launchServer(options);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs / 1000} s`)), timeoutMs)),
  );
  try {
    await Promise.race([server.ready, late]);
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return server;
}
