// Sends requests from N clients in parallel (1: one at a time), each until its count or the phase's
// budget is spent, and keeps every request's latency.
import { percentile } from './timing.js';

export interface RequestRun {
  clients: number;
  /** Latency of every request sent, failed ones included (ms, ascending). */
  times: number[];
  failed: number;
  firstError: string | null;
  /** From the first request sent to the last answer. */
  wallMs: number;
  /** Items acknowledged (predictions or validations). */
  items: number;
  /** The budget ran out before every client sent its count. */
  cutShort: boolean;
}

/** A phase stops after this many failed requests: the next ones would only say the same. */
const MAX_FAILURES = 3;

export async function runRequests(
  { clients, perClient, budgetMs }: { clients: number; perClient: number; budgetMs: number },
  send: (client: number, request: number) => Promise<number>,
): Promise<RequestRun> {
  const run: RequestRun = { clients, times: [], failed: 0, firstError: null, wallMs: 0, items: 0, cutShort: false };
  const started = performance.now();
  const client = async (c: number): Promise<void> => {
    for (let k = 0; k < perClient; k++) {
      if (performance.now() - started > budgetMs || run.failed >= MAX_FAILURES) {
        run.cutShort = true;
        return;
      }
      const sentAt = performance.now();
      try {
        // Not `run.items += await …`: that reads run.items before the await and loses other clients' counts.
        const items = await send(c, k);
        run.items += items;
      } catch (error) {
        run.failed++;
        run.firstError ??= error instanceof Error ? error.message.slice(0, 300) : String(error);
      }
      run.times.push(performance.now() - sentAt);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  run.wallMs = performance.now() - started;
  run.times.sort((a, b) => a - b);
  return run;
}

export const quantile = (run: RequestRun, p: number): number => percentile(run.times, p);

/** Items acknowledged per second of wall time. */
export const throughput = (run: RequestRun): number => (run.wallMs > 0 ? run.items / (run.wallMs / 1000) : NaN);

export function describeRun(run: RequestRun, unit: string): string {
  const parts = [
    `${run.times.length} requests from ${run.clients} client${run.clients === 1 ? '' : 's'}`,
    `${run.items.toLocaleString('en-US')} ${unit} acknowledged in ${(run.wallMs / 1000).toFixed(1)} s`,
  ];
  if (run.failed > 0) parts.push(`${run.failed} failed (${run.firstError})`);
  if (run.cutShort) parts.push('cut short by the time budget');
  return parts.join(', ');
}
