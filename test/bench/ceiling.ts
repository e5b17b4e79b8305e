// The store's own write rate, the ceiling the ingest figures are compared with: insertMany of
// prediction documents from one client, in batches as large as one request, into a scratch collection.
import type { Db } from 'mongodb';
import { Random } from '../../server/core/demo/random.js';
import { spreadPredictions, userDocument } from './load.js';
import { DAY } from './settings.js';

export interface Ceiling {
  docs: number;
  ms: number;
  perSecond: number;
}

export async function measureCeiling(db: Db, docs: number, batch: number): Promise<Ceiling> {
  const collection = db.collection('bench_ceiling');
  await collection.drop().catch(() => undefined);
  const rng = new Random(7);
  const now = Date.now();
  let ms = 0;
  for (let written = 0; written < docs; written += batch) {
    const rows = spreadPredictions(rng, `ceiling-${written}`, Math.min(batch, docs - written), now - 365 * DAY, now);
    const started = performance.now();
    await collection.insertMany(rows.map(userDocument), { ordered: false });
    ms += performance.now() - started;
  }
  await collection.drop().catch(() => undefined);
  return { docs, ms, perSecond: docs / (ms / 1000) };
}

/** A rate as a share of the ceiling, e.g. "37% of 33,000/s". */
export const ofCeiling = (rate: number, ceiling: Ceiling): string =>
  Number.isFinite(rate)
    ? `${Math.round((rate / ceiling.perSecond) * 100)}% of ${Math.round(ceiling.perSecond).toLocaleString('en-US')}/s`
    : 'n/a';
