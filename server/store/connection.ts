// The MongoDB edge: connects, retrying with backoff (the embedded default lives in server/embedded).
import { MongoClient } from 'mongodb';
import type { Logger } from '../logger.js';
import { safeUri } from '../logger.js';

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
      log.warn(
        { database: safeUri(uri), attempt, retryInMs: delay, error: message },
        'MongoDB not reachable, retrying',
      );
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  }
}
