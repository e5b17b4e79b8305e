// First start with the demo: `clara-monitor serve` with CLARA_DEMO=1 on an empty database, timed
// from the spawn until a `metrics` query over the demo's whole span (DAY) counts every demo row and
// its asOf is past the spawn.
import type { MongoClient } from 'mongodb';
import { demoDataset, type DemoOptions } from '../../server/core/demo/generator.js';
import { int, mb, RSS_FIGURE, RSS_LIMIT, secs, type Figures } from './report.js';
import { launchServer, type ServerProcess } from './server-process.js';
import { DAY, SETTINGS, say } from './settings.js';
import { sleep } from './timing.js';

export const FIGURE = 'first start with the demo: seeded and rollups complete';
const TARGET_MS = 60_000;

/** What `serve` passes to seedDemoIfEmpty besides `now` (server/cli/commands/serve.ts): the generator's defaults. */
const SERVER_DEMO: Omit<DemoOptions, 'now'> = {};

const METRICS = `query($range: TimeRangeInput!) { metrics(range: $range, granularity: DAY) { asOf series { values { predictions } } } }`;

interface Answer {
  metrics: { asOf: string | null; series: { values: { predictions: number } }[] };
}

interface DemoLogLine {
  msg: string;
  to?: unknown;
  rows?: unknown;
}

/** The server's JSON log lines about the demo, in order. */
function demoLog(output: string): DemoLogLine[] {
  const lines: DemoLogLine[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{') || !line.includes('demo')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: unknown };
      if (typeof entry.msg === 'string' && entry.msg.includes('demo')) lines.push({ ...entry, msg: entry.msg });
    } catch {
      // Not a log line of ours.
    }
  }
  return lines;
}

/** The `now` the server seeded with, from its "seeding demo data" log line (its `to`). */
function seededAt(output: string): Date | null {
  const to = demoLog(output).find((l) => l.msg.includes('seeding demo'))?.to;
  return typeof to === 'string' ? new Date(to) : null;
}

/** Where the seeding had got to, by its last log line about the demo. */
function lastDemoLine(output: string): string {
  const last = demoLog(output).pop();
  return last ? `"${last.msg}"${typeof last.rows === 'number' ? ` (${int(last.rows)} rows)` : ''}` : 'none';
}

function demoRows(now: Date): number {
  let rows = 0;
  for (const _ of demoDataset({ ...SERVER_DEMO, now }).rows()) rows++;
  return rows;
}

interface Progress {
  expected: number | null;
  /** Polls answered; the last one counted this many rows. */
  answers: number;
  counted: number;
  asOfPast: boolean;
  ms: number | null;
}

async function poll(server: ServerProcess, budgetMs: number): Promise<Progress> {
  const span = demoDataset({ ...SERVER_DEMO, now: new Date(server.spawnedAt) });
  // Whole UTC days around the demo's span, with a day to spare on both sides.
  const range = {
    from: new Date(Math.floor(span.start.getTime() / DAY) * DAY - DAY).toISOString(),
    to: new Date(Math.ceil(span.end.getTime() / DAY) * DAY + DAY).toISOString(),
  };
  const progress: Progress = { expected: null, answers: 0, counted: 0, asOfPast: false, ms: null };
  while (Date.now() - server.spawnedAt < budgetMs) {
    if (progress.expected === null) {
      const now = seededAt(server.output());
      if (now) progress.expected = demoRows(now);
    }
    try {
      const { metrics } = await server.gql<Answer>(METRICS, { range }, 30_000);
      const answered = Date.now();
      progress.answers++;
      progress.counted = metrics.series.reduce((sum, p) => sum + p.values.predictions, 0);
      progress.asOfPast = metrics.asOf !== null && Date.parse(metrics.asOf) >= server.spawnedAt;
      if (progress.asOfPast && progress.counted === progress.expected) {
        progress.ms = answered - server.spawnedAt;
        return progress;
      }
    } catch {
      // Not listening yet, or busy: ask again.
    }
    await sleep(500);
  }
  return progress;
}

export async function benchFirstStart(
  client: MongoClient,
  uri: string,
  token: string,
  figures: Figures,
): Promise<void> {
  const dbName = `${SETTINGS.dbPrefix}_demo`;
  await client.db(dbName).dropDatabase();
  say(`first start with the demo (budget ${SETTINGS.budget.demoMs / 1000} s) …`);
  const server = await launchServer({ uri, dbName, token, jobs: true, demo: true, logLevel: 'info' });
  try {
    const p = await poll(server, SETTINGS.budget.demoMs);
    const reached = `${int(p.counted)} of ${p.expected === null ? 'unknown (no "seeding demo data" log line)' : int(p.expected)} demo rows counted, asOf ${p.asOfPast ? 'past' : 'not past'} the start`;
    const seen = `${p.answers} polls answered; last demo log line: ${lastDemoLine(server.output())}`;
    figures.detail(
      `first start with the demo: ${p.ms === null ? `not complete within ${secs(SETTINGS.budget.demoMs)}` : secs(p.ms)}; ${reached} (${seen}); server peak RSS ${mb(server.peakRss())}`,
    );
    if (p.ms === null) figures.miss(FIGURE, '-', `> ${secs(SETTINGS.budget.demoMs)}`, `≤ ${secs(TARGET_MS)}`, reached);
    else figures.atMost(FIGURE, '-', p.ms, TARGET_MS, secs, { note: `${int(p.counted)} demo rows` });
    figures.atMost(RSS_FIGURE, 'demo', server.peakRss(), RSS_LIMIT, mb);
  } finally {
    await server.stop();
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
  }
}
