// The FerretDB store is a small Go program (embedded/ferretdb). It is built once into the user's
// cache, never into the project folder, under a hash of its sources so an update rebuilds it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { Logger } from '../logger.js';
import { projectRoot } from '../paths.js';
import { findOnPath, runCommand } from '../system.js';
import { StoreUnavailable } from './store.js';

const SOURCE = join(projectRoot, 'embedded', 'ferretdb');
const SOURCE_FILES = ['go.mod', 'go.sum', 'main.go'];

function cacheRoot(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'clara-monitor');
}

function ferretdbBinaryPath(): string {
  const hash = createHash('sha256');
  for (const name of SOURCE_FILES) hash.update(name).update('\0').update(readFileSync(join(SOURCE, name)));
  const key = `${process.platform}-${process.arch}-${hash.digest('hex').slice(0, 16)}`;
  return join(cacheRoot(), `ferretdb-${key}`, 'clara-ferretdb');
}

/** The cached binary, built first when missing (a few minutes: Go fetches FerretDB from its module proxy and compiles SQLite). */
export async function ferretdbBinary(log: Logger): Promise<string> {
  const binary = ferretdbBinaryPath();
  if (existsSync(binary)) return binary;
  if (!findOnPath('go')) throw new StoreUnavailable('no Go toolchain (`go` is not on PATH)');
  log.info(
    { source: SOURCE, binary },
    'building the embedded MongoDB-compatible store (FerretDB) with Go: first start only, takes a few minutes',
  );
  const started = Date.now();
  mkdirSync(dirname(binary), { recursive: true });
  // Built aside and renamed: a start running at the same time never sees a half-written binary.
  const partial = `${binary}.${process.pid}.partial`;
  const result = await runCommand('go', ['build', '-trimpath', '-buildvcs=false', '-o', partial, '.'], { cwd: SOURCE });
  if (result.code !== 0) {
    rmSync(partial, { force: true });
    throw new StoreUnavailable(`go build in ${SOURCE} failed: ${result.output}`);
  }
  renameSync(partial, binary);
  log.info({ binary, ms: Date.now() - started }, 'embedded store built');
  return binary;
}
