// The first choices of the embedded default: a real mongod, run by mongodb-memory-server, either
// installed on this machine or from mongodb-memory-server's cache (downloaded there once when the
// download host answers within seconds, so an offline machine moves on instead of hanging).
import { mkdirSync } from 'node:fs';
import { findOnPath, isExecutable } from '../system.js';
import type { EmbeddedStore } from './store.js';
import { errorText, StoreUnavailable } from './store.js';

const PROBE_TIMEOUT_MS = 5_000;

/** MONGOMS_SYSTEM_BINARY, else `mongod` on PATH. */
export function installedMongod(): string {
  const configured = process.env.MONGOMS_SYSTEM_BINARY?.trim();
  if (configured) {
    if (!isExecutable(configured)) throw new StoreUnavailable(`MONGOMS_SYSTEM_BINARY=${configured} is not an executable file`);
    return configured;
  }
  const found = findOnPath('mongod');
  if (!found) throw new StoreUnavailable('no mongod on PATH and MONGOMS_SYSTEM_BINARY is not set');
  return found;
}

async function reachable(url: string): Promise<string | null> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return null;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return errorText(cause ?? error);
  }
}

/** mongodb-memory-server's cached mongod, downloading it first when its host answers quickly. */
export async function downloadedMongod(): Promise<string> {
  const { DryMongoBinary, MongoBinary } = await import('mongodb-memory-server');
  const cached = await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions());
  if (cached) return cached;
  // Node's fetch ignores HTTPS_PROXY while mongodb-memory-server uses it: behind a proxy, let it try.
  if (!process.env.HTTPS_PROXY && !process.env.https_proxy) {
    const host = new URL(process.env.MONGOMS_DOWNLOAD_URL || process.env.MONGOMS_DOWNLOAD_MIRROR || 'https://fastdl.mongodb.org').origin;
    const problem = await reachable(host);
    if (problem) throw new StoreUnavailable(`not in its cache, and ${host} did not answer within ${PROBE_TIMEOUT_MS / 1000} s (${problem})`);
  }
  return MongoBinary.getPath();
}

/** Starts mongod on dbPath (created here), keeping its files across restarts. */
export async function startMongod(binary: string, dbPath: string): Promise<EmbeddedStore> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  mkdirSync(dbPath, { recursive: true });
  // mongodb-memory-server prints its own warnings and stack traces; our log line says what happened.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    const server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' }, binary: { systemBinary: binary } });
    return {
      uri: server.getUri(),
      pid: server.instanceInfo?.instance.mongodProcess?.pid ?? null,
      description: `mongod (${binary}) in ${dbPath}`,
      stop: async () => void (await server.stop({ doCleanup: false })),
    };
  } catch (error) {
    throw new StoreUnavailable(`${binary} did not start: ${errorText(error)}`);
  } finally {
    console.warn = warn;
  }
}
