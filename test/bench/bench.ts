// `npm run bench` (not a test): loads 100k and then 1M predictions into a fresh database and prints
// ingest, refresh and query figures next to the targets. See README "Benchmark" for what each means.
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { MongoClient } from 'mongodb';
import { parseConfig } from '../../server/config.js';
import { demoDataset } from '../../server/core/demo/generator.js';
import { createLogger } from '../../server/logger.js';
import { createServices, type Services } from '../../server/services/index.js';
import { startTestDatabase } from '../support/mongo-harness.js';
import { insertDirect, sendOverHttp, type Loaded } from './load.js';
import { measureQueries, QUERIES, type QueryFigures } from './queries.js';
import { printSummary, type PhaseFigures } from './report.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { timed } from './timing.js';

const DAY = 86_400_000;
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const SPAN_DAYS = Number(process.env.BENCH_DAYS ?? 90);
const HTTP_BUDGET_MS = Number(process.env.BENCH_HTTP_BUDGET_S ?? 240) * 1000;
const HTTP_SLICE = Number(process.env.BENCH_HTTP_SLICE ?? 50_000);
const DB_NAME = process.env.BENCH_DB ?? 'clara_bench';

const say = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)}  ${line}\n`);
const rate = (l: Loaded) => (l.rows === 0 ? NaN : l.rows / (l.ms / 1000));

/** Data ends at today's UTC midnight so both query ranges fall on whole rollup blocks. */
const end = new Date(Math.floor(Date.now() / DAY) * DAY);

async function refreshTimed(services: Services, phase: PhaseFigures, direct: Loaded): Promise<void> {
  if (direct.rows === 0) return;
  say(`refresh after ${direct.rows} rows written directly …`);
  const { value, ms } = await timed(() => services.rollups.refresh());
  phase.refresh.push({ directRows: direct.rows, ms, rowsScanned: value.rowsScanned, blocks: value.blocksRecomputed });
  say(`refresh: ${(ms / 1000).toFixed(1)} s, ${value.rowsScanned} rows scanned, ${value.blocksRecomputed} blocks`);
}

async function loadPhase(index: number, need: number, services: Services, server: ServerProcess, phase: PhaseFigures): Promise<void> {
  const dataset = demoDataset({ now: end, days: SPAN_DAYS, perDay: need / SPAN_DAYS, seed: 1000 + index, idPrefix: `bench${index}` });
  const rows = dataset.rows();
  const progress = (l: Loaded) => l.batches % 5 === 0 && say(`  HTTP: ${l.rows} rows, ${rate(l).toFixed(0)}/s`);
  const direct = (max: number) =>
    insertDirect(services, rows, max).then((l) => {
      phase.direct.push(l);
      return l;
    });
  if (index === 0) {
    // The first size arrives as a producer sends it, until the HTTP time budget is spent.
    say(`HTTP ingest of up to ${need} rows (budget ${HTTP_BUDGET_MS / 1000} s) …`);
    phase.http = await sendOverHttp(server, rows, need, HTTP_BUDGET_MS, progress);
    await refreshTimed(services, phase, await direct(Infinity));
  } else {
    // Larger sizes: the bulk written directly, then a slice of recent batches over HTTP on the full database.
    say(`direct insert of ${need - HTTP_SLICE} rows …`);
    await refreshTimed(services, phase, await direct(need - HTTP_SLICE));
    say(`HTTP ingest of up to ${HTTP_SLICE} rows on the loaded database …`);
    phase.http = await sendOverHttp(server, rows, HTTP_SLICE, HTTP_BUDGET_MS, progress);
    await refreshTimed(services, phase, await direct(Infinity));
  }
}

async function main(): Promise<void> {
  const database = await startTestDatabase();
  const client = await new MongoClient(database.uri).connect();
  const db = client.db(DB_NAME);
  await db.dropDatabase();
  const services = await createServices(db, parseConfig({ MONGODB_DB: DB_NAME, LOG_LEVEL: 'warn' }), createLogger('warn'));
  // Sets the refresh watermark on the empty database, so later refreshes are incremental.
  await services.rollups.refresh();
  const server = await startServerProcess({ uri: database.uri, dbName: DB_NAME, token: randomBytes(12).toString('hex') });
  const phases: PhaseFigures[] = [];
  try {
    say(`database: ${database.kind}; ${cpus().length} CPUs; node ${process.version}; data span ${SPAN_DAYS} days ending ${end.toISOString()}`);
    let loaded = 0;
    for (const [index, size] of SIZES.entries()) {
      const phase: PhaseFigures = { size, rows: 0, http: { rows: 0, batches: 0, ms: 0 }, direct: [], refresh: [], queries: [] as QueryFigures[] };
      await loadPhase(index, size - loaded, services, server, phase);
      phase.rows = await services.predictions.collection.countDocuments();
      loaded = phase.rows;
      say(`${phase.rows} rows loaded; timing queries …`);
      phase.queries = await measureQueries(server, services, QUERIES(end), say);
      phase.peakRss = server.peakRss();
      phases.push(phase);
    }
    printSummary({ database: database.kind, cpus: cpus().length, spanDays: SPAN_DAYS, end, httpBudgetMs: HTTP_BUDGET_MS, peakRss: server.peakRss(), phases });
  } finally {
    await server.stop();
    await db.dropDatabase().catch(() => undefined);
    await client.close();
    await database.stop();
  }
}

await main();
