// The write path's queue: each acknowledged batch leaves one entry (or a few for very large
// batches) saying what the rollups must take in. Entries are inserted (cheap on every server), read
// whole by the single drainer, and deleted once their effects are in the rollups. An entry is a
// few small fields (when, stamp, models); what it carries (a batch's rows, tallies, validations)
// lies in a second collection under the same _id, read by _id only by the drainer, so the scans
// every query makes of the journal (asOf, pending models) stay cheap where every filter scans.
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

/**
 * An entry as stored. Its content is in the content collection (`external`); entries written
 * before that have it as fields.
 */
type EntryDoc = {
  _id: ObjectId;
  at: Date;
  stamp?: ObjectId | null;
  models?: string[];
  external?: boolean;
} & Partial<Content>;

/** An entry set aside, with its content kept alongside the reason. */
type FailedDoc = Omit<EntryDoc, 'external'> & { content: string; reason: string; quarantinedAt: Date };

/** The models an entry names: kept on the entry so listing pending models never reads content. */
function modelsOf(content: Content): string[] {
  const named = [...content.blocks, ...content.inserted, ...content.resent, ...content.validations].map((x) => x.model);
  return [...new Set(named.concat(content.deltas.map(([model]) => model)))];
}

interface ContentDoc {
  _id: ObjectId;
  content: string;
}

/**
 * Content documents the drainer reads by one `_id: {$in}` query: FerretDB answers an `_id` read by
 * scanning the collection, so one query for a pass's entries instead of one per entry.
 */
const READS_AT_ONCE = 200;

/** Items per entry: keeps every document far below the 16 MiB BSON limit whatever the batch size. */
const ITEMS_PER_ENTRY = 2000;
/** Quarter tallies per entry (each at most a few KiB, unless its labels are huge and it is split). */
const DELTAS_PER_ENTRY = 500;

export class IngestJournal {
  private readonly entries: Collection<EntryDoc>;
  private readonly contents: Collection<ContentDoc>;

  private readonly failed: Collection<FailedDoc>;

  constructor(db: Db) {
    this.entries = db.collection<EntryDoc>(COLLECTIONS.ingestJournal);
    this.contents = db.collection<ContentDoc>(COLLECTIONS.ingestJournalContent);
    this.failed = db.collection(COLLECTIONS.ingestJournalFailed);
  }

  /** A stamp for a batch's rows, taken before they are inserted (see services/rollups.ts). */
  newStamp(): ObjectId {
    return new ObjectId();
  }

  async append(given: Partial<Omit<JournalEntry, 'id' | 'at'>>, at = new Date()): Promise<void> {
    const { stamp, ...content } = given;
    const docs: EntryDoc[] = [];
    const contents: ContentDoc[] = [];
    const deltas = (content.deltas ?? []).map(({ block, tally }): StoredDelta => [
      block.model,
      block.start.getTime(),
      compactTally(tally),
    ]);
    const lists = {
      blocks: content.blocks ?? [],
      inserted: content.inserted ?? [],
      resent: content.resent ?? [],
      validations: content.validations ?? [],
    };
    const longest = Math.max(
      ...Object.values(lists).map((l) => l.length),
      Math.ceil(deltas.length / DELTAS_PER_ENTRY) * ITEMS_PER_ENTRY,
    );
    for (let i = 0, n = 0; i < longest; i += ITEMS_PER_ENTRY, n++) {
      const part = <T>(list: T[]) => list.slice(i, i + ITEMS_PER_ENTRY);
      const content: Content = {
        blocks: part(lists.blocks),
        inserted: part(lists.inserted),
        resent: part(lists.resent),
        validations: part(lists.validations),
        deltas: deltas.slice(n * DELTAS_PER_ENTRY, (n + 1) * DELTAS_PER_ENTRY),
      };
      const _id = new ObjectId();
      contents.push({ _id, content: stringifyWithDates(content) });
      docs.push({ _id, at, stamp: stamp ?? null, models: modelsOf(content), external: true });
    }
    if (docs.length === 0) return;
    // Content first: an entry the drainer can see always has its content.
    await this.contents.insertMany(contents, { ordered: false });
    await this.entries.insertMany(docs, { ordered: true });
  }

