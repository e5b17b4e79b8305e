// The MongoDB edge: connects (retrying with backoff), or starts the embedded default.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Logger } from '../logger.js';
import { safeUri } from '../logger.js';

export interface Connection {
  client: MongoClient;
  uri: string;
  embedded: boolean;
  close(): Promise<void>;
}

export class EmbeddedStartError extends Error {}

/** mongodb-memory-server with storage under dataDir, so a restart keeps the data. */
export async function startEmbedded(dataDir: string, log: Logger): Promise<{ uri: string; stop(): Promise<void> }> {
  const dbPath = resolve(join(dataDir, 'mongo'));
  mkdirSync(dbPath, { recursive: true });
  // mongodb-memory-server prints its own stack trace on failure; the user gets our one message instead.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server');
    const server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' } });
    log.info({ dbPath }, 'embedded MongoDB started');
    return { uri: server.getUri(), stop: async () => void (await server.stop({ doCleanup: false })) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EmbeddedStartError(
      `The embedded MongoDB could not start (${reason}). ` +
        'Set MONGODB_URI to a MongoDB you run (e.g. MONGODB_URI=mongodb://localhost:27017), ' +
        'or set MONGOMS_SYSTEM_BINARY to the path of a mongod binary installed on this machine.',
    );
  } finally {
    console.warn = warn;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects and pings, retrying with exponential backoff (1 s doubling to 30 s) until `attempts` run out. */
export async function connect(uri: string, log: Logger, attempts = Infinity): Promise<MongoClient> {
  let delay = 1000;
  for (let attempt = 1; ; attempt++) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, appName: 'clara-monitor' });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      log.info({ database: safeUri(uri), attempt }, 'connected to MongoDB');
      return client;
    } catch (error) {
      await client.close().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= attempts) throw new Error(`cannot reach MongoDB at ${safeUri(uri)}: ${message}`);
      log.warn({ database: safeUri(uri), attempt, retryInMs: delay, error: message }, 'MongoDB not reachable, retrying');
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  }
}
