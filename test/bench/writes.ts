// The write figures over HTTP GraphQL on a loaded database: recordPredictions one request at a
// time and from concurrent clients, then recordValidations of stored predictions across the year.
import { Random } from '../../server/core/demo/random.js';
import { ofCeiling, type Ceiling } from './ceiling.js';
import { randomLabel, recordPredictions, recordValidations, spreadPredictions } from './load.js';
import { int, millis, type Figures } from './report.js';
import { describeRun, quantile, runRequests, throughput, type RequestRun } from './requests.js';
import type { ServerProcess } from './server-process.js';
import { DATA_END, DAY, SETTINGS, say } from './settings.js';

export const FIGURE = {
  p50: 'recordPredictions p50 (1,000 spread over 30 days a request)',
  p99: 'recordPredictions p99',
  concurrent: 'recordPredictions from concurrent clients, share of the insertMany ceiling',
  validations: 'recordValidations p99 (1,000 of predictions across the year a request)',
};

const percent = (share: number) => (Number.isFinite(share) ? `${Math.round(share * 100)}%` : 'n/a');
const failures = (run: RequestRun) =>
  (run.failed > 0 ? `, ${run.failed} failed` : '') + (run.cutShort ? ', cut short by the budget' : '');

export interface WriteContext {
  server: ServerProcess;
  figures: Figures;
  /** Where the figures were taken: '100k', '1M'. */
  at: string;
  /** Distinguishes this size's ids from any other size's. */
  idPrefix: string;
  /** The store's insertMany rate, measured on this size's database before its HTTP figures. */
  ceiling: Ceiling;
}

function sendSpread(ctx: WriteContext, rng: Random, tag: string): (client: number, request: number) => Promise<number> {
  const to = DATA_END.getTime();
  const from = to - SETTINGS.requestSpanDays * DAY;
  return async (client, request) => {
    const rows = spreadPredictions(rng, `${ctx.idPrefix}-${tag}${client}-${request}`, SETTINGS.batch, from, to);
    await recordPredictions(ctx.server, rows, SETTINGS.budget.requestMs);
    return rows.length;
  };
}

export async function sequentialPredictions(ctx: WriteContext): Promise<void> {
  say(`${ctx.at}: recordPredictions, ${SETTINGS.requests} requests one at a time …`);
  const run = await runRequests(
    { clients: 1, perClient: SETTINGS.requests, budgetMs: SETTINGS.budget.sequentialMs },
    sendSpread(ctx, new Random(11), 's'),
  );
  const valid = run.failed === 0 && run.times.length > 0;
  const note = `n=${run.times.length}${failures(run)}`;
  const rate = throughput(run);
  ctx.figures.detail(
    `${ctx.at}: recordPredictions one at a time: ${describeRun(run, 'predictions')} (${int(rate)}/s, ${ofCeiling(rate, ctx.ceiling)}); ` +
      `p50 ${millis(quantile(run, 50))}, p99 ${millis(quantile(run, 99))}, max ${millis(quantile(run, 100))}`,
  );
  ctx.figures.atMost(FIGURE.p50, ctx.at, quantile(run, 50), 250, millis, { note, valid });
  ctx.figures.atMost(FIGURE.p99, ctx.at, quantile(run, 99), 1000, millis, { note: `${note}, nearest rank`, valid });
}

export async function concurrentPredictions(ctx: WriteContext): Promise<void> {
  const { clients, concurrentRequests } = SETTINGS;
  say(`${ctx.at}: recordPredictions from ${clients} clients, ${concurrentRequests} requests each …`);
  const run = await runRequests(
    { clients, perClient: concurrentRequests, budgetMs: SETTINGS.budget.concurrentMs },
    sendSpread(ctx, new Random(13), 'c'),
  );
  const rate = throughput(run);
  const ceiling = ctx.ceiling.perSecond;
  ctx.figures.detail(
    `${ctx.at}: recordPredictions from ${clients} clients: ${describeRun(run, 'predictions')}; ${int(rate)}/s; p50 ${millis(quantile(run, 50))}, p99 ${millis(quantile(run, 99))}`,
  );
  ctx.figures.atLeast(FIGURE.concurrent, ctx.at, rate / ceiling, 0.3, percent, {
    note: `${int(rate)}/s of ${int(ceiling)}/s measured at this size, ${clients} clients${failures(run)}`,
    valid: run.failed === 0 && run.items > 0,
  });
}

/** `ids`: stored predictions sampled uniformly over the loaded rows (so across the whole year). */
export async function validations(ctx: WriteContext, ids: readonly string[]): Promise<void> {
  const requests = Math.min(SETTINGS.validationRequests, Math.floor(ids.length / SETTINGS.batch));
  say(`${ctx.at}: recordValidations, ${requests} requests one at a time …`);
  const rng = new Random(17);
  const send = async (_client: number, request: number): Promise<number> => {
    const items = ids
      .slice(request * SETTINGS.batch, (request + 1) * SETTINGS.batch)
      .map((id) => ({ id, actual: randomLabel(rng) }));
    await recordValidations(ctx.server, items, SETTINGS.budget.requestMs);
    return items.length;
  };
  const run = await runRequests({ clients: 1, perClient: requests, budgetMs: SETTINGS.budget.validationsMs }, send);
  ctx.figures.detail(
    `${ctx.at}: recordValidations one at a time: ${describeRun(run, 'validations')}; p50 ${millis(quantile(run, 50))}, p99 ${millis(quantile(run, 99))}`,
  );
  ctx.figures.atMost(FIGURE.validations, ctx.at, quantile(run, 99), 1000, millis, {
    note: `n=${run.times.length}, nearest rank${failures(run)}`,
    valid: run.failed === 0 && run.times.length > 0,
  });
}
