// How the drainer brings quarters up to date and sums them into hours and days: batch tallies
// and relabels added to stored quarters, quarters tallied from raw rows, every parent from its
// children (see the header of rollups.ts for when each applies).
import { LEVEL_MS, levelStart, parentStart, type RollupLevel } from '../core/grid.js';
import { parseSeries, seriesOfRow } from '../core/series.js';
import { addRow, emptyTally, mergeAll, mergeInto, relabel, type Tally } from '../core/tally.js';
import type { JournalEntry } from '../store/ingest-journal.js';
import type { Lease } from '../store/leases.js';
import type { PredictionStore } from '../store/predictions.js';
import {
  blockKey,
  packed,
  packTally,
  unpackTally,
  type Block,
  type BlockWrite,
  type PackedTally,
  type RollupStore,
} from '../store/rollups.js';
import type { ServerTraits } from '../store/server-traits.js';
import { countedBelow } from '../store/stamps.js';
import type { Logger } from '../logger.js';
import type { Relabel } from './row-changes.js';

/** On a server with indexes, marked quarters closer than this are read in one range query. */
const INDEXED_READ_GAP_MS = 3600 * 1000;
/** Rows read between two renewals of the rollup lease. */
export const RENEW_ROWS = 20_000;

const EMPTY: PackedTally = packTally(emptyTally());

const childLevel = (level: 'HOUR' | 'DAY'): RollupLevel => (level === 'DAY' ? 'HOUR' : 'QUARTER');

/** The blocks of the level below that make up a block (an hour's quarters, a day's hours). */
function childrenOf(level: 'HOUR' | 'DAY', block: Block): Block[] {
  const step = LEVEL_MS[childLevel(level)];
  return Array.from({ length: LEVEL_MS[level] / step }, (_, k) => ({
    model: block.model,
    start: new Date(block.start.getTime() + k * step),
  }));
}

export function uniqueBlocks(blocks: Iterable<Block>): Block[] {
  const unique = new Map<string, Block>();
  for (const b of blocks) unique.set(blockKey(b.model, b.start), { model: b.model, start: b.start });
  return [...unique.values()].sort((a, b) =>
    a.model < b.model ? -1 : a.model > b.model ? 1 : a.start.getTime() - b.start.getTime(),
  );
}

interface PendingDelta {
  block: Block;
  parts: { entry: string; stamp: string; tally: Tally }[];
  relabels: Relabel[];
}

/** How a recompute tallies quarters from raw rows, counting those stamped at or below the watermark. */
export interface RawTallies {
  watermark: string | null;
  lease: Lease;
  read: (blocks: Block[]) => Promise<Map<string, Tally>>;
}

export class RollupRecompute {
  constructor(
    private readonly stores: { predictions: PredictionStore; rollups: RollupStore },
    private readonly settings: { passBlocks: number; traits: ServerTraits },
    private readonly log: Logger,
  ) {}

