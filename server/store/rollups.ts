// Rollup documents: one per model, grid block and revision, per level. Labels live in arrays of
// {label,count}, never in document keys.
//
// A recompute inserts a new revision and then deletes the older ones in one statement per level:
// inserts are cheap everywhere, while an update or replace, even by _id, scans the whole collection
// on FerretDB. Readers keep the newest revision of a block, so the moment between the two writes
// (or a crash there) never shows a block twice.
import type { Collection, Db, Document } from 'mongodb';
import type { RollupLevel } from '../core/grid.js';
import { emptyTally, type Tally } from '../core/tally.js';
import { COLLECTIONS } from './collections.js';
import type { ServerTraits } from './server-traits.js';

/** A grid block of one model (its level is known from the context). */
export interface Block {
  model: string;
  start: Date;
}

interface RollupDoc extends Document {
  /** blockKey#v */
  _id: string;
  model: string;
  start: Date;
  /** Changes on every recompute, so a reader can tell a block was rewritten since it last looked. */
  v: number;
  predictions: number;
  validated: number;
  firstAt: Date | null;
  lastAt: Date | null;
  predicted: { label: string; count: number }[];
  cells: { actual: string; predicted: string; count: number }[];
  confidence: { bin: number; count: number }[];
}

/** The start comes first and is all digits, so the separator cannot be confused with a model name. */
export const blockKey = (model: string, start: Date) => `${start.getTime()}:${model}`;

let revisions = 0;
/** Distinct per write in a process, and growing with time across processes. */
const nextRevision = () => Date.now() * 1000 + (revisions++ % 1000);

function toDoc(model: string, start: Date, t: Tally, rev: number): RollupDoc {
  const cells: RollupDoc['cells'] = [];
  for (const [actual, byPredicted] of t.cells) for (const [predicted, count] of byPredicted) cells.push({ actual, predicted, count });
  return {
    _id: `${blockKey(model, start)}#${rev}`,
    model,
    start,
    v: rev,
    predictions: t.predictions,
    validated: t.validated,
    firstAt: t.firstAt,
    lastAt: t.lastAt,
    predicted: [...t.predicted].map(([label, count]) => ({ label, count })),
    cells,
    confidence: [...t.confidence].map(([bin, count]) => ({ bin, count })),
  };
}

function fromDoc(doc: RollupDoc): Tally {
  const t = emptyTally();
  t.predictions = doc.predictions;
  t.validated = doc.validated;
  t.firstAt = doc.firstAt;
  t.lastAt = doc.lastAt;
  for (const { label, count } of doc.predicted) t.predicted.set(label, count);
  for (const { bin, count } of doc.confidence) t.confidence.set(bin, count);
  for (const { actual, predicted, count } of doc.cells) {
    let byPredicted = t.cells.get(actual);
    if (!byPredicted) t.cells.set(actual, (byPredicted = new Map()));
    byPredicted.set(predicted, count);
  }
  return t;
}

export class RollupStore {
  private readonly levels: Record<RollupLevel, Collection<RollupDoc>>;

  constructor(
    db: Db,
    private readonly traits: ServerTraits,
  ) {
    this.levels = {
      QUARTER: db.collection<RollupDoc>(COLLECTIONS.rollups.QUARTER),
      HOUR: db.collection<RollupDoc>(COLLECTIONS.rollups.HOUR),
      DAY: db.collection<RollupDoc>(COLLECTIONS.rollups.DAY),
    };
  }

  /** Stores recomputed blocks whole as new revisions, then drops older ones: writing the same tally twice changes nothing. */
  async write(level: RollupLevel, entries: { block: Block; tally: Tally }[]): Promise<void> {
    if (entries.length === 0) return;
    const rev = nextRevision();
    const collection = this.levels[level];
    await collection.insertMany(
      entries.map(({ block, tally }) => toDoc(block.model, block.start, tally, rev)),
      { ordered: false },
    );
    for (const [model, starts] of byModel(entries.map((e) => e.block))) {
      await collection.deleteMany({ model, start: { $in: starts }, v: { $lt: rev } });
    }
  }

  /**
   * Tallies of the requested blocks, keyed by blockKey; missing blocks are absent. Where every
   * filter scans anyway, one range read per model (checked in memory) replaces `$in` lists, which
   * such a server tests against every document.
   */
  async read(level: RollupLevel, blocks: Block[]): Promise<Map<string, Tally>> {
    const newest = new Map<string, RollupDoc>();
    const CHUNK = 5000;
    for (const [model, starts] of byModel(blocks)) {
      if (this.traits.scansEveryFilter) {
        const wanted = new Set(starts.map((d) => d.getTime()));
        let [min, max] = [Infinity, -Infinity];
        for (const t of wanted) [min, max] = [Math.min(min, t), Math.max(max, t)];
        const range = { $gte: new Date(min), $lte: new Date(max) };
        for await (const doc of this.levels[level].find({ model, start: range })) if (wanted.has(doc.start.getTime())) keepNewest(newest, doc);
        continue;
      }
      for (let i = 0; i < starts.length; i += CHUNK) {
        for await (const doc of this.levels[level].find({ model, start: { $in: starts.slice(i, i + CHUNK) } })) keepNewest(newest, doc);
      }
    }
    return new Map([...newest].map(([key, doc]) => [key, fromDoc(doc)]));
  }

  /** Models that have any rollup (the day level holds every model that has data). */
  async models(): Promise<string[]> {
    return (await this.levels.DAY.distinct('model')).map(String);
  }

  /** Start, version and size of a model's blocks: a block whose version moved has been recomputed since. */
  async versions(level: RollupLevel, model: string): Promise<{ start: Date; v: number; rows: number }[]> {
    const docs = await this.levels[level].find({ model }, { projection: { model: 1, start: 1, v: 1, predictions: 1 } }).toArray();
    return newestByStart(docs).map((d) => ({ start: d.start, v: d.v, rows: d.predictions }));
  }

  async readAll(level: RollupLevel, model: string): Promise<{ start: Date; tally: Tally }[]> {
    const docs = await this.levels[level].find({ model }).toArray();
    return newestByStart(docs).map((d) => ({ start: d.start, tally: fromDoc(d) }));
  }
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

function keepNewest(newest: Map<string, RollupDoc>, doc: RollupDoc): void {
  const key = blockKey(doc.model, doc.start);
  const seen = newest.get(key);
  if (!seen || seen.v < doc.v) newest.set(key, doc);
}

/** One document per block (its newest revision), in time order. */
function newestByStart(docs: RollupDoc[]): RollupDoc[] {
  const newest = new Map<string, RollupDoc>();
  for (const doc of docs) keepNewest(newest, doc);
  return [...newest.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}
