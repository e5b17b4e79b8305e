// Rollup documents (one per model and grid block, per level) and the marks that say which blocks
// must be recomputed. Labels live in arrays of {label,count}, never in document keys.
import { MongoBulkWriteError, type Collection, type Db, type Document } from 'mongodb';
import type { RollupLevel } from '../core/grid.js';
import { emptyTally, type Tally } from '../core/tally.js';
import { COLLECTIONS } from './collections.js';

export interface Mark {
  id: string;
  model: string;
  start: Date;
  v: number;
}

interface MarkDoc {
  _id: string;
  level: RollupLevel;
  model: string;
  start: Date;
  v: number;
  pending: boolean;
}

interface RollupDoc extends Document {
  _id: string;
  model: string;
  start: Date;
  v: number;
  predictions: number;
  validated: number;
  firstAt: Date | null;
  lastAt: Date | null;
  predicted: { label: string; count: number }[];
  cells: { actual: string; predicted: string; count: number }[];
  confidence: { bin: number; count: number }[];
}

const DUPLICATE_KEY = 11000;

/** The start comes first and is all digits, so the separator cannot be confused with a model name. */
export const blockKey = (model: string, start: Date) => `${start.getTime()}:${model}`;
const markId = (level: RollupLevel, model: string, start: Date) => `${level}:${blockKey(model, start)}`;

function toDoc(model: string, start: Date, v: number, t: Tally): RollupDoc {
  const cells: RollupDoc['cells'] = [];
  for (const [actual, byPredicted] of t.cells) for (const [predicted, count] of byPredicted) cells.push({ actual, predicted, count });
  return {
    _id: blockKey(model, start),
    model,
    start,
    v,
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
  private readonly marks: Collection<MarkDoc>;
  private readonly levels: Record<RollupLevel, Collection<RollupDoc>>;

  constructor(db: Db) {
    this.marks = db.collection<MarkDoc>(COLLECTIONS.rollupMarks);
    this.levels = {
      QUARTER: db.collection<RollupDoc>(COLLECTIONS.rollups.QUARTER),
      HOUR: db.collection<RollupDoc>(COLLECTIONS.rollups.HOUR),
      DAY: db.collection<RollupDoc>(COLLECTIONS.rollups.DAY),
    };
  }

  /** Marks blocks for recomputation; the version only grows, so a slower, older recompute cannot win. */
  async mark(level: RollupLevel, blocks: { model: string; start: Date }[]): Promise<void> {
    if (blocks.length === 0) return;
    await this.marks.bulkWrite(
      blocks.map(({ model, start }) => ({
        updateOne: {
          filter: { _id: markId(level, model, start) },
          update: { $inc: { v: 1 }, $set: { level, model, start, pending: true } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async pending(level: RollupLevel, limit: number): Promise<Mark[]> {
    const docs = await this.marks.find({ pending: true, level }).sort({ start: 1 }).limit(limit).toArray();
    return docs.map((d) => ({ id: d._id, model: d.model, start: d.start, v: d.v }));
  }

  async hasPending(): Promise<boolean> {
    return (await this.marks.findOne({ pending: true }, { projection: { _id: 1 } })) !== null;
  }

  /** Clears marks only where nobody marked the block again meanwhile. */
  async clear(marks: Mark[]): Promise<void> {
    if (marks.length === 0) return;
    await this.marks.bulkWrite(
      marks.map((m) => ({ updateOne: { filter: { _id: m.id, v: m.v }, update: { $set: { pending: false } } } })),
      { ordered: false },
    );
  }

  /** Writes recomputed blocks, except where a newer version is already stored. */
  async write(level: RollupLevel, entries: { mark: Mark; tally: Tally }[]): Promise<void> {
    if (entries.length === 0) return;
    const ops = entries.map(({ mark, tally }) => {
      const doc = toDoc(mark.model, mark.start, mark.v, tally);
      return { replaceOne: { filter: { _id: doc._id, v: { $lt: mark.v } }, replacement: doc, upsert: true } };
    });
    try {
      await this.levels[level].bulkWrite(ops, { ordered: false });
    } catch (error) {
      // Where the filter missed because a newer version exists, the upsert collides on _id: that block is already newer.
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    }
  }

  /** Tallies of the requested blocks, keyed by blockKey; missing blocks are absent. */
  async read(level: RollupLevel, blocks: { model: string; start: Date }[]): Promise<Map<string, Tally>> {
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

  async readAll(level: RollupLevel, model: string): Promise<{ start: Date; tally: Tally }[]> {
    const docs = await this.levels[level].find({ model }).sort({ start: 1 }).toArray();
    return docs.map((d) => ({ start: d.start, tally: fromDoc(d) }));
  }
}
