// Runs the real worker command in a child process (so a test can kill it with SIGKILL). The
// TypeScript sources are bundled once with esbuild (Vite's own bundler) into node_modules/.cache,
// where the bundle resolves its packages from the project's node_modules.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('./worker-entry.ts', import.meta.url));
const bundle = fileURLToPath(new URL('../../node_modules/.cache/clara-test/worker.mjs', import.meta.url));
let built: Promise<unknown> | null = null;

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | string>;
  /** What it printed so far (logs included), for failure messages. */
  output(): string;
}

export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  built ??= build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  await built;
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes('worker is running jobs')) resolve();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    void exited.then((how) => reject(new Error(`the worker exited (${how}) before it started:\n${output}`)));
  });
  return { child, exited, output: () => output };
}
