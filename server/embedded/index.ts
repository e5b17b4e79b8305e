// The embedded default, used when MONGODB_URI is unset: one store per CLARA_DATA_DIR, the first of
// these that runs here (CLARA_EMBEDDED narrows the list to one kind):
//   1. a mongod installed on this machine (PATH or MONGOMS_SYSTEM_BINARY);
//   2. mongodb-memory-server's mongod, from its cache or downloaded when the host answers;
//   3. FerretDB (SQLite), a Go program built once into the user cache.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config, EmbeddedChoice } from '../config.js';
import type { Logger } from '../logger.js';
import { lockDataDir } from './data-lock.js';
import { startFerretDB } from './ferretdb.js';
import { ferretdbBinary } from './ferretdb-build.js';
import { downloadedMongod, installedMongod, startMongod } from './mongod.js';
import { errorText, type EmbeddedStore } from './store.js';

export type { EmbeddedStore } from './store.js';

interface Candidate {
  name: string;
  kind: Exclude<EmbeddedChoice, 'auto'>;
  /** Where this store keeps its files under CLARA_DATA_DIR. */
  dir: string;
  start(): Promise<EmbeddedStore>;
}

function candidates(dataDir: string, log: Logger): Candidate[] {
  const mongoDir = resolve(dataDir, 'mongo');
  const ferretDir = resolve(dataDir, 'ferretdb');
  return [
    { name: 'mongod on this machine', kind: 'mongod', dir: mongoDir, start: async () => startMongod(installedMongod(), mongoDir) },
    { name: 'mongod from mongodb-memory-server', kind: 'mongod', dir: mongoDir, start: async () => startMongod(await downloadedMongod(), mongoDir) },
    {
      name: 'FerretDB',
      kind: 'ferretdb',
      dir: ferretDir,
      start: async () => {
        const server = await startFerretDB(await ferretdbBinary(log), ferretDir);
        return { ...server, description: `FerretDB (SQLite) in ${ferretDir}` };
      },
    },
  ];
}

function hasData(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

/** The allowed stores in order; in auto mode the one holding an earlier start's data comes first. */
function ordered(config: Pick<Config, 'dataDir' | 'embedded'>, log: Logger): Candidate[] {
  const allowed = candidates(config.dataDir, log).filter((c) => config.embedded === 'auto' || c.kind === config.embedded);
  const withData = allowed.filter((c) => hasData(c.dir));
  return [...withData, ...allowed.filter((c) => !withData.includes(c))];
}

function noStoreMessage(choice: EmbeddedChoice, skipped: { store: string; reason: string }[]): string {
  return [
    `No embedded database could start${choice === 'auto' ? '' : ` (CLARA_EMBEDDED=${choice})`}:`,
    ...skipped.map((s) => `  - ${s.store}: ${s.reason}`),
    'Any one of these fixes it:',
    '  - set MONGODB_URI to a MongoDB you run (e.g. MONGODB_URI=mongodb://localhost:27017);',
    '  - set MONGOMS_SYSTEM_BINARY to a mongod binary on this machine;',
    '  - install the Go toolchain (1.24 or later, https://go.dev/dl/), so the FerretDB store can be built.',
  ].join('\n');
}

/** Takes CLARA_DATA_DIR (refused when another service holds it) and starts the first store that runs. */
export async function openEmbeddedStore(config: Pick<Config, 'dataDir' | 'embedded'>, log: Logger): Promise<EmbeddedStore> {
  const release = lockDataDir(config.dataDir);
  const skipped: { store: string; reason: string }[] = [];
  for (const candidate of ordered(config, log)) {
    try {
      const store = await candidate.start();
      log.info({ store: store.description, pid: store.pid, skipped: skipped.map((s) => s.store) }, `embedded database: ${candidate.name}`);
      return { ...store, stop: async () => (await store.stop(), release()) };
    } catch (error) {
      skipped.push({ store: candidate.name, reason: errorText(error) });
      log.info({ store: candidate.name, reason: errorText(error) }, `embedded database: ${candidate.name} skipped`);
    }
  }
  release();
  throw new Error(noStoreMessage(config.embedded, skipped));
}
