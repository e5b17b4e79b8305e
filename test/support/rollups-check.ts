// The property every rollup test checks: each stored block of each level equals the tally of the
// raw rows inside it, and no block exists without rows. Blocks and tallies are worked out here
// (naiveTally), not with the server's grid and tally code. Version series are checked too.
import type { Db } from 'mongodb';
import { expect } from 'vitest';
import type { PredictionRow } from '../../server/core/prediction.js';
import type { PredictionStore } from '../../server/store/predictions.js';
import { RollupStore } from '../../server/store/rollups.js';
import { probeServer } from '../../server/store/server-traits.js';
import { naiveTally } from './expected.js';

/** Rollup blocks tile time from the epoch (UTC midnight) in quarter hours, hours and days. */
const LEVELS = { QUARTER: 15 * 60_000, HOUR: 60 * 60_000, DAY: 24 * 60 * 60_000 } as const;

/**
 * The model's series, and the series of each of its versions (named here as the server names them:
 * model, U+001F, version), each against the raw rows it stands for.
 */
export async function expectRollupsEqualRaw(
  services: { db: Db; predictions: PredictionStore },
  model: string,
): Promise<void> {
  const raw = await services.predictions.rowsBetween(model, new Date(0), new Date('2100-01-01'));
  const store = new RollupStore(services.db, await probeServer(services.db));
  await expectSeriesEqualRows(services.db, store, model, raw);
  const prefix = `${model}\u001f`;
  const stored = (await services.db.collection('rollups_day').distinct('model'))
    .map(String)
    .filter((name) => name.startsWith(prefix));
  const versions = new Set([
    ...stored.map((name) => name.slice(prefix.length)),
    ...raw.flatMap((r) => (r.version ? [r.version] : [])),
  ]);
  for (const version of versions)
    await expectSeriesEqualRows(
      services.db,
      store,
      prefix + version,
      raw.filter((r) => r.version === version),
    );
}

async function expectSeriesEqualRows(db: Db, store: RollupStore, model: string, raw: PredictionRow[]): Promise<void> {
  for (const [level, ms] of Object.entries(LEVELS) as [keyof typeof LEVELS, number][]) {
    const groups = new Map<number, typeof raw>();
    for (const row of raw) {
      const start = Math.floor(row.predictedAt.getTime() / ms) * ms;
      const group = groups.get(start);
      if (group) group.push(row);
      else groups.set(start, [row]);
    }
    // Older revisions are gone once a pass is done: every document of a block is of one revision.
    const revisions = new Map<number, Set<number>>();
    for (const doc of await db
      .collection<{ start: Date; v: number }>(`rollups_${level.toLowerCase()}`)
      .find({ model }, { projection: { start: 1, v: 1 } })
      .toArray()) {
      revisions.set(doc.start.getTime(), (revisions.get(doc.start.getTime()) ?? new Set()).add(doc.v));
    }
    expect(
      [...revisions.values()].filter((v) => v.size > 1),
      `${model} ${level} blocks with older revisions left`,
    ).toEqual([]);
    const stored = new Map(
      (await store.readAll(level, model))
        .filter((b) => b.tally.predictions > 0)
        .map((b) => [b.start.getTime(), b.tally]),
    );
    expect([...stored.keys()].sort(), `${model} ${level} blocks`).toEqual([...groups.keys()].sort());
    for (const [start, rows] of groups)
      expect(stored.get(start), `${model} ${level} ${new Date(start).toISOString()}`).toEqual(naiveTally(rows));
  }
}
