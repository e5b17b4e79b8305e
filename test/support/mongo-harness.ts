// The tests' database: MONGODB_URI when set, else the product's FerretDB store (embedded/ferretdb,
// built with Go into the user cache on first use) on a temporary directory it removes at exit.
import { startFerretDB } from '../../server/embedded/ferretdb.js';
import { ferretdbBinary } from '../../server/embedded/ferretdb-build.js';
import { errorText } from '../../server/embedded/store.js';
import { createLogger } from '../../server/logger.js';

export interface TestDatabase {
  uri: string;
  kind: 'MONGODB_URI' | 'ferretdb';
  stop(): Promise<void>;
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const fromEnv = process.env.MONGODB_URI;
  if (fromEnv) return { uri: fromEnv, kind: 'MONGODB_URI', stop: async () => undefined };
  try {
    const server = await startFerretDB(await ferretdbBinary(createLogger('info')), null);
    return { uri: server.uri, kind: 'ferretdb', stop: server.stop };
  } catch (error) {
    throw new Error(
      `The tests need a database: set MONGODB_URI, or install Go 1.24+ for the FerretDB test server (${errorText(error)})`,
    );
  }
}
