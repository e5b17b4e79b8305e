// The database a command works on: MONGODB_URI, or the embedded default under CLARA_DATA_DIR.
import type { Config } from '../config.js';
import { openEmbeddedStore } from '../embedded/index.js';
import type { Logger } from '../logger.js';

export interface Database {
  uri: string;
  /** null with MONGODB_URI; else which embedded store runs, and where. */
  embedded: string | null;
  stop(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.mongoUri) return { uri: config.mongoUri, embedded: null, stop: async () => undefined };
  const store = await openEmbeddedStore(config, log);
  return { uri: store.uri, embedded: store.description, stop: () => store.stop() };
}
