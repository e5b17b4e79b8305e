// Every per-size figure, on a database of its own: `size` predictions over the span written directly
// (as an application would), refresh until the rollups are complete, queries against the naive scan,
// the HTTP write figures, then the rollup lag under a steady stream.
import type { MongoClient } from 'mongodb';
import { demoDataset } from '../../server/core/demo/generator.js';
import { Random } from '../../server/core/demo/random.js';
import { measureCeiling, ofCeiling, type Ceiling } from './ceiling.js';
import { lagQuantile, measureLag, waitForAsOf } from './lag.js';
import { insertDirect, Reservoir } from './load.js';
import { measureQueries, QUERIES, type QueryFigures } from './queries.js';
import { int, mb, millis, RSS_FIGURE, RSS_LIMIT, secs, sizeName, type Figures } from './report.js';
import { RollupWorker } from './rollup-worker.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { DATA_END, SETTINGS, say } from './settings.js';
import { within } from './timing.js';
import { concurrentPredictions, sequentialPredictions, validations, type WriteContext } from './writes.js';

export const REFRESH_FIGURE = 'rows written directly: refresh() + settle() until rollups complete';
export const LAG_FIGURE = 'rollup lag p99 under a steady stream';

export interface SizeRun {
  size: number;
  at: string;
  queries: QueryFigures[];
}

export interface BenchEnv {
  client: MongoClient;
  uri: string;
  token: string;
  ceiling: Ceiling;
  figures: Figures;
}

/** Which phase raised the server's peak RSS: the figure is one number per size. */
const peakSoFar = (server: ServerProcess): string => `server peak RSS so far ${mb(server.peakRss())}`;

/**
 * Lets the server's rollups take in what the previous phase wrote (asOf past now), so that work does
 * not slow the next figure. Watched over GraphQL, never interrupted: past the budget the bench moves on.
 */
async function settle(server: ServerProcess, figures: Figures, at: string, after: string): Promise<void> {
  const started = Date.now();
  const caughtUp = await waitForAsOf(server, started, SETTINGS.budget.settleMs);
  figures.detail(
    `${at}: rollups caught up after ${after}: ${caughtUp ? `in ${secs(Date.now() - started)}` : `not within ${secs(SETTINGS.budget.settleMs)}`}; ${peakSoFar(server)}`,
  );
}

async function load(
  env: BenchEnv,
  worker: RollupWorker,
  index: number,
  size: number,
  at: string,
  dbName: string,
): Promise<string[]> {
  const collection = env.client.db(dbName).collection('predictions');
  const dataset = demoDataset({
    now: DATA_END,
    days: SETTINGS.spanDays,
    perDay: size / SETTINGS.spanDays,
    seed: 1000 + index,
    idPrefix: `bench${index}`,
  });
  const sample = new Reservoir<string>(SETTINGS.validationRequests * SETTINGS.batch, new Random(23 + index));
  say(`${at}: insertMany of ~${int(size)} rows over ${SETTINGS.spanDays} days straight into the collection …`);
  const loaded = await insertDirect(collection, dataset.rows(), (row) => sample.offer(row.id));
  env.figures.detail(
    `${at}: ${int(loaded.rows)} rows written directly in ${secs(loaded.ms)} (${int(loaded.rows / (loaded.ms / 1000))}/s, batches of 5,000)`,
  );
  say(`${at}: refresh() + settle() (budget ${SETTINGS.budget.refreshMs / 1000} s) …`);
  const { reply, ms } = await worker.call({ op: 'refresh' }, SETTINGS.budget.refreshMs);
  const name = REFRESH_FIGURE;
  if (reply?.ok) {
    env.figures.detail(
      `${at}: refresh ${secs(reply.refreshMs ?? NaN)} + settle ${secs(ms - (reply.refreshMs ?? 0))}; ${reply.summary ?? ''}`,
    );
    const rate = loaded.rows / (ms / 1000);
    env.figures.atMost(name, at, ms, 180_000, secs, {
      note: `${int(loaded.rows)} rows, ${int(rate)} rows/s (${ofCeiling(rate, env.ceiling)})`,
    });
  } else {
    // Killed mid-drain, the child leaves the rollups lease held until it expires (5 minutes today).
    env.figures.detail(
      `${at}: refresh ${reply ? `failed: ${reply.error}` : `killed after ${secs(ms)} (its rollups lease stays held until it expires)`}`,
    );
    env.figures.miss(
      name,
      at,
      reply ? 'failed' : `> ${secs(ms)}`,
      `≤ ${secs(180_000)}`,
      `${int(loaded.rows)} rows; rollups incomplete from here on`,
    );
  }
  return sample.items;
}

