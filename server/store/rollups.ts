// Rollup documents: one per model, grid block and revision (split in parts when huge, see
// rollup-docs.ts), per level.
//
// A recompute inserts a new revision and then deletes the older ones in one statement per level:
// inserts are cheap everywhere, while an update or replace, even by _id, scans the whole collection
// on FerretDB. Readers keep the newest revision of a block, so the moment between the two writes
// (or a crash there) never shows a block twice.
import type { Collection, Db, Filter } from 'mongodb';
import type { RollupLevel } from '../core/grid.js';
import type { Tally } from '../core/tally.js';
import { COLLECTIONS } from './collections.js';
import { RollupCache } from './rollup-cache.js';
import {
  blockKey,
  docLists,
  docsOf,
  NewestRevisions,
  packed,
  type PackedTally,
  type RollupDoc,
  type StampedTally,
} from './rollup-docs.js';
import type { ServerTraits } from './server-traits.js';

export { blockKey, packed, packTally, unpackTally, type PackedTally, type StampedTally } from './rollup-docs.js';

/** A grid block of one model (its level is known from the context). */
export interface Block {
  model: string;
  start: Date;
}

/** A block's new tally (packed where a pass holds many); quarters also carry the drainer's stamps. */
export interface BlockWrite {
  block: Block;
  tally: Tally | PackedTally;
  rawAt?: string | null;
  applied?: string[];
  /** The writer read the store under the rollup lease and found no revision: nothing to delete. */
  firstRevision?: boolean;
}

/** Blocks copied per insert when a write carries the other blocks of its range along. */
const COPY_CHUNK = 1000;
/**
 * Most documents one delete removes where every filter scans: FerretDB 1.24 deletes the matched
 * documents by a list of SQL variables, and SQLite refuses more than 32,766 of them.
 */
const DELETE_MAX = 20_000;
/** Longest `start: {$in}` list a delete uses where every filter scans. */
const IN_LIST_MAX = 200;

let revisions = 0;
/** Distinct per write in a process, and growing with time across processes. */
const nextRevision = () => Date.now() * 1000 + (revisions++ % 1000);

export class RollupStore {
  private readonly levels: Record<RollupLevel, Collection<RollupDoc>>;
  /** Only where every filter scans; indexes make reading just the wanted blocks cheap elsewhere. */
  private readonly cache: RollupCache | null;

  constructor(
    db: Db,
    private readonly traits: ServerTraits,
  ) {
    this.levels = {
      QUARTER: db.collection<RollupDoc>(COLLECTIONS.rollups.QUARTER),
      HOUR: db.collection<RollupDoc>(COLLECTIONS.rollups.HOUR),
      DAY: db.collection<RollupDoc>(COLLECTIONS.rollups.DAY),
    };
    this.cache = traits.scansEveryFilter ? new RollupCache(db) : null;
  }

  /** Stores recomputed blocks whole as new revisions, then drops older ones: writing the same tally twice changes nothing. */
  async write(level: RollupLevel, entries: BlockWrite[]): Promise<void> {
    if (entries.length === 0) return;
    const prior = await this.cache?.token();
    const rev = nextRevision();
    const collection = this.levels[level];
    const docs = entries.flatMap(({ block, tally, rawAt, applied }) => {
      const parts = docsOf(block.model, block.start, tally, rev);
      if (rawAt !== undefined) parts[0].rawAt = rawAt;
      if (applied !== undefined) parts[0].applied = applied;
      return parts;
    });
    await collection.insertMany(docs, { ordered: false });
    // Where every filter scans, skipping a delete saves a scan (a missed one would leave garbage
    // that readers ignore, never a wrong count).
    for (const [model, starts] of byModel(entries.filter((e) => !e.firstRevision).map((e) => e.block)))
      await this.dropOlder(collection, model, starts, rev);
    if (prior !== undefined && this.cache) {
      await this.cache.written(
        prior,
        level,
        entries.map(({ block, tally }) => ({ block, packed: packed(tally) })),
      );
    }
  }

