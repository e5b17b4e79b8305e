// Rollup documents: one per model and grid block, per level. Labels live in arrays of
// {label,count}, never in document keys.
import type { Collection, Db, Document } from 'mongodb';
import type { RollupLevel } from '../core/grid.js';
import { emptyTally, type Tally } from '../core/tally.js';
import { bulkWriteInChunks } from './bulk.js';
import { COLLECTIONS } from './collections.js';
import type { Block } from './rollup-marks.js';

interface RollupDoc extends Document {
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

function toDoc(model: string, start: Date, t: Tally): RollupDoc {
  const cells: RollupDoc['cells'] = [];
  for (const [actual, byPredicted] of t.cells) for (const [predicted, count] of byPredicted) cells.push({ actual, predicted, count });
  return {
    _id: blockKey(model, start),
    model,
    start,
    v: nextRevision(),
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

  constructor(db: Db) {
    this.levels = {
      QUARTER: db.collection<RollupDoc>(COLLECTIONS.rollups.QUARTER),
      HOUR: db.collection<RollupDoc>(COLLECTIONS.rollups.HOUR),
      DAY: db.collection<RollupDoc>(COLLECTIONS.rollups.DAY),
    };
  }

  /** Stores recomputed blocks whole (replace by _id): writing the same tally twice changes nothing. */
  async write(level: RollupLevel, entries: { block: Block; tally: Tally }[]): Promise<void> {
    const ops = entries.map(({ block, tally }) => {
      const doc = toDoc(block.model, block.start, tally);
      return { replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } };
    });
    await bulkWriteInChunks(this.levels[level], ops, { ordered: false });
  }

  /** Tallies of the requested blocks, keyed by blockKey; missing blocks are absent. */
  async read(level: RollupLevel, blocks: Block[]): Promise<Map<string, Tally>> {
    const found = new Map<string, Tally>();
    const CHUNK = 5000;
    for (let i = 0; i < blocks.length; i += CHUNK) {
      const ids = blocks.slice(i, i + CHUNK).map((b) => blockKey(b.model, b.start));
      for await (const doc of this.levels[level].find({ _id: { $in: ids } })) found.set(doc._id, fromDoc(doc));
    }
    return found;
  }

  /** Models that have any rollup (the day level holds every model that has data). */
  async models(): Promise<string[]> {
    return (await this.levels.DAY.distinct('model')).map(String);
  }

  /** Start, version and size of a model's blocks: a block whose version moved has been recomputed since. */
  async versions(level: RollupLevel, model: string): Promise<{ start: Date; v: number; rows: number }[]> {
    const docs = await this.levels[level].find({ model }, { projection: { start: 1, v: 1, predictions: 1 } }).sort({ start: 1 }).toArray();
    return docs.map((d) => ({ start: d.start, v: d.v, rows: d.predictions }));
  }

  async readAll(level: RollupLevel, model: string): Promise<{ start: Date; tally: Tally }[]> {
    const docs = await this.levels[level].find({ model }).sort({ start: 1 }).toArray();
    return docs.map((d) => ({ start: d.start, tally: fromDoc(d) }));
  }
}
