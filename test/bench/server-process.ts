// The real server as a child process (`clara-monitor serve --no-jobs`), so its memory is its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../server/paths.js';

export interface ServerProcess {
  url: string;
  pid: number;
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Peak resident set size so far (VmHWM), in bytes. */
  peakRss(): number;
  stop(): Promise<void>;
}

export async function startServerProcess(env: { uri: string; dbName: string; token: string }): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, 'bin', 'clara-monitor.js'), 'serve', '--no-jobs'], {
    env: { ...process.env, PORT: '0', MONGODB_URI: env.uri, MONGODB_DB: env.dbName, CLARA_API_TOKEN: env.token, CLARA_DEMO: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s: ${stderr}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /GraphQL:\s+(\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  const pid = child.pid as number;
  return {
    url,
    pid,
    async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${env.token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length || !body.data) throw new Error(`GraphQL error (HTTP ${res.status}): ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    peakRss(): number {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : NaN;
    },
    async stop(): Promise<void> {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
