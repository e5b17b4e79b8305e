// Raw predictions, read and written through the configured field mapping, so the monitor can sit
// on a collection the user's own application writes.
import { MongoBulkWriteError, ObjectId, type Collection, type Db, type Document, type Filter } from 'mongodb';
import type { FieldMapping } from '../config.js';
import type { PredictionRow } from '../core/prediction.js';
import { bulkWriteInChunks, onlyDuplicateKeys } from './bulk.js';

/** The application chooses its _id type (ObjectId by default); we only hand it back. */
const byKey = (key: unknown): Filter<Document> => ({ _id: key }) as Filter<Document>;

export interface Located {
  key: unknown;
  predictedAt: Date;
}

export interface RowRef {
  model: string;
  predictedAt: Date;
}

export class PredictionStore {
  readonly collection: Collection<Document>;

  constructor(db: Db, readonly mapping: FieldMapping, readonly defaultModel: string) {
    this.collection = db.collection(mapping.collection);
  }

  private modelFilter(model: string): Filter<Document> {
    return this.mapping.model ? { [this.mapping.model]: model } : {};
  }

  private modelOf(doc: Document): string {
    if (!this.mapping.model) return this.defaultModel;
    const value: unknown = doc[this.mapping.model];
    return typeof value === 'string' ? value : this.defaultModel;
  }

  toDoc(row: PredictionRow): Document {
    const m = this.mapping;
    const doc: Document = { [m.id]: row.id, [m.predictedAt]: row.predictedAt, [m.predicted]: row.predicted };
    if (m.model) doc[m.model] = row.model;
    if (row.confidence !== null) doc[m.confidence] = row.confidence;
    if (row.actual !== null) {
      doc[m.actual] = row.actual;
      doc[m.validatedAt] = row.validatedAt;
    }
    return doc;
  }

  /** Rows the user's application wrote may be incomplete; those are skipped by the caller. */
  fromDoc(doc: Document): PredictionRow | null {
    const m = this.mapping;
    const predictedAt: unknown = doc[m.predictedAt];
    const predicted: unknown = doc[m.predicted];
    if (!(predictedAt instanceof Date) || typeof predicted !== 'string') return null;
    const confidence: unknown = doc[m.confidence];
    const actual: unknown = doc[m.actual];
    const validatedAt: unknown = doc[m.validatedAt];
    return {
      model: this.modelOf(doc),
      id: String(doc[m.id]),
      predictedAt,
      predicted,
      confidence: typeof confidence === 'number' && confidence >= 0 && confidence <= 1 ? confidence : null,
      actual: typeof actual === 'string' && actual !== '' ? actual : null,
      validatedAt: validatedAt instanceof Date ? validatedAt : null,
    };
  }

  /** Inserts what is new; returns the positions (in `rows`) whose (model, id) already existed. */
  async insertNew(rows: PredictionRow[]): Promise<number[]> {
    if (rows.length === 0) return [];
    try {
      await this.collection.insertMany(rows.map((r) => this.toDoc(r)), { ordered: false });
      return [];
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      if (!onlyDuplicateKeys(error)) throw error;
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      return errors.map((e) => e.index);
    }
  }

  /**
   * Where the given ids of a model are stored: their _id (later writes filter on _id alone, which
   * every server answers without a scan) and predictedAt (the rollup block a change touches).
   */
  async locate(model: string, ids: string[]): Promise<Map<string, Located>> {
    const m = this.mapping;
    const found = new Map<string, Located>();
    if (ids.length === 0) return found;
    const cursor = this.collection.find({ ...this.modelFilter(model), [m.id]: { $in: ids } }, { projection: { _id: 1, [m.id]: 1, [m.predictedAt]: 1 } });
    for await (const doc of cursor) {
      const at: unknown = doc[m.predictedAt];
      if (at instanceof Date) found.set(String(doc[m.id]), { key: doc._id, predictedAt: at });
    }
    return found;
  }

  /** Overwrites a stored prediction (a re-send); a validation it already has is kept unless the re-send carries one. */
  async replaceExisting(key: unknown, row: PredictionRow): Promise<void> {
    const m = this.mapping;
    const set: Document = { [m.predictedAt]: row.predictedAt, [m.predicted]: row.predicted };
    if (row.confidence !== null) set[m.confidence] = row.confidence;
    if (row.actual !== null) {
      set[m.actual] = row.actual;
      set[m.validatedAt] = row.validatedAt;
    }
    const update: Document = row.confidence === null ? { $set: set, $unset: { [m.confidence]: '' } } : { $set: set };
    await this.collection.updateOne(byKey(key), update);
  }

  async setValidations(items: { key: unknown; actual: string; validatedAt: Date }[]): Promise<void> {
    const m = this.mapping;
    await bulkWriteInChunks(
      this.collection,
      items.map((v) => ({ updateOne: { filter: byKey(v.key), update: { $set: { [m.actual]: v.actual, [m.validatedAt]: v.validatedAt } } } })),
      { ordered: true },
    );
  }

  /** Raw rows of one model with predictedAt in [from, to). */
  async rowsBetween(model: string, from: Date, to: Date): Promise<PredictionRow[]> {
    const m = this.mapping;
    const rows: PredictionRow[] = [];
    const cursor = this.collection.find(
      { ...this.modelFilter(model), [m.predictedAt]: { $gte: from, $lt: to } },
      { projection: { _id: 0, [m.id]: 1, [m.predictedAt]: 1, [m.predicted]: 1, [m.confidence]: 1, [m.actual]: 1, [m.validatedAt]: 1, ...(m.model ? { [m.model]: 1 } : {}) } },
    );
    for await (const doc of cursor) {
      const row = this.fromDoc(doc);
      if (row) rows.push(row);
    }
    return rows;
  }

  /**
   * Where rows changed since a watermark: rows inserted after `insertedAfter` (by ObjectId time)
   * and rows validated since `validatedSince`; both null means every row (a full refresh).
   */
  async *changedSince(insertedAfter: Date | null, validatedSince: Date | null): AsyncGenerator<RowRef> {
    const m = this.mapping;
    const projection = { [m.predictedAt]: 1, ...(m.model ? { [m.model]: 1 } : {}) };
    const filters: Filter<Document>[] =
      insertedAfter && validatedSince
        ? [{ _id: { $gte: ObjectId.createFromTime(Math.floor(insertedAfter.getTime() / 1000)) } }, { [m.validatedAt]: { $gte: validatedSince } }]
        : [{}];
    for (const filter of filters) {
      for await (const doc of this.collection.find(filter, { projection })) {
        const at: unknown = doc[m.predictedAt];
        if (at instanceof Date) yield { model: this.modelOf(doc), predictedAt: at };
      }
    }
  }
}
