// Raw predictions: inserted once, then changed only by appending revisions (prediction-revisions.ts);
// every read gives each row's newest version, as documents shaped by prediction-docs.ts.
import { MongoBulkWriteError, ObjectId, type Collection, type Db, type Document, type Filter } from 'mongodb';
import type { FieldMapping } from '../config.js';
import type { PredictionRow } from '../core/prediction.js';
import type { RowId } from './ingest-journal.js';
import { PredictionDocs, rowKey, STAMP_FIELD, stampOf } from './prediction-docs.js';
import { baseIdOf, baseKey, PredictionRevisions, REVISION_NUMBER, REVISION_OF } from './prediction-revisions.js';
import { onlyDuplicateKeys, POINT_READS_PER_SCAN, type ServerTraits } from './server-traits.js';

/** The application chooses its _id type (ObjectId by default); we only hand it back. */
const byKey = (key: unknown): Filter<Document> => ({ _id: key }) as Filter<Document>;
const byKeys = (keys: unknown[]): Filter<Document> => ({ _id: { $in: keys } }) as Filter<Document>;

const FETCH_CHUNK = 1000;
/** Longest `$in` list a read uses where every filter scans (see scanFor). */
const IN_LIST_MAX = 200;

async function* chunked<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function groupIds(ids: RowId[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { model, id } of ids) {
    const list = groups.get(model);
    if (list) list.push(id);
    else groups.set(model, [id]);
  }
  return groups;
}

/** A row as a recompute from raw sees it: with the stamp of the batch that inserted it, if any. */
export interface StampedRow extends PredictionRow {
  stamp: string | null;
}

export interface RowRef {
  model: string;
  predictedAt: Date;
  version: string | null;
}

export class PredictionStore extends PredictionDocs {
  readonly collection: Collection<Document>;
  /** Newer versions of stored rows: validations, corrections and re-sends land there. */
  readonly revisions: PredictionRevisions;

  constructor(
    db: Db,
    mapping: FieldMapping,
    defaultModel: string,
    private readonly traits: ServerTraits,
  ) {
    super(mapping, defaultModel);
    this.collection = db.collection(mapping.collection);
    this.revisions = new PredictionRevisions(db, traits);
  }

  /** Inserts what is new, stamped; returns the positions (in `rows`) whose (model, id) already existed. */
  async insertNew(rows: PredictionRow[], stamp?: ObjectId): Promise<number[]> {
    if (rows.length === 0) return [];
    try {
      await this.collection.insertMany(
        rows.map((r) => this.toDoc(r, stamp)),
        { ordered: false },
      );
      return [];
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      if (!onlyDuplicateKeys(error)) throw error;
      const errors = [error.writeErrors].flat();
      return errors.map((e) => e.index);
    }
  }

  /**
   * The current version of these rows (the newest revision, or the stored row), keyed by rowKey.
   * Rows this service wrote are read by their derived _id (point reads where every other filter
   * scans, one `$in` elsewhere); with `byField`, the rest (rows a user's application wrote with its
   * own _id) are looked up by (model, id).
   */
  async fetch(ids: RowId[], byField: boolean): Promise<Map<string, Document>> {
    const found = await this.fetchStored(ids, byField);
    const bases = new Map<string, unknown>();
    for (const [key, doc] of found) bases.set(key, doc._id);
    // A row may have been first stored as a revision (a re-send of a row that was gone).
    for (const { model, id } of ids) if (!bases.has(rowKey(model, id))) bases.set(rowKey(model, id), rowKey(model, id));
    const newest = await this.revisions.newestOf([...bases.values()]);
    for (const [key, base] of bases) {
      const revision = newest.get(baseKey(base));
      if (revision) found.set(key, revision);
    }
    return found;
  }

