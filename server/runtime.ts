// Composition root: database → stores → services → jobs (wiring.ts) → GraphQL → HTTP, with orderly shutdown.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { Db, MongoClient } from 'mongodb';
import type { Config } from './config.js';
import type { Context } from './graphql/context.js';
import { budgetPlugin } from './graphql/budget-plugin.js';
import type { CostSettings } from './graphql/cost.js';
import { depthLimit } from './graphql/depth-limit.js';
import { formatError, unavailablePlugin } from './graphql/errors.js';
import { buildClaraSchema } from './graphql/schema.js';
import { answerClientErrors, createApp, type Route } from './http/app.js';
import { graceful } from './http/graceful.js';
import { graphqlHandler } from './http/graphql-handler.js';
import { profileDownloadRoute } from './http/profile-download.js';
import { playgroundPage, withPlayground } from './http/playground.js';
import type { Logger } from './logger.js';
import { projectRoot } from './paths.js';
import type { ApiServices } from './services/index.js';
import { Telemetry } from './services/telemetry.js';
import { metricsPlugin } from './graphql/metrics-plugin.js';
import { metricsRoute } from './http/metrics.js';
import { connect } from './store/connection.js';
import { apiServices, wire, type Wired } from './wiring.js';

export interface Runtime extends Wired {
  url: string;
  /** The database itself, for tests and tools; the application reaches it only through the stores. */
  db: Db;
  /** Stops accepting, lets requests finish (CLARA_SHUTDOWN_GRACE), stops jobs, then closes; once. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  uri: string;
  /** Extra HTTP routes contributed by other capabilities (profiles, playground …). */
  routes?: (services: ApiServices) => Route[];
}

const costSettings = (config: Config): CostSettings => ({
  points: config.limits.points,
  spanMs: config.limits.rangeMs,
  blocks: config.limits.blocks,
  timeZone: config.timeZone,
  baselineWindows: config.drift.baselineWindows,
  listSize: 10,
});

/** A close that any number of callers (signal handlers, tests) may await. */
function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= run());
}

export async function startRuntime(config: Config, log: Logger, options: RuntimeOptions): Promise<Runtime> {
  // Where memory is plentiful V8 lets the heap reach 4× what survived its last full collection
  // before the next: a drain pass's garbage then doubled the server's resident size.
  if (config.heapGrowthPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);
  let services: ApiServices | null = null;
  let client: MongoClient | null = null;
  const telemetry = new Telemetry();
  const apollo = new ApolloServer<Context>({
    schema: await buildClaraSchema(),
    formatError: formatError(log),
    validationRules: [depthLimit(config.limits.queryDepth)],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Its per-field hook wraps every resolver (a tenth of an hourly 90-day `metrics` answer) for
      // cache hints we never give; the handler marks every answer no-store itself.
      ApolloServerPluginCacheControlDisabled(),
      budgetPlugin(costSettings(config), config.limits.queryCost),
      metricsPlugin(telemetry),
      unavailablePlugin(),
    ],
    includeStacktraceInErrorResponses: false,
    // The playground and integrators' tools read the schema this way, in production too.
    introspection: true,
    // A query stored by hash would run without the HTTP handler seeing its text (and its type).
    persistedQueries: false,
    parseOptions: { maxTokens: config.limits.queryTokens },
    // Apollo would stop itself on SIGTERM, failing requests still in flight; runtime.close() stops it after them.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const dashboardDist = join(projectRoot, 'dashboard', 'dist');
  const playground = playgroundPage(dashboardDist);
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/healthz',
      handle: (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
    },
    {
      method: 'GET',
      path: '/readyz',
      handle: async (_req, res) => {
        // While shutting down, a load balancer should send new requests elsewhere.
        if (http.closing)
          return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"shutting down"}');
        const ready =
          client !== null &&
          (await client
            .db('admin')
            .command({ ping: 1 })
            .then(
              () => true,
              () => false,
            ));
        res
          .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ready ? 'ready' : 'database unreachable' }));
      },
    },
    { method: 'GET', path: '/playground', handle: playground },
    metricsRoute(telemetry, config),
    profileDownloadRoute(() => services, config),
    {
      method: 'ANY',
      path: '/graphql',
      cors: true,
      handle: withPlayground(
        graphqlHandler({
          apollo,
          services: () => services,
          tokens: config,
          bodyLimit: config.limits.bodyBytes,
          limits: {
            maxOperations: config.limits.operations,
            maxFields: config.limits.queryFields,
            maxTokens: config.limits.queryTokens,
          },
        }),
        playground,
      ),
    },
  ];
  const server: Server = createServer(
    createApp({
      routes,
      staticRoot: dashboardDist,
      corsOrigins: config.corsOrigins,
      allowedHosts: config.allowedHosts,
      log,
    }),
  );
  answerClientErrors(server);
  const http = graceful(server);
  await new Promise<void>((done) => server.listen(config.port, config.host, done));
  const { port } = server.address() as AddressInfo;

  client = await connect(options.uri, log);
  const db = client.db(config.dbName);
  const wired = await wire(db, config, log, telemetry);
  services = apiServices(wired);
  wired.services.rollups.start(config.rollups.drainEveryMs);
  if (options.routes) routes.splice(routes.length - 1, 0, ...options.routes(services));

  return {
    ...wired,
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    db,
    close: once(async () => {
      const cut = await http.close(config.shutdownGraceMs);
      if (cut > 0)
        log.warn(
          { cut, graceMs: config.shutdownGraceMs },
          'requests still running after the shutdown grace period were cut',
        );
      await wired.jobs.close();
      await wired.services.rollups.stop();
      await apollo.stop();
      await client?.close();
    }),
  };
}