  /**
   * The quarters whose batch tallies can be added to what is stored, and whose relabeled rows can
   * change label in it, with their new tallies; the others join `fromRaw`. The same read brings the
   * stored quarters that share an hour with them (`siblings`, none of which this pass rewrites), so
   * summing their hours reads no quarter again.
   */
  async addedQuarters(
    entries: JournalEntry[],
    relabels: Relabel[],
    fromRaw: Map<string, Block>,
    stale: Set<string>,
  ): Promise<{ added: BlockWrite[]; siblings: Map<string, PackedTally> }> {
    const pending = new Map<string, PendingDelta>();
    const pendingFor = (block: Block) => {
      const key = blockKey(block.model, block.start);
      let delta = pending.get(key);
      if (!delta) pending.set(key, (delta = { block, parts: [], relabels: [] }));
      return delta;
    };
    for (const entry of entries) {
      const stamp = entry.stamp?.toHexString() ?? null;
      for (const { block, tally } of entry.deltas) {
        if (stamp === null || stale.has(stamp)) fromRaw.set(blockKey(block.model, block.start), block);
        else pendingFor(block).parts.push({ entry: entry.id.toHexString(), stamp, tally });
      }
    }
    for (const r of relabels) pendingFor(r.block).relabels.push(r);
    const candidates = [...pending].filter(([key]) => !fromRaw.has(key));
    if (candidates.length === 0) return { added: [], siblings: new Map() };
    const hours = uniqueBlocks(
      candidates.map(([, d]) => ({ model: d.block.model, start: parentStart('QUARTER', d.block.start).start })),
    );
    const quarters = hours.flatMap((hour) => childrenOf('HOUR', hour));
    const stored = await this.stores.rollups.readStamped('QUARTER', quarters);
    const added: BlockWrite[] = [];
    for (const [key, { block, parts, relabels }] of candidates) {
      // A quarter that counts a relabeled row is stored; if it is not, something else changed it.
      if (relabels.length > 0 && !stored.has(key)) {
        fromRaw.set(key, block);
        continue;
      }
      const current = stored.get(key);
      // A recompute from raw at or above a batch's stamp may have counted its rows already.
      const rawAt = current?.rawAt ?? null;
      if (rawAt !== null && parts.some((p) => p.stamp <= rawAt)) {
        fromRaw.set(key, block);
        continue;
      }
      const tally = current ? unpackTally(current.packed) : emptyTally();
      const applied = new Set(current?.applied);
      for (const part of parts) if (!applied.has(part.entry)) mergeInto(tally, part.tally);
      for (const r of relabels) relabel(tally, r.row, r.from, r.to);
      // Packed at once: a pass over a year holds tens of thousands of these until they are written.
      added.push({
        block,
        tally: packTally(tally),
        rawAt,
        applied: parts.map((p) => p.entry),
        firstRevision: current === undefined,
      });
    }
    const siblings = new Map<string, PackedTally>();
    for (const { model, start } of quarters) {
      const key = blockKey(model, start);
      // A quarter absent from the store is empty: known as well as a stored one.
      if (!pending.has(key) && !fromRaw.has(key)) siblings.set(key, stored.get(key)?.packed ?? EMPTY);
    }
    return { added, siblings };
  }

  /**
   * Quarters from raw rows (`read` tallies them at the watermark) or with batch tallies added, hours
   * from quarters, days from hours.
   */
  async recompute(
    fromRaw: Block[],
    added: BlockWrite[],
    { watermark, lease, read }: RawTallies,
    siblings: Map<string, PackedTally>,
  ): Promise<number> {
    let written = 0;
    // Tallies this pass just wrote at the level below, packed: a parent reads from the store only
    // the children the pass did not recompute (bounded, so a huge pass does not hold every tally),
    // nor read already (the quarter siblings of added ones).
    let fresh = new Map<string, PackedTally>(siblings);
    const keep = (key: string, packed: PackedTally) => {
      if (fresh.size < this.settings.passBlocks) fresh.set(key, packed);
    };
    const write = async (level: RollupLevel, writes: BlockWrite[]) => {
      // A holder that lost its lease (it stalled past the lifetime) must not write stale tallies.
      if (!(await lease.renew()))
        throw new Error('rollup lease lost; the journal keeps its entries for the next drain');
      const started = Date.now();
      await this.stores.rollups.write(level, writes);
      written += writes.length;
      this.log.debug({ level, blocks: writes.length, ms: Date.now() - started }, 'rollups pass: blocks stored');
    };
    for (let i = 0; i < fromRaw.length; i += this.settings.passBlocks) {
      const chunk = fromRaw.slice(i, i + this.settings.passBlocks);
      const tallies = await read(chunk);
      const writes = chunk.map((block) => ({
        block,
        tally: packTally(tallies.get(blockKey(block.model, block.start)) ?? emptyTally()),
        rawAt: watermark,
        applied: [],
      }));
      tallies.clear();
      // The last read's quarters go with the added ones: one write drops their older revisions.
      await write('QUARTER', i + this.settings.passBlocks >= fromRaw.length ? [...writes, ...added] : writes);
      for (const { block, tally } of writes) keep(blockKey(block.model, block.start), tally);
    }
    if (fromRaw.length === 0)
      for (let i = 0; i < added.length; i += this.settings.passBlocks)
        await write('QUARTER', added.slice(i, i + this.settings.passBlocks));
    for (const a of added) keep(blockKey(a.block.model, a.block.start), packed(a.tally));

    let blocks = uniqueBlocks([...fromRaw, ...added.map((a) => a.block)]);
    for (const [child, level] of [
      ['QUARTER', 'HOUR'],
      ['HOUR', 'DAY'],
    ] as const) {
      blocks = uniqueBlocks(blocks.map((b) => ({ model: b.model, start: parentStart(child, b.start).start })));
      const next = new Map<string, PackedTally>();
      for (let i = 0; i < blocks.length; i += this.settings.passBlocks) {
        const chunk = blocks.slice(i, i + this.settings.passBlocks);
        const tallies = await this.fromChildren(level, chunk, fresh);
        await write(
          level,
          chunk.map((block) => ({ block, tally: tallies.get(blockKey(block.model, block.start)) ?? EMPTY })),
        );
        for (const [key, tally] of tallies) if (next.size < this.settings.passBlocks) next.set(key, tally);
      }
      fresh = next;
    }
    return written;
  }

