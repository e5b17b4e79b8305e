// Write-ahead records for storing new versions of predictions (a validation, a re-send) as
// revisions (store/prediction-revisions.ts). The new documents and the quarters of their old and
// new versions are saved here first, so a crash after some revisions landed loses nothing: the next
// drain appends them again (a no-op for those already there) and recomputes those quarters, the
// old quarter of a moved row included, which replaying the journal alone would no longer see.
//
// One rewrite is saved as parts of at most DOCS_PER_PART documents, each part's documents in one
// Extended JSON string (every BSON type kept): one document holding thousands of rows could pass
// MongoDB's 16 MiB limit, and FerretDB charges for every field and array element. The first part
// (its _id is the rewrite's) carries the quarters and is inserted first, so a crash while saving
// leaves a prefix that still names every quarter to recompute.
import { BSON, ObjectId, type Collection, type Db, type Document } from 'mongodb';
import { COLLECTIONS } from './collections.js';
import type { Block } from './rollups.js';

export interface RowRewrite {
  id: ObjectId;
  /** The new documents, each carrying the _id and revision number of the version it follows. */
  docs: Document[];
  /** Quarters the old and the new versions of these rows fall in. */
  blocks: Block[];
}

interface RewritePart {
  _id: ObjectId;
  /** Absent from records saved whole, before parts (their documents and quarters are arrays). */
  rewrite?: ObjectId;
  part?: number;
  /** Extended JSON (canonical) of the part's documents. */
  docs: string | Document[];
  /** First part only: [series, quarter start in ms] pairs. */
  blocks?: string | Block[];
}

function blocksOf(saved: RewritePart['blocks']): Block[] {
  if (saved === undefined) return [];
  if (typeof saved !== 'string') return saved;
  return (JSON.parse(saved) as [string, number][]).map(([model, start]) => ({ model, start: new Date(start) }));
}

const DOCS_PER_PART = 1000;

export class RowRewrites {
  private readonly parts: Collection<RewritePart>;

  constructor(db: Db) {
    this.parts = db.collection<RewritePart>(COLLECTIONS.rowRewrites);
  }

  async save(docs: Document[], blocks: Block[]): Promise<RowRewrite> {
    const id = new ObjectId();
    const parts: RewritePart[] = [];
    for (let i = 0; i === 0 || i < docs.length; i += DOCS_PER_PART) {
      const text = BSON.EJSON.stringify(docs.slice(i, i + DOCS_PER_PART), { relaxed: false });
      parts.push({ _id: i === 0 ? id : new ObjectId(), rewrite: id, part: i / DOCS_PER_PART, docs: text });
    }
    parts[0].blocks = JSON.stringify(blocks.map((b) => [b.model, b.start.getTime()]));
    await this.parts.insertMany(parts, { ordered: true });
    return { id, docs, blocks };
  }

  /** Rewrites a crashed drain left unfinished, oldest first. */
  async unfinished(): Promise<RowRewrite[]> {
    const byRewrite = new Map<string, RowRewrite>();
    for (const part of await this.parts.find({}).sort({ _id: 1 }).toArray()) {
      const id = part.rewrite ?? part._id;
      let rewrite = byRewrite.get(id.toHexString());
      if (!rewrite) byRewrite.set(id.toHexString(), (rewrite = { id, docs: [], blocks: [] }));
      const docs: unknown = typeof part.docs === 'string' ? BSON.EJSON.parse(part.docs, { relaxed: false }) : part.docs;
      rewrite.docs.push(...(docs as Document[]));
      rewrite.blocks.push(...blocksOf(part.blocks));
    }
    return [...byRewrite.values()].sort((a, b) => a.id.toHexString().localeCompare(b.id.toHexString()));
  }

  async remove(ids: ObjectId[]): Promise<void> {
    if (ids.length > 0) await this.parts.deleteMany({ $or: [{ rewrite: { $in: ids } }, { _id: { $in: ids } }] });
  }
}