async function lag(env: BenchEnv, worker: RollupWorker, at: string, dbName: string, idPrefix: string): Promise<number> {
  // A server as `clara-monitor serve` runs it (jobs on), with only the rollup job left enabled.
  const { reply } = await worker.call({ op: 'only-rollup-jobs' }, 60_000);
  const server = await startServerProcess({ uri: env.uri, dbName, token: env.token, jobs: true });
  try {
    // The lag of a steady stream: the earlier phases' backlog (timed here) drains first.
    const started = Date.now();
    const drained = await waitForAsOf(server, started, SETTINGS.budget.backlogMs);
    env.figures.detail(
      `${at}: the earlier phases' backlog ${drained ? `drained in ${secs(Date.now() - started)}` : `did not drain within ${secs(SETTINGS.budget.backlogMs)}; the stream starts anyway`}; ${peakSoFar(server)}`,
    );
    const r = await measureLag(server, idPrefix);
    const unseen = r.lags.filter((l) => l === Infinity).length;
    const p99 = lagQuantile(r, 99);
    env.figures.detail(
      `${at}: lag stream: ${int(r.rate)} predictions/s acknowledged (${r.acked} batches, ${r.failed} failed, ${r.skipped} ticks skipped), ` +
        `lag p50 ${secs(lagQuantile(r, 50))}, p99 ${secs(p99)}, max ${secs(lagQuantile(r, 100))}; ${unseen} batches not in asOf after the ${secs(SETTINGS.budget.drainMs)} drain; ` +
        `${r.polls} polls; server jobs: ${reply?.summary ?? 'not switched'}${r.firstError ? `; first error: ${r.firstError}` : ''}`,
    );
    const note =
      `${r.acked} batches of ${SETTINGS.batch} at ${int(r.rate)}/s for ${secs(SETTINGS.streamMs)}` +
      (unseen > 0 ? `, ${unseen} never seen in asOf` : '');
    if (p99 === Infinity)
      env.figures.miss(LAG_FIGURE, at, `> ${secs(SETTINGS.budget.drainMs)}`, `≤ ${secs(90_000)}`, note);
    else env.figures.atMost(LAG_FIGURE, at, p99, 90_000, secs, { note, valid: r.acked > 0 && r.failed === 0 });
  } finally {
    await server.stop();
  }
  return server.peakRss();
}

export async function benchSize(env: BenchEnv, index: number, size: number): Promise<SizeRun> {
  const at = sizeName(size);
  const dbName = `${SETTINGS.dbPrefix}_${at.toLowerCase()}`;
  const db = env.client.db(dbName);
  await db.dropDatabase();
  let server: ServerProcess | null = await startServerProcess({ uri: env.uri, dbName, token: env.token, jobs: false });
  const worker = new RollupWorker({ uri: env.uri, dbName });
  let peak = 0;
  try {
    // A deployment already running: its refresh watermark exists before the application writes.
    await worker.call({ op: 'refresh' }, SETTINGS.budget.refreshMs);
    const ids = await load(env, worker, index, size, at, dbName);
    say(`${at}: timing queries …`);
    const queries = await measureQueries(
      server,
      db.collection('predictions'),
      QUERIES(DATA_END),
      SETTINGS.budget.naiveMs,
      (line) => say(`${at}: ${line.trim()}`),
    );
    env.figures.detail(`${at}: after the queries, ${peakSoFar(server)}`);
    for (const q of queries) {
      env.figures.detail(
        `${at}: metrics ${q.name} (${q.points} points): p50 ${millis(q.metrics.p50)}, p95 ${millis(q.metrics.p95)} (${q.metrics.runs} runs); naive p50 ${millis(q.naive.p50)} (${q.naive.runs} runs); same answer: ${q.agree ? 'yes' : 'NO'}`,
      );
    }
    const ceiling = await measureCeiling(db, SETTINGS.ceilingDocs, SETTINGS.batch);
    env.figures.detail(
      `${at}: insertMany ceiling on this database: ${int(ceiling.perSecond)} documents/s (${int(ceiling.docs)} documents, batches of ${SETTINGS.batch})`,
    );
    const ctx: WriteContext = { server, figures: env.figures, at, idPrefix: `http${index}`, ceiling };
    await sequentialPredictions(ctx);
    await settle(server, env.figures, at, 'recordPredictions one at a time');
    await concurrentPredictions(ctx);
    await settle(server, env.figures, at, 'concurrent recordPredictions');
    await validations(ctx, ids);
    await settle(server, env.figures, at, 'recordValidations');
    await server.stop();
    peak = server.peakRss();
    server = null;
    if (SETTINGS.phases.has('lag')) peak = Math.max(peak, await lag(env, worker, at, dbName, `http${index}`));
    env.figures.atMost(RSS_FIGURE, at, peak, RSS_LIMIT, mb, { note: 'largest of this size’s server processes' });
    return { size, at, queries };
  } finally {
    await server?.stop();
    await worker.stop();
    // FerretDB may still be running statements of the stopped server: the next size does not wait for them.
    if (!(await within(db.dropDatabase(), 60_000))) say(`${at}: dropping ${dbName} is taking over a minute; going on`);
  }
}