  /**
   * Raw rows read in as few range queries as suit the server: one per model where every filter
   * scans the collection anyway, one per run of nearby quarters where indexes serve ranges. A
   * version's series is read from its model's rows, so one read serves the model and its versions.
   */
  async fromRaw(blocks: Block[], watermark: string | null, lease: Lease): Promise<Map<string, Tally>> {
    const tallies = new Map<string, Tally>();
    let rows = 0;
    const gap = this.settings.traits.scansEveryFilter ? Infinity : INDEXED_READ_GAP_MS;
    const startsByModel = new Map<string, Set<number>>();
    for (const b of blocks) {
      tallies.set(blockKey(b.model, b.start), emptyTally());
      const { model } = parseSeries(b.model);
      startsByModel.set(model, (startsByModel.get(model) ?? new Set()).add(b.start.getTime()));
    }
    for (const [model, set] of startsByModel) {
      const starts = [...set].sort((a, b) => a - b);
      for (let i = 0; i < starts.length;) {
        let j = i + 1;
        while (j < starts.length && starts[j] - starts[j - 1] <= gap) j++;
        for await (const row of this.stores.predictions.streamBetween(
          model,
          new Date(starts[i]),
          new Date(starts[j - 1] + LEVEL_MS.QUARTER),
        )) {
          // Rows of batches above the watermark are added with their batch's tallies instead.
          if (countedBelow(row.stamp, watermark)) {
            const start = levelStart('QUARTER', row.predictedAt);
            for (const series of seriesOfRow(row)) {
              const tally = tallies.get(blockKey(series, start));
              if (tally) addRow(tally, row);
            }
          }
          if (++rows % RENEW_ROWS === 0 && !(await lease.renew()))
            throw new Error('rollup lease lost while reading raw rows');
        }
        i = j;
      }
    }
    return tallies;
  }

  /** Each block summed from its children, packed as soon as it is summed. */
  private async fromChildren(
    level: 'HOUR' | 'DAY',
    blocks: Block[],
    fresh: Map<string, PackedTally>,
  ): Promise<Map<string, PackedTally>> {
    const child = childLevel(level);
    const missing = blocks.flatMap((b) => childrenOf(level, b)).filter((c) => !fresh.has(blockKey(c.model, c.start)));
    const stored = missing.length > 0 ? await this.stores.rollups.read(child, missing) : new Map<string, Tally>();
    const tallies = new Map<string, PackedTally>();
    for (const block of blocks) {
      const children = childrenOf(level, block).map((c) => {
        const key = blockKey(c.model, c.start);
        const held = fresh.get(key);
        return held ? unpackTally(held) : (stored.get(key) ?? emptyTally());
      });
      tallies.set(blockKey(block.model, block.start), packTally(mergeAll(children)));
    }
    return tallies;
  }
}