  /** The oldest entries, in the order they were written. */
  async oldest(limit: number): Promise<JournalEntry[]> {
    const docs = await this.entries.find({}).sort({ _id: 1 }).limit(limit).toArray();
    const texts = new Map<string, string>();
    const external = docs.filter((d) => d.external).map((d) => d._id);
    for (let i = 0; i < external.length; i += READS_AT_ONCE) {
      const ids = external.slice(i, i + READS_AT_ONCE);
      for await (const c of this.contents.find({ _id: { $in: ids } })) texts.set(c._id.toHexString(), c.content);
    }
    return docs.map((doc) => toEntry(doc, texts.get(doc._id.toHexString())));
  }

  /** When the oldest entry still waiting was written; null when the rollups hold everything. */
  async oldestPendingAt(): Promise<Date | null> {
    const doc = await this.entries
      .find({}, { projection: { at: 1 } })
      .sort({ _id: 1 })
      .limit(1)
      .next();
    return doc?.at ?? null;
  }

  /**
   * Stamps of batches whose tallies the rollups may not hold yet: entries waiting, and entries set
   * aside (their rows wait for a full refresh). Both collections are small; only stamps are read.
   */
  async pendingStamps(): Promise<Set<string>> {
    const stamps = new Set<string>();
    const filter = { stamp: { $ne: null } };
    const projection = { stamp: 1 };
    for await (const doc of this.entries.find(filter, { projection }))
      if (doc.stamp) stamps.add(doc.stamp.toHexString());
    for await (const doc of this.failed.find(filter, { projection }))
      if (doc.stamp) stamps.add(doc.stamp.toHexString());
    return stamps;
  }

  async models(): Promise<string[]> {
    const names = new Set<string>();
    const projection = { models: 1, 'blocks.model': 1, 'validations.model': 1, 'resent.model': 1 };
    for await (const doc of this.entries.find({}, { projection })) {
      for (const list of [doc.blocks, doc.validations, doc.resent])
        for (const item of list ?? []) names.add(item.model);
      for (const model of doc.models ?? []) names.add(model);
    }
    return [...names];
  }

  async remove(ids: ObjectId[]): Promise<void> {
    if (ids.length === 0) return;
    await this.entries.deleteMany({ _id: { $in: ids } });
    // After the entries: content without an entry is never read, an entry without content would be.
    await this.contents.deleteMany({ _id: { $in: ids } });
  }

  /**
   * Sets an entry aside whose pass fails every time (its rows stay stored; `refresh --full` takes
   * them into the rollups once the cause is fixed), so it cannot stop the entries after it.
   */
  async quarantine(entry: JournalEntry, reason: string, at = new Date()): Promise<void> {
    const { id, stamp, deltas, ...rest } = entry;
    // Its inserted rows are stored; what it held back is which quarters `refresh --full` must redo.
    const content: Content = { ...rest, blocks: [...rest.blocks, ...deltas.map((d) => d.block)], deltas: [] };
    await this.failed
      .insertOne({
        _id: id,
        at: entry.at,
        stamp,
        models: modelsOf(content),
        content: stringifyWithDates(content),
        reason,
        quarantinedAt: at,
      })
      .catch((error: unknown) => {
        // Set aside already by a quarantine that crashed before removing it from the journal.
        if (!isDuplicateKey(error)) throw error;
      });
    await this.remove([id]);
  }

  async quarantined(): Promise<number> {
    return this.failed.countDocuments({});
  }
}

function toEntry(doc: EntryDoc, text: string | undefined): JournalEntry {
  if (doc.external && text === undefined) throw new Error(`journal entry ${doc._id.toHexString()} has no content`);
  const content: Partial<Content> = text === undefined ? doc : parseWithDates<Content>(text);
  return {
    id: doc._id,
    at: doc.at,
    stamp: doc.stamp ?? null,
    blocks: content.blocks ?? [],
    inserted: content.inserted ?? [],
    resent: content.resent ?? [],
    validations: content.validations ?? [],
    deltas: (content.deltas ?? []).map(([model, start, tally]) => ({
      block: { model, start: new Date(start) },
      tally: expandTally(tally),
    })),
  };
}
