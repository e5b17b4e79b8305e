// Python with whylogs 1.6.4 for the interop tests: CLARA_PYTHON when set, else .venv/bin/python,
// created (python3 -m venv, then pip from PyPI) when it is missing or lacks whylogs 1.6.4.
import { join, resolve } from 'node:path';
import { projectRoot } from '../../server/paths.js';
import { runCommand } from '../../server/system.js';

const WHYLOGS = '1.6.4';
const VENV = join(projectRoot, '.venv');

async function hasWhylogs(python: string): Promise<boolean> {
  const check = `import sys, whylogs; sys.exit(0 if whylogs.__version__ == "${WHYLOGS}" else 3)`;
  return (await runCommand(python, ['-c', check])).code === 0;
}

async function step(command: string, args: string[]): Promise<void> {
  const { code, output } = await runCommand(command, args);
  if (code !== 0)
    throw new Error(
      `The whylogs interop tests need Python 3 with venv and pip (PyPI reachable): \`${command} ${args.join(' ')}\` failed: ${output}`,
    );
}

export async function provideWhylogsPython(): Promise<string> {
  const configured = process.env.CLARA_PYTHON;
  const python = configured ? resolve(projectRoot, configured) : join(VENV, 'bin', 'python');
  if (await hasWhylogs(python)) return python;
  if (configured)
    throw new Error(
      `CLARA_PYTHON=${configured} cannot import whylogs ${WHYLOGS}; install it there (pip install whylogs==${WHYLOGS}) or unset CLARA_PYTHON.`,
    );
  process.stdout.write(`creating .venv with whylogs ${WHYLOGS} for the whylogs interop tests (once)…\n`);
  await step('python3', ['-m', 'venv', VENV]);
  await step(join(VENV, 'bin', 'pip'), ['install', '-q', '--disable-pip-version-check', `whylogs==${WHYLOGS}`]);
  if (!(await hasWhylogs(python)))
    throw new Error(`${python} still cannot import whylogs ${WHYLOGS} after pip install.`);
  return python;
}
