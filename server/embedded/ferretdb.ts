// Runs the FerretDB program as a child that never outlives this process: it watches its parent
// and exits when re-parented (kill -9 included), and it runs in its own process group, so a
// terminal's Ctrl-C reaches only us and we stop it after our own shutdown.
import { spawn } from 'node:child_process';
import { StoreUnavailable } from './store.js';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface FerretDBProcess {
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * dataDir null: a temporary directory the program removes at exit (the tests' database). The
 * address defaults to any free loopback port.
 */
export async function startFerretDB(binary: string, dataDir: string | null, address = '127.0.0.1:0'): Promise<FerretDBProcess> {
  const args = ['-parent', String(process.pid), '-listen', address, ...(dataDir ? ['-dir', dataDir] : [])];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const uri = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new StoreUnavailable(`FerretDB did not start: ${reason}${stderr ? `\n${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited with ${signal ?? code}`));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    uri,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
