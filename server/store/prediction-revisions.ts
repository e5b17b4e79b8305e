// Newer versions of stored predictions (a validation, a correction, a re-send), appended instead of
// replacing the row: on FerretDB a delete or an update of n scattered rows compares every stored
// row with every key, so changing rows in place cost O(rows stored) per row. A revision is a whole
// row document plus the _id of the row it revises (`_of`) and its number (`_rev`, 1 for the first);
// readers keep, of each row, its newest revision or else the stored row. Nothing is ever rewritten
// here either, so the predictions collection (possibly the user's own) is never written after
// its insert.
import { BSON, ObjectId, type Collection, type Db, type Document, type Filter } from 'mongodb';
import { COLLECTIONS } from './collections.js';
import { onlyDuplicateKeys, POINT_READS_PER_SCAN, type ServerTraits } from './server-traits.js';

export const REVISION_OF = '_of';
export const REVISION_NUMBER = '_rev';

/** One string per stored row's _id, whatever its BSON type (the application chooses it). */
export function baseKey(id: unknown): string {
  if (typeof id === 'string') return `s:${id}`;
  if (id instanceof ObjectId) return `o:${id.toHexString()}`;
  return `j:${BSON.EJSON.stringify({ id }, { relaxed: false })}`;
}

/** The _id of the stored row a document stands for: its own, or the one it revises. */
export const baseIdOf = (doc: Document): unknown => (REVISION_OF in doc ? doc[REVISION_OF] : doc._id);

const numberOf = (doc: Document): number => {
  const n: unknown = doc[REVISION_NUMBER];
  return typeof n === 'number' ? n : 0;
};

/** A row document as a revision: its _id is derived from the row it revises and its number. */
interface RevisionDoc extends Document {
  _id: string;
}

const revisionId = (base: unknown, n: number) => `${baseKey(base)}#${n}`;

const LOOKUP_CHUNK = 1000;

export class PredictionRevisions {
  readonly collection: Collection<RevisionDoc>;

  constructor(
    db: Db,
    private readonly traits: ServerTraits,
  ) {
    this.collection = db.collection<RevisionDoc>(COLLECTIONS.predictionRevisions);
  }

  /**
   * Appends the next revision of each row: `docs` are current versions (a stored row or its newest
   * revision) carrying their new content. The revision's _id is derived from the row and its number,
   * so appending the same documents again (a redo after a crash) is a duplicate-key no-op.
   */
  async append(docs: Document[]): Promise<void> {
    if (docs.length === 0) return;
    const next = docs.map((doc) => {
      const base = baseIdOf(doc);
      const n = numberOf(doc) + 1;
      return { ...doc, _id: revisionId(base, n), [REVISION_OF]: base, [REVISION_NUMBER]: n };
    });
    try {
      await this.collection.insertMany(next, { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  /** The newest revision of each of these rows (their stored _id values), keyed by baseKey. */
  async newestOf(ids: unknown[]): Promise<Map<string, Document>> {
    const newest = new Map<string, Document>();
    if (ids.length === 0) return newest;
    const keep = (doc: Document) => {
      const key = baseKey(doc[REVISION_OF]);
      const seen = newest.get(key);
      if (!seen || numberOf(doc) > numberOf(seen)) newest.set(key, doc);
    };
    if (!this.traits.scansEveryFilter) {
      for (let i = 0; i < ids.length; i += LOOKUP_CHUNK)
        for await (const doc of this.collection.find({ [REVISION_OF]: { $in: ids.slice(i, i + LOOKUP_CHUNK) } }))
          keep(doc);
      return newest;
    }
    // Each row costs at least two point reads (its newest revision and the one after).
    if (ids.length * 2 <= POINT_READS_PER_SCAN) {
      // Revisions are numbered from 1 without gaps: follow each row's chain by point reads.
      for (const id of ids) {
        for (let n = 1; ; n++) {
          const doc = await this.collection.findOne({ _id: revisionId(id, n) });
          if (!doc) break;
          keep(doc);
        }
      }
      return newest;
    }
    const wanted = new Set(ids.map(baseKey));
    for await (const doc of this.collection.find({})) if (wanted.has(baseKey(doc[REVISION_OF]))) keep(doc);
    return newest;
  }

  /** The number of the newest revision of every revised row matching `filter` (one scan). */
  async latestNumbers(filter: Filter<RevisionDoc>): Promise<Map<string, number>> {
    const latest = new Map<string, number>();
    const projection = { _id: 0, [REVISION_OF]: 1, [REVISION_NUMBER]: 1 };
    for await (const doc of this.collection.find(filter, { projection })) {
      const key = baseKey(doc[REVISION_OF]);
      latest.set(key, Math.max(latest.get(key) ?? 0, numberOf(doc)));
    }
    return latest;
  }

  /** Whether `doc` is the newest revision of its row, given the newest numbers. */
  static isNewest(doc: Document, latest: Map<string, number>): boolean {
    return latest.get(baseKey(doc[REVISION_OF])) === numberOf(doc);
  }
}
