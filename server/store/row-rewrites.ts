// Write-ahead records for rewriting stored predictions. A row changes (a validation, a re-send) by
// delete + insert of its whole document: two statements whatever the batch size, where an update
// per row would scan the whole collection on FerretDB. The new documents are saved here first, so a
// crash between the delete and the insert loses nothing: the next drain redoes the rewrite.
import { ObjectId, type Collection, type Db, type Document } from 'mongodb';
import { COLLECTIONS } from './collections.js';
import type { Block } from './rollups.js';

export interface RowRewrite {
  id: ObjectId;
  /** The new documents, each with the _id of the one it replaces. */
  docs: Document[];
  /** Quarters the old and the new versions of these rows fall in. */
  blocks: Block[];
}

type RewriteDoc = Omit<RowRewrite, 'id'> & { _id: ObjectId };

export class RowRewrites {
  private readonly docs: Collection<RewriteDoc>;

  constructor(db: Db) {
    this.docs = db.collection<RewriteDoc>(COLLECTIONS.rowRewrites);
  }

  async save(docs: Document[], blocks: Block[]): Promise<RowRewrite> {
    const rewrite = { _id: new ObjectId(), docs, blocks };
    await this.docs.insertOne(rewrite);
    return { id: rewrite._id, docs, blocks };
  }

  /** Rewrites a crashed drain left unfinished. */
  async unfinished(): Promise<RowRewrite[]> {
    const docs = await this.docs.find({}).sort({ _id: 1 }).toArray();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async remove(ids: ObjectId[]): Promise<void> {
    if (ids.length > 0) await this.docs.deleteMany({ _id: { $in: ids } });
  }
}
