// The bench's own process for rollup work (refresh() + settle(), job switches): the parent kills it
// when a call outlives its budget, which a promise in the parent itself could not be.
import { MongoClient } from 'mongodb';
import { parseConfig } from '../../server/config.js';
import { refreshRollups } from '../../server/jobs/refresh-rollups.js';
import { createLogger } from '../../server/logger.js';
import { wire } from '../../server/wiring.js';
import type { RollupReply, RollupRequest } from './rollup-worker.js';

const config = parseConfig({ ...process.env, LOG_LEVEL: 'warn' });
const client = await new MongoClient(config.mongoUri ?? '').connect();
const { services, jobs } = await wire(client.db(config.dbName), config, createLogger('warn'));

async function handle(request: RollupRequest): Promise<RollupReply> {
  const started = performance.now();
  if (request.op === 'refresh') {
    const summary: unknown = await services.rollups.refresh();
    const refreshMs = performance.now() - started;
    await services.rollups.settle();
    return { ok: true, ms: performance.now() - started, refreshMs, summary: JSON.stringify(summary) };
  }
  // Every job but refresh-rollups off, so a server with jobs runs only the rollup catch-up.
  const others = (await jobs.list()).map((j) => j.name).filter((name) => name !== refreshRollups.name);
  for (const name of others) await jobs.setEnabled(name, false);
  await jobs.close();
  return { ok: true, ms: performance.now() - started, summary: `disabled: ${others.join(', ')}` };
}

process.on('message', (request: RollupRequest) => {
  handle(request).then(
    (reply) => process.send?.(reply),
    (error: unknown) =>
      process.send?.({
        ok: false,
        ms: 0,
        error: error instanceof Error ? error.message : String(error),
      } satisfies RollupReply),
  );
});
process.on('disconnect', () => void client.close().finally(() => process.exit(0)));
process.send?.({ ok: true, ms: 0, summary: 'ready' } satisfies RollupReply);
