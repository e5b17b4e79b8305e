// A FerretDB of one test's own, on its own data folder, that the test may kill and start again on
// the same address (an outage) while the run's shared database stays up.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerretDB, type FerretDBProcess } from '../../server/embedded/ferretdb.js';
import { ferretdbBinary } from '../../server/embedded/ferretdb-build.js';
import { createLogger } from '../../server/logger.js';

export interface PrivateStore {
  uri: string;
  /** kill -9 of the store process. */
  kill(): void;
  /** Starts it again on the same address and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateStore(name: string): Promise<PrivateStore> {
  const binary = await ferretdbBinary(createLogger('silent'));
  const dataDir = mkdtempSync(join(tmpdir(), `clara-${name}-`));
  let store: FerretDBProcess = await startFerretDB(binary, dataDir);
  const address = new URL(store.uri).host;
  return {
    uri: store.uri,
    kill: () => process.kill(store.pid, 'SIGKILL'),
    restart: async () => void (store = await startFerretDB(binary, dataDir, address)),
    stop: () => store.stop(),
  };
}
