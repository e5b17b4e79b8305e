// The write path's queue: each acknowledged batch leaves one entry (or a few for very large
// batches) saying what the rollups must take in. Entries are inserted (cheap on every server), read
// whole by the single drainer, and deleted once their effects are in the rollups, so the collection
// stays small and scanning it is cheap even where every filter is a scan.
import { ObjectId, type Collection, type Db } from 'mongodb';
import { isDuplicateKey } from './server-traits.js';
import type { PredictionRow } from '../core/prediction.js';
import type { Tally } from '../core/tally.js';
import { COLLECTIONS } from './collections.js';
import { parseWithDates, stringifyWithDates } from './json-dates.js';
import { compactTally, expandTally, type CompactTally } from './rollup-docs.js';
import type { Block } from './rollups.js';

export interface RowId {
  model: string;
  id: string;
}

export interface JournalValidation extends RowId {
  actual: string;
  validatedAt: Date;
}

/** What a batch's inserted rows add to one quarter. */
export interface BlockDelta {
  block: Block;
  tally: Tally;
}

export interface JournalEntry {
  id: ObjectId;
  at: Date;
  /** Quarter blocks to recompute from raw rows. */
  blocks: Block[];
  /** The stamp the batch's inserted rows carry; null for entries that inserted nothing. */
  stamp: ObjectId | null;
  /** Tallies of the rows the batch inserted, per quarter: added to the stored quarters when safe. */
  deltas: BlockDelta[];
  /** Rows inserted by this batch, so validations that arrived before them can be applied. */
  inserted: RowId[];
  /** Predictions sent again for an id that exists: applied by the drainer, in journal order. */
  resent: PredictionRow[];
  validations: JournalValidation[];
}

/** What an entry holds besides its id, time and stamp, kept as one string (json-dates.ts). */
type Content = Pick<JournalEntry, 'blocks' | 'inserted' | 'resent' | 'validations'> & { deltas: StoredDelta[] };

/** A quarter's tally in an entry: model, start and the tally in plain JSON values (a batch has many). */
type StoredDelta = [string, number, CompactTally];

/** An entry as stored; entries written before `content` have its lists as fields. */
type EntryDoc = { _id: ObjectId; at: Date; stamp?: ObjectId | null; models?: string[]; content?: string } & Partial<Content>;

/** Items per entry: keeps every document far below the 16 MiB BSON limit whatever the batch size. */
const ITEMS_PER_ENTRY = 2000;
/** Quarter tallies per entry (each at most a few KiB, unless its labels are huge and it is split). */
const DELTAS_PER_ENTRY = 500;

export class IngestJournal {
  private readonly entries: Collection<EntryDoc>;

  private readonly failed: Collection<EntryDoc & { reason: string; quarantinedAt: Date }>;

  constructor(db: Db) {
    this.entries = db.collection<EntryDoc>(COLLECTIONS.ingestJournal);
    this.failed = db.collection(COLLECTIONS.ingestJournalFailed);
  }

  /** A stamp for a batch's rows, taken before they are inserted (see services/rollups.ts). */
  newStamp(): ObjectId {
    return new ObjectId();
  }

  async append(given: Partial<Omit<JournalEntry, 'id' | 'at'>>, at = new Date()): Promise<void> {
    const { stamp, ...content } = given;
    const docs: EntryDoc[] = [];
    const deltas = (content.deltas ?? []).map(({ block, tally }): StoredDelta => [block.model, block.start.getTime(), compactTally(tally)]);
    const lists = { blocks: content.blocks ?? [], inserted: content.inserted ?? [], resent: content.resent ?? [], validations: content.validations ?? [] };
    const longest = Math.max(...Object.values(lists).map((l) => l.length), Math.ceil(deltas.length / DELTAS_PER_ENTRY) * ITEMS_PER_ENTRY);
    for (let i = 0, n = 0; i < longest; i += ITEMS_PER_ENTRY, n++) {
      const part = <T>(list: T[]) => list.slice(i, i + ITEMS_PER_ENTRY);
      const content: Content = {
        blocks: part(lists.blocks),
        inserted: part(lists.inserted),
        resent: part(lists.resent),
        validations: part(lists.validations),
        deltas: deltas.slice(n * DELTAS_PER_ENTRY, (n + 1) * DELTAS_PER_ENTRY),
      };
      const models = [...new Set([...content.blocks, ...content.inserted, ...content.resent, ...content.validations].map((x) => x.model).concat(content.deltas.map(([model]) => model)))];
      docs.push({ _id: new ObjectId(), at, stamp: stamp ?? null, models, content: stringifyWithDates(content) });
    }
    if (docs.length > 0) await this.entries.insertMany(docs, { ordered: true });
  }

  /** The oldest entries, in the order they were written. */
  async oldest(limit: number): Promise<JournalEntry[]> {
    const docs = await this.entries.find({}).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map(toEntry);
  }

  /** When the oldest entry still waiting was written; null when the rollups hold everything. */
  async oldestPendingAt(): Promise<Date | null> {
    const doc = await this.entries.find({}, { projection: { at: 1 } }).sort({ _id: 1 }).limit(1).next();
    return doc?.at ?? null;
  }

  async models(): Promise<string[]> {
    const names = await Promise.all(['models', 'blocks.model', 'validations.model', 'resent.model'].map((field) => this.entries.distinct(field)));
    return [...new Set(names.flat().map(String))];
  }

  async remove(ids: ObjectId[]): Promise<void> {
    if (ids.length > 0) await this.entries.deleteMany({ _id: { $in: ids } });
  }

  /**
   * Sets an entry aside whose pass fails every time (its rows stay stored; `refresh --full` takes
   * them into the rollups once the cause is fixed), so it cannot stop the entries after it.
   */
  async quarantine(entry: JournalEntry, reason: string, at = new Date()): Promise<void> {
    const { id, stamp, deltas, ...rest } = entry;
    // Its inserted rows are stored; what it held back is which quarters `refresh --full` must redo.
    const content: Content = { ...rest, blocks: [...rest.blocks, ...deltas.map((d) => d.block)], deltas: [] };
    const models = [...new Set([...content.blocks, ...content.inserted, ...content.resent, ...content.validations].map((x) => x.model))];
    await this.failed.insertOne({ _id: id, at: entry.at, stamp, models, content: stringifyWithDates(content), reason, quarantinedAt: at }).catch((error: unknown) => {
      // Set aside already by a quarantine that crashed before removing it from the journal.
      if (!isDuplicateKey(error)) throw error;
    });
    await this.remove([id]);
  }

  async quarantined(): Promise<number> {
    return this.failed.countDocuments({});
  }
}

function toEntry(doc: EntryDoc): JournalEntry {
  const content: Partial<Content> = doc.content === undefined ? doc : parseWithDates<Content>(doc.content);
  return {
    id: doc._id,
    at: doc.at,
    stamp: doc.stamp ?? null,
    blocks: content.blocks ?? [],
    inserted: content.inserted ?? [],
    resent: content.resent ?? [],
    validations: content.validations ?? [],
    deltas: (content.deltas ?? []).map(([model, start, tally]) => ({ block: { model, start: new Date(start) }, tally: expandTally(tally) })),
  };
}