  private async fetchStored(ids: RowId[], byField: boolean): Promise<Map<string, Document>> {
    const found = new Map<string, Document>();
    const keys = [...new Set(ids.map((r) => rowKey(r.model, r.id)))];
    if (this.traits.scansEveryFilter && keys.length <= POINT_READS_PER_SCAN) {
      for (const key of keys) {
        const doc = await this.collection.findOne(byKey(key));
        if (doc) found.set(key, doc);
      }
    } else if (this.traits.scansEveryFilter) {
      // So many keys that one scan costs less than a round trip each.
      await this.scanFor(keys, byField ? ids : [], found);
      return found;
    } else {
      for (let i = 0; i < keys.length; i += FETCH_CHUNK) {
        for await (const doc of this.collection.find(byKeys(keys.slice(i, i + FETCH_CHUNK))))
          found.set(String(doc._id), doc);
      }
    }
    if (!byField) return found;
    const missing = ids.filter((r) => !found.has(rowKey(r.model, r.id)));
    if (this.traits.scansEveryFilter && missing.length > IN_LIST_MAX) {
      await this.scanFor([], missing, found);
      return found;
    }
    for (const [model, group] of groupIds(missing)) {
      for await (const doc of this.collection.find({ ...this.modelFilter(model), [this.mapping.id]: { $in: group } })) {
        found.set(rowKey(model, String(doc[this.mapping.id])), doc);
      }
    }
    return found;
  }

  /**
   * Where every filter scans, a `$in` of n values costs n comparisons per document (20,000 ids
   * over 100,000 rows took 7× a plain scan), so long lists are matched in memory in one scan:
   * `keys` by _id, `byField` by (model, id).
   */
  private async scanFor(keys: string[], byField: RowId[], found: Map<string, Document>): Promise<void> {
    const byId = new Set(keys);
    const wanted = new Set(byField.map((r) => rowKey(r.model, r.id)));
    for await (const doc of this.collection.find({})) {
      const own = String(doc._id);
      const key = rowKey(this.modelOf(doc), String(doc[this.mapping.id]));
      // A document under the derived _id wins over one the application wrote for the same row.
      if (byId.has(own)) found.set(own, doc);
      else if (wanted.has(key) && !(byId.has(key) && found.has(key))) found.set(key, doc);
    }
  }

  /**
   * Stores new versions of rows (`docs`: current versions carrying their new content) as their next
   * revisions: one insert whatever their number, and no stored row is deleted or updated.
   */
  async revise(docs: Document[]): Promise<void> {
    await this.revisions.append(docs);
  }

  /** Raw rows of one model with predictedAt in [from, to). */
  async rowsBetween(model: string, from: Date, to: Date): Promise<PredictionRow[]> {
    const rows: PredictionRow[] = [];
    for await (const row of this.streamBetween(model, from, to)) rows.push(row);
    return rows;
  }

  /**
   * The same rows one at a time, with their stamps, for reads too large to hold at once: of each
   * row its newest revision, or the stored row when it has none.
   */
  async *streamBetween(model: string, from: Date, to: Date): AsyncGenerator<StampedRow> {
    const m = this.mapping;
    const filter = { ...this.modelFilter(model), [m.predictedAt]: { $gte: from, $lt: to } };
    const projection = this.rowProjection();
    const stored = this.collection.find(filter, { projection });
    const revised = this.revisions.collection.find(filter, { projection });
    const docs = this.traits.scansEveryFilter
      ? this.overlayScanned(model, stored, revised)
      : this.overlayIndexed(stored, revised);
    for await (const doc of docs) {
      const row = this.stamped(doc);
      if (row) yield row;
    }
  }

  private stamped(doc: Document): StampedRow | null {
    const row = this.fromDoc(doc);
    return row && { ...row, stamp: stampOf(doc) };
  }

  /**
   * Every row's newest version (`counted`, with its stamp) and every stored row inserted or
   * validated since `since` (`changed`; null: every row), in one scan of each collection: all a
   * refresh reads where every filter scans anyway.
   */
  async *scanAll(since: Date | null): AsyncGenerator<{ counted: StampedRow | null; changed: RowRef | null }> {
    const projection = this.rowProjection();
    const latest = await this.revisions.latestNumbers({});
    for await (const doc of this.collection.find({}, { projection }))
      yield {
        counted: latest.has(baseKey(doc._id)) ? null : this.stamped(doc),
        changed: this.changedAfter(doc, since),
      };
    if (latest.size === 0) return;
    for await (const doc of this.revisions.collection.find({}, { projection }))
      if (PredictionRevisions.isNewest(doc, latest)) yield { counted: this.stamped(doc), changed: null };
  }

