// One service per CLARA_DATA_DIR: an embedded store's files take one server process. A pid file
// whose owner is checked for life, so a lock left behind by kill -9 never blocks the next start.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Owner {
  pid: number;
  /** Linux start time of the process, so a recycled pid is not taken for the owner; null elsewhere. */
  started: string | null;
}

function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted from field 3, which follows the parenthesised command name.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function readOwner(path: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' ? { pid: owner.pid, started: owner.started ?? null } : null;
  } catch {
    return null;
  }
}

function isRunning(owner: Owner): boolean {
  // Our own pid in the file can only be a previous run's (a container restarted with the same pid).
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return owner.started === null || owner.started === startTime(owner.pid);
}

/**
 * Takes the data folder or throws a message naming the process that holds it. The lock is released
 * by the returned function and at process exit; a killed owner's file is recognised as stale.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'clara-monitor.pid');
  const me: Owner = { pid: process.pid, started: startTime(process.pid) };
  for (;;) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(path);
    if (owner && isRunning(owner)) {
      throw new Error(
        `The data folder ${dataDir} is in use by another clara-monitor (pid ${owner.pid}). ` +
          'Stop that one first, or give this one its own CLARA_DATA_DIR (or a MONGODB_URI both can share).',
      );
    }
    rmSync(path, { force: true });
  }
  const release = () => {
    if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}