  /**
   * Deletes revisions older than `rev` of these blocks. Where every filter scans, a `$in` of n
   * starts costs n comparisons per document, so the older revisions are found with one range read
   * first (past a short list, which one `$in` delete handles): none (a first load) means nothing
   * to delete; when each lies in this write, one range delete does it; a few blocks go by a short
   * `$in`; many go by one range delete after the other blocks of the range are copied into this
   * revision.
   */
  private async dropOlder(
    collection: Collection<RollupDoc>,
    model: string,
    starts: Date[],
    rev: number,
  ): Promise<void> {
    // A short list costs one scan here, as a read to learn whether there is anything to delete would.
    if (!this.traits.scansEveryFilter || starts.length <= IN_LIST_MAX) {
      await collection.deleteMany({ model, start: { $in: starts }, v: { $lt: rev } });
      return;
    }
    const mine = new Set(starts.map((d) => d.getTime()));
    let [min, max] = [Infinity, -Infinity];
    for (const t of mine) [min, max] = [Math.min(min, t), Math.max(max, t)];
    const older = { model, start: { $gte: new Date(min), $lte: new Date(max) }, v: { $lt: rev } };
    // Only where each older revision lies (not its counts): a year of blocks read whole would cost
    // hundreds of MB here.
    const ours = new Set<number>();
    const newestOther = new Map<number, number>();
    const olderAt = new Map<number, number>();
    for await (const doc of collection.find(older, { projection: { start: 1, v: 1 } })) {
      const start = doc.start.getTime();
      olderAt.set(start, (olderAt.get(start) ?? 0) + 1);
      if (mine.has(start)) ours.add(start);
      else newestOther.set(start, Math.max(newestOther.get(start) ?? -Infinity, doc.v));
    }
    if (ours.size === 0) return;
    if (newestOther.size > 0 && ours.size <= IN_LIST_MAX) {
      await collection.deleteMany({ model, start: { $in: [...ours].map((t) => new Date(t)) }, v: { $lt: rev } });
      return;
    }
    // A long $in costs one comparison per item per document here, so the newest revision of each
    // other block in the range is copied into this revision instead (same counts, newer number),
    // streamed in chunks, and range deletes go.
    if (newestOther.size > 0) await this.copyInto(collection, older, newestOther, rev);
    for (const [from, to] of deleteRanges(olderAt, DELETE_MAX))
      await collection.deleteMany({ ...older, start: { $gte: new Date(from), $lte: new Date(to) } });
  }

  private async copyInto(
    collection: Collection<RollupDoc>,
    range: Filter<RollupDoc>,
    newest: Map<number, number>,
    rev: number,
  ): Promise<void> {
    let chunk: RollupDoc[] = [];
    const flush = async () => {
      if (chunk.length > 0) await collection.insertMany(chunk, { ordered: false });
      chunk = [];
    };
    for await (const doc of collection.find(range)) {
      if (newest.get(doc.start.getTime()) !== doc.v) continue;
      const id = `${blockKey(doc.model, doc.start)}#${rev}${doc.part > 0 ? `#${doc.part}` : ''}`;
      chunk.push({ ...doc, _id: id, v: rev });
      if (chunk.length === COPY_CHUNK) await flush();
    }
    await flush();
  }

  /**
   * Tallies of the requested blocks, keyed by blockKey; missing blocks are absent. Where every
   * filter scans anyway, one range read per model (checked in memory) replaces `$in` lists, which
   * such a server tests against every document.
   */
  async read(level: RollupLevel, blocks: Block[]): Promise<Map<string, Tally>> {
    if (!this.cache || level === 'QUARTER') return (await this.newest(level, blocks)).tallies();
    // Read whole once (a scan costs the same whatever the range), then served until the next write.
    const found = new Map<string, Tally>();
    const token = await this.cache.token();
    for (const [model, starts] of byModel(blocks)) {
      const all = await this.cache.blocks(level, model, token, async () =>
        (await this.allOf(level, model)).packedByStart(),
      );
      for (const start of starts) {
        const packed = all.get(start.getTime());
        if (packed) found.set(blockKey(model, start), this.cache.unpack(packed));
      }
    }
    return found;
  }

