// vitest globalSetup: the browser tests load dashboard/dist from the real server, so build it when
// its sources changed since the last build (a content hash, cheap to check on every run).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { projectRoot } from '../../server/paths.js';

const dashboard = join(projectRoot, 'dashboard');
const SOURCES = ['src', 'index.html', 'playground.html', 'vite.config.ts', 'tsconfig.json'];
const CACHE = join(projectRoot, 'node_modules', '.cache');
const STAMP = join(CACHE, 'clara-dashboard-build.sha256');

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((s) => files(join(dashboard, s))).sort())
    hash.update(relative(dashboard, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex');
}

export default async function setup(): Promise<void> {
  // Hashed before building: an edit made during the build leaves the stamp stale, so it rebuilds.
  const wanted = sourcesHash();
  const built =
    existsSync(join(dashboard, 'dist', 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted;
  if (built) return;
  process.stdout.write('building the dashboard for the browser tests…\n');
  // Built aside and swapped in, so a server reading dist/ never sees it half-written.
  const fresh = join(CACHE, `clara-dashboard-${process.pid}`);
  await build({ configFile: join(dashboard, 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh } });
  rmSync(join(dashboard, 'dist'), { recursive: true, force: true });
  renameSync(fresh, join(dashboard, 'dist'));
  writeFileSync(STAMP, wanted);
}
