// `npm run bench` (not a test: it prints, never asserts): the figures of issue 9's targets, each with
// its target and PASS/MISS, at every size of BENCH_SIZES (default 100k and 1M stored predictions over
// a year), on the test store, next to the store's own insertMany rate. docs/benchmark.md explains it.
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { MongoClient } from 'mongodb';
import { startTestDatabase } from '../support/mongo-harness.js';
import { measureCeiling } from './ceiling.js';
import { benchFirstStart, FIGURE as DEMO_FIGURE } from './first-start.js';
import { benchImport, importFigure } from './import-cli.js';
import type { QueryFigures } from './queries.js';
import { Figures, int, printReport, RSS_FIGURE, secs, sizeName } from './report.js';
import { SETTINGS, DATA_END, say } from './settings.js';
import { benchSize, LAG_FIGURE, REFRESH_FIGURE, type SizeRun } from './size-phase.js';
import { FIGURE as WRITE } from './writes.js';

const growthFigure = (q: QueryFigures, small: SizeRun, big: SizeRun) =>
  `metrics ${q.name}: t(${big.at}) / t(${small.at}) (p50)`;
const naiveFigure = (q: QueryFigures) => `metrics ${q.name}: faster than the naive scan (p50)`;

/** Query figures need every size: growth from the smallest to the largest, speed-up at each size. */
function queryFigures(figures: Figures, runs: SizeRun[]): string[] {
  const names: string[] = [];
  const small = runs[0];
  const big = runs[runs.length - 1];
  for (const [i, q] of small.queries.entries()) {
    if (runs.length > 1) {
      const growth = big.queries[i].metrics.p50 / q.metrics.p50;
      names.push(growthFigure(q, small, big));
      figures.atMost(growthFigure(q, small, big), `${small.at}→${big.at}`, growth, 1.3, (n) => n.toFixed(2));
    }
    names.push(naiveFigure(q));
    for (const run of runs) {
      const at = run.queries[i];
      figures.atLeast(naiveFigure(q), run.at, at.naive.p50 / at.metrics.p50, 100, (n) => `${int(n)}×`, {
        note: `same answer: ${at.agree ? 'yes' : 'NO'}`,
        valid: at.agree,
      });
    }
  }
  return names;
}

async function main(): Promise<void> {
  const started = Date.now();
  const database = await startTestDatabase();
  const client = await new MongoClient(database.uri).connect();
  const token = randomBytes(12).toString('hex');
  const figures = new Figures();
  const header = [
    `store: ${database.kind}; ${cpus().length} CPUs; node ${process.version}; load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
    `sizes: ${SETTINGS.sizes.map(sizeName).join(', ')} predictions over ${SETTINGS.spanDays} days ending ${DATA_END.toISOString()} (demo generator, ~85% validated), a fresh database each`,
    `requests: ${SETTINGS.batch} items each; ${SETTINGS.requests} sequential, ${SETTINGS.clients}×${SETTINGS.concurrentRequests} concurrent, ${SETTINGS.validationRequests} of validations; ` +
      `stream ${SETTINGS.streamRate}/s for ${secs(SETTINGS.streamMs)}`,
  ];
  try {
    say(header.join('\n          '));
    const ceiling = await measureCeiling(
      client.db(`${SETTINGS.dbPrefix}_ceiling`),
      SETTINGS.ceilingDocs,
      SETTINGS.batch,
    );
    header.push(
      `insertMany ceiling: ${int(ceiling.perSecond)} documents/s (${int(ceiling.docs)} documents, batches of ${SETTINGS.batch}, one client)`,
    );
    say(header[header.length - 1]);
    const env = { client, uri: database.uri, token, ceiling, figures };
    const runs: SizeRun[] = [];
    if (SETTINGS.phases.has('sizes'))
      for (const [i, size] of SETTINGS.sizes.entries()) runs.push(await benchSize(env, i, size));
    const queryNames = runs.length > 0 ? queryFigures(figures, runs) : [];
    if (SETTINGS.phases.has('demo')) await benchFirstStart(client, database.uri, token, figures);
    if (SETTINGS.phases.has('import')) await benchImport(client, database.uri, ceiling, figures);
    header.push(
      `whole run: ${secs(Date.now() - started)}; load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const order = [
      WRITE.p50,
      WRITE.p99,
      WRITE.concurrent,
      WRITE.validations,
      REFRESH_FIGURE,
      LAG_FIGURE,
      DEMO_FIGURE,
      importFigure(SETTINGS.importLines),
      ...queryNames,
      RSS_FIGURE,
    ];
    printReport(header, figures, order);
  } finally {
    await client.close();
    await database.stop();
  }
}

await main();