  /** The same, with the stamps the drainer keeps on quarters. */
  async readStamped(level: RollupLevel, blocks: Block[]): Promise<Map<string, StampedTally>> {
    return (await this.newest(level, blocks)).stamped();
  }

  private async newest(level: RollupLevel, blocks: Block[]): Promise<NewestRevisions> {
    const newest = new NewestRevisions();
    const CHUNK = 5000;
    for (const [model, starts] of byModel(blocks)) {
      if (this.traits.scansEveryFilter) {
        const wanted = new Set(starts.map((d) => d.getTime()));
        let [min, max] = [Infinity, -Infinity];
        for (const t of wanted) [min, max] = [Math.min(min, t), Math.max(max, t)];
        const range = { $gte: new Date(min), $lte: new Date(max) };
        for await (const doc of this.levels[level].find({ model, start: range }))
          if (wanted.has(doc.start.getTime())) newest.add(doc);
        continue;
      }
      for (let i = 0; i < starts.length; i += CHUNK) {
        for await (const doc of this.levels[level].find({ model, start: { $in: starts.slice(i, i + CHUNK) } }))
          newest.add(doc);
      }
    }
    return newest;
  }

  /** Labels (predicted or actual) in a model's day blocks, any revision. */
  async labels(model: string): Promise<string[]> {
    const labels = new Set<string>();
    const projection = { body: 1, 'predicted.label': 1, 'cells.actual': 1, 'cells.predicted': 1 };
    for await (const doc of this.levels.DAY.find({ model }, { projection })) {
      const lists = docLists(doc);
      for (const p of lists.predicted) labels.add(p.label);
      for (const c of lists.cells) labels.add(c.actual).add(c.predicted);
    }
    return [...labels];
  }

  /** Models that have any rollup (the day level holds every model that has data). */
  async models(): Promise<string[]> {
    return (await this.levels.DAY.distinct('model')).map(String);
  }

  /** Start, version and size of a model's blocks: a block whose version moved has been recomputed since. */
  async versions(level: RollupLevel, model: string): Promise<{ start: Date; v: number; rows: number }[]> {
    const newest = new NewestRevisions();
    const counts = { body: 0, predicted: 0, cells: 0, confidence: 0, reliability: 0, scoredBins: 0, scoreSums: 0 };
    for await (const doc of this.levels[level].find({ model }, { projection: counts })) newest.add(doc);
    return newest.list().map((b) => ({ start: b.start, v: b.v, rows: b.tally.predictions }));
  }

  async readAll(level: RollupLevel, model: string): Promise<{ start: Date; tally: Tally }[]> {
    return (await this.allOf(level, model)).list();
  }

  private async allOf(level: RollupLevel, model: string): Promise<NewestRevisions> {
    const newest = new NewestRevisions();
    for await (const doc of this.levels[level].find({ model })) newest.add(doc);
    return newest;
  }
}

/** Consecutive start ranges (ms, inclusive) that each hold at most `max` of the counted documents (or one start). */
function deleteRanges(countAt: Map<number, number>, max: number): [number, number][] {
  const ranges: [number, number][] = [];
  let from: number | null = null;
  let [last, count] = [0, 0];
  for (const start of [...countAt.keys()].sort((a, b) => a - b)) {
    const n = countAt.get(start) ?? 0;
    if (from !== null && count + n > max) {
      ranges.push([from, last]);
      from = null;
    }
    if (from === null) [from, count] = [start, 0];
    [last, count] = [start, count + n];
  }
  if (from !== null) ranges.push([from, last]);
  return ranges;
}

function byModel(blocks: Block[]): Map<string, Date[]> {
  const starts = new Map<string, Date[]>();
  for (const { model, start } of blocks) {
    const list = starts.get(model);
    if (list) list.push(start);
    else starts.set(model, [start]);
  }
  return starts;
}
