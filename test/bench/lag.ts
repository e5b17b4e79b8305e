// Rollup lag under a steady stream: recordPredictions at a fixed rate over HTTP while a poller asks
// `metrics` for its asOf. A batch's lag runs from its acknowledgement (here) until an answer whose
// asOf is at or past that instant (asOf: every write acknowledged before it is in the rollups).
import { Random } from '../../server/core/demo/random.js';
import { recordPredictions, spreadPredictions } from './load.js';
import { percentile, sleep } from './timing.js';
import type { ServerProcess } from './server-process.js';
import { DAY, SETTINGS, say } from './settings.js';

export interface LagResult {
  /** Batches acknowledged during the stream. */
  acked: number;
  failed: number;
  /** Ticks skipped because too many requests were still waiting for an answer. */
  skipped: number;
  /** Lag of every acknowledged batch (ms, ascending); Infinity for batches asOf never reached. */
  lags: number[];
  /** Predictions acknowledged per second of stream. */
  rate: number;
  polls: number;
  firstError: string | null;
}

/** More requests in flight than this and the stream skips ticks (the server is not keeping up). */
const MAX_IN_FLIGHT = 8;

const ASOF = `query($range: TimeRangeInput!) { metrics(range: $range, granularity: DAY) { asOf } }`;

/**
 * The server's asOf (ms since the epoch; -Infinity while it has none), from a cheap `metrics` query:
 * whole UTC days, so it is answered from rollups alone (edges inside a quarter would read raw rows,
 * a scan of the predictions collection on FerretDB, and every poll would wait for it).
 */
export async function askAsOf(server: ServerProcess, timeoutMs: number): Promise<number> {
  const today = Math.floor(Date.now() / DAY) * DAY;
  const range = { from: new Date(today - 2 * DAY).toISOString(), to: new Date(today + 2 * DAY).toISOString() };
  const { metrics } = await server.gql<{ metrics: { asOf: string | null } }>(ASOF, { range }, timeoutMs);
  return metrics.asOf === null ? -Infinity : Date.parse(metrics.asOf);
}

/** Waits until asOf reaches `instant` (every write acknowledged before it is in the rollups); false past the budget. */
export async function waitForAsOf(server: ServerProcess, instant: number, budgetMs: number): Promise<boolean> {
  const deadline = Date.now() + budgetMs;
  while (Date.now() < deadline) {
    const asOf = await askAsOf(server, Math.max(1000, deadline - Date.now())).catch(() => -Infinity);
    if (asOf >= instant) return true;
    await sleep(SETTINGS.pollMs);
  }
  return false;
}

export async function measureLag(server: ServerProcess, idPrefix: string): Promise<LagResult> {
  const { streamRate, streamMs, batch, pollMs, budget } = SETTINGS;
  const interval = (batch / streamRate) * 1000;
  const rng = new Random(19);
  const result: LagResult = { acked: 0, failed: 0, skipped: 0, lags: [], rate: 0, polls: 0, firstError: null };
  const waiting: number[] = [];
  const inFlight = new Set<Promise<void>>();

  let polling = true;
  const poller = (async () => {
    while (polling) {
      const asked = Date.now();
      try {
        // A slow answer still tells the lag (up to the drain budget), so polls may take that long.
        const asOf = await askAsOf(server, budget.drainMs);
        // An answer that arrives after the drain budget no longer counts (those batches are unseen).
        if (!polling) break;
        const answered = Date.now();
        result.polls++;
        for (let i = waiting.length - 1; i >= 0; i--) {
          if (asOf >= waiting[i]) result.lags.push(answered - waiting.splice(i, 1)[0]);
        }
      } catch (error) {
        if (polling)
          result.firstError ??= `poll: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
      }
      await sleep(Math.max(0, pollMs - (Date.now() - asked)));
    }
  })();

  say(`lag: ${streamRate} predictions/s in requests of ${batch} for ${streamMs / 1000} s …`);
  const started = performance.now();
  for (let tick = 0; performance.now() - started < streamMs; tick++) {
    await sleep(started + tick * interval - performance.now());
    if (inFlight.size >= MAX_IN_FLIGHT) {
      result.skipped++;
      continue;
    }
    const now = Date.now();
    const rows = spreadPredictions(rng, `${idPrefix}-lag${tick}`, batch, now - interval, now);
    const request = recordPredictions(server, rows, budget.requestMs).then(
      () => {
        waiting.push(Date.now());
        result.acked++;
      },
      (error: unknown) => {
        result.failed++;
        result.firstError ??= error instanceof Error ? error.message.slice(0, 200) : String(error);
      },
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }
  await Promise.all(inFlight);
  result.rate = (result.acked * batch) / ((performance.now() - started) / 1000);
  say(
    `lag: stream over (${result.acked} batches acknowledged); waiting up to ${budget.drainMs / 1000} s for asOf to pass them …`,
  );
  const drainEnd = Date.now() + budget.drainMs;
  while (waiting.length > 0 && Date.now() < drainEnd) await sleep(pollMs);
  polling = false;
  // A poll still waiting for its answer is not awaited: the server stops after this.
  await Promise.race([poller, sleep(1000)]);
  result.lags.push(...waiting.map(() => Infinity));
  result.lags.sort((a, b) => a - b);
  return result;
}

export const lagQuantile = (r: LagResult, p: number): number => percentile(r.lags, p);
