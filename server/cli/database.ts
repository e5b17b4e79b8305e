// The database a command works on: MONGODB_URI, or the embedded default under CLARA_DATA_DIR.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbedded } from '../store/connection.js';

export interface Database {
  uri: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.mongoUri) return { uri: config.mongoUri, embedded: false, stop: async () => undefined };
  const embedded = await startEmbedded(config.dataDir, log);
  return { uri: embedded.uri, embedded: true, stop: embedded.stop };
}
