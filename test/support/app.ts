// Starts the real server (HTTP + GraphQL) on a free port against the test database.
import { parseConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startRuntime, type Runtime } from '../../server/runtime.js';
import { testDatabase } from './db.js';

export const TEST_TOKEN = 'test-token-0123456789';

export interface TestApp {
  runtime: Runtime;
  url: string;
  /**
   * POSTs a GraphQL operation; `token: null` sends no Authorization header. Before a query it waits
   * until the rollups hold every write acknowledged so far (they catch up asynchronously), so tests
   * compare settled numbers; `gqlNow` asks without waiting.
   */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GqlResponse<T>>;
  gqlNow<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export interface GqlError {
  message: string;
  extensions?: { code?: string; field?: string };
}

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: GqlError[];
}

/** The database and raw rows behind a runtime, for checks that compare the rollups with them. */
export const rawOf = (runtime: Runtime) => ({ db: runtime.db, predictions: runtime.stores.predictions });

/** `uri`: another server than the run's shared test database (a test that stops its own). */
export async function startTestApp(
  prefix: string,
  env: Record<string, string> = {},
  uri = testDatabase(prefix).uri,
): Promise<TestApp> {
  const { dbName } = testDatabase(prefix);
  const config = parseConfig({
    MONGODB_DB: dbName,
    PORT: '0',
    CLARA_API_TOKEN: TEST_TOKEN,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const runtime = await startRuntime(config, createLogger(config.logLevel), { uri });
  const gqlNow = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = TEST_TOKEN,
  ): Promise<GqlResponse<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${runtime.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: GqlError[] };
    return { status: res.status, data: body.data ?? undefined, errors: body.errors };
  };
  const gql = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = TEST_TOKEN,
  ): Promise<GqlResponse<T>> => {
    if (!/^\s*mutation\b/.test(query)) await runtime.services.rollups.settle();
    return gqlNow<T>(query, variables, token);
  };
  return {
    runtime,
    url: runtime.url,
    gql,
    gqlNow,
    close: async () => {
      await runtime.db.dropDatabase().catch(() => undefined);
      await runtime.close();
    },
  };
}