  /** The stored row as changedSince(since, since) yields it, or null when it would not. */
  private changedAfter(doc: Document, since: Date | null): RowRef | null {
    const m = this.mapping;
    const at: unknown = doc[m.predictedAt];
    if (!(at instanceof Date)) return null;
    const validatedAt: unknown = doc[m.validatedAt];
    const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
    const changed =
      since === null ||
      (doc._id instanceof ObjectId && seconds(doc._id.getTimestamp()) >= seconds(since)) ||
      (validatedAt instanceof Date && validatedAt >= since);
    return changed ? { model: this.modelOf(doc), predictedAt: at, version: this.versionOf(doc) } : null;
  }

  private rowProjection(): Document {
    const m = this.mapping;
    return {
      _id: 1,
      [m.id]: 1,
      [m.predictedAt]: 1,
      [m.predicted]: 1,
      [m.confidence]: 1,
      [m.scores]: 1,
      [m.version]: 1,
      [m.actual]: 1,
      [m.validatedAt]: 1,
      [STAMP_FIELD]: 1,
      [REVISION_OF]: 1,
      [REVISION_NUMBER]: 1,
      ...(m.model ? { [m.model]: 1 } : {}),
    };
  }

  /** Where every filter scans: the newest numbers of the model's revisions first, in one scan. */
  private async *overlayScanned(
    model: string,
    stored: AsyncIterable<Document>,
    revised: AsyncIterable<Document>,
  ): AsyncGenerator<Document> {
    const latest = await this.revisions.latestNumbers(this.modelFilter(model));
    for await (const doc of stored) if (!latest.has(baseKey(doc._id))) yield doc;
    if (latest.size === 0) return;
    for await (const doc of revised) if (PredictionRevisions.isNewest(doc, latest)) yield doc;
  }

  /** Where indexes serve: the revisions of the rows read, looked up by their _id, a chunk at a time. */
  private async *overlayIndexed(
    stored: AsyncIterable<Document>,
    revised: AsyncIterable<Document>,
  ): AsyncGenerator<Document> {
    for await (const chunk of chunked(stored, FETCH_CHUNK)) {
      const newest = await this.revisions.newestOf(chunk.map((d) => d._id as unknown));
      for (const doc of chunk) if (!newest.has(baseKey(doc._id))) yield doc;
    }
    for await (const chunk of chunked(revised, FETCH_CHUNK)) {
      const newest = await this.revisions.newestOf(chunk.map(baseIdOf));
      for (const doc of chunk) if (newest.get(baseKey(baseIdOf(doc)))?._id === doc._id) yield doc;
    }
  }

  /**
   * Where rows changed since a watermark: rows inserted after `insertedAfter` (by ObjectId time)
   * and rows validated since `validatedSince`; both null means every row (a full refresh).
   */
  async *changedSince(insertedAfter: Date | null, validatedSince: Date | null): AsyncGenerator<RowRef> {
    const m = this.mapping;
    const projection = { [m.predictedAt]: 1, [m.version]: 1, ...(m.model ? { [m.model]: 1 } : {}) };
    const either: Filter<Document>[] =
      insertedAfter && validatedSince
        ? [
            { _id: { $gte: ObjectId.createFromTime(Math.floor(insertedAfter.getTime() / 1000)) } },
            { [m.validatedAt]: { $gte: validatedSince } },
          ]
        : [{}];
    // Indexes serve each half alone; where every filter scans, one scan answers both.
    const filters = this.traits.scansEveryFilter && either.length > 1 ? [{ $or: either }] : either;
    for (const filter of filters) {
      for await (const doc of this.collection.find(filter, { projection })) {
        const at: unknown = doc[m.predictedAt];
        if (at instanceof Date) yield { model: this.modelOf(doc), predictedAt: at, version: this.versionOf(doc) };
      }
    }
  }
}
