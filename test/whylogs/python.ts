import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/**
 * Runs this folder's Python helpers with the interpreter that has whylogs 1.6.4, which the global
 * setup found or created (test/support/provision-whylogs.ts).
 */

const helpersDir = fileURLToPath(new URL('.', import.meta.url));

export function runPythonHelper<T>(script: string, args: readonly string[], stdin = ''): T {
  const executable = inject('whylogsPython');
  let stdout: string;
  try {
    stdout = execFileSync(executable, [join(helpersDir, script), ...args], {
      input: stdin,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${script} failed under ${executable}:\n${stderr || String(error)}`);
  }
  return JSON.parse(stdout) as T;
}
