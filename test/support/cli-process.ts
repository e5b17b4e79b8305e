// Runs the real CLI (`clara-monitor serve`) in a child process, as a user would: compiled by tsc
// (type-graphql needs its decorator metadata) into node_modules/.cache, so dist/ is left alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../server/paths.js';
import { runCommand } from '../../server/system.js';

const MAIN = join(projectRoot, 'node_modules', '.cache', 'clara-test', 'cli', 'server', 'cli', 'main.js');
let built: Promise<void> | null = null;

export function buildCli(): Promise<void> {
  built ??= runCommand(process.execPath, [
    join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join(projectRoot, 'test', 'support', 'tsconfig.cli.json'),
  ]).then(({ code, output }) => {
    if (code !== 0 || !existsSync(MAIN)) throw new Error(`compiling the CLI failed:\n${output}`);
  });
  return built;
}

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | string>;
  /** Everything it printed so far (logs included). */
  output(): string;
}

/** Starts `clara-monitor <args>` (serve by default) with exactly this environment (plus PATH and HOME). */
export function startCli(env: Record<string, string>, args: string[] = ['serve']): CliProcess {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => void (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, exited, output: () => output };
}

/** Waits until the output matches, failing early when the process exits first. */
export async function waitForOutput(cli: CliProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | string | null = null;
  void cli.exited.then((how) => (exitedWith = how));
  for (;;) {
    const match = pattern.exec(cli.output());
    if (match) return match;
    if (exitedWith !== null)
      throw new Error(`the CLI exited (${exitedWith}) before printing ${pattern}:\n${cli.output()}`);
    if (Date.now() > deadline)
      throw new Error(`the CLI did not print ${pattern} within ${timeoutMs} ms:\n${cli.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** True while the process runs (a zombie left for an absent reaper counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
