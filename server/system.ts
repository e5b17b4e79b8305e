// Small helpers for finding and running other programs (Go, mongod, and the tests' Chromium and Python).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable of that name in a PATH folder, or null. */
export function findOnPath(name: string): string | null {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return dirs.map((dir) => join(dir, name)).find(isExecutable) ?? null;
}

export interface CommandResult {
  /** null: the command could not be started (see output). */
  code: number | null;
  /** The end of stdout and stderr together, for error messages. */
  output: string;
}

export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: null, output: error.code === 'ENOENT' ? `${command} is not on PATH` : error.message }),
    );
    child.once('close', (code) => resolve({ code, output: output.trim() }));
  });
}
