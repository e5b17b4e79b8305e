import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs this folder's Python helpers with the interpreter that has whylogs 1.6.4: $CLARA_PYTHON,
 * else .venv/bin/python (both relative to the repository root). Interop is a requirement, so a
 * missing interpreter or whylogs fails the calling test with a message saying what to install.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const helpersDir = fileURLToPath(new URL('.', import.meta.url));

function pythonExecutable(): string {
  const configured = process.env.CLARA_PYTHON ?? '.venv/bin/python';
  const executable = isAbsolute(configured) ? configured : resolve(repoRoot, configured);
  if (!existsSync(executable)) {
    throw new Error(
      `Python with whylogs 1.6.4 is required for the whylogs interop tests, but ${executable} does not exist. ` +
        `Create it with "python3.11 -m venv .venv && .venv/bin/pip install whylogs==1.6.4" or set CLARA_PYTHON.`,
    );
  }
  return executable;
}

export function runPythonHelper<T>(script: string, args: readonly string[], stdin = ''): T {
  const executable = pythonExecutable();
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
