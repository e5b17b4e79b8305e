// A queue of blocks to recompute. Each mark is its own document, removed by _id once handled, so a
// mark added while a block is being recomputed survives and triggers another pass.
import { ObjectId, type Collection, type Db } from 'mongodb';
import type { RollupLevel } from '../core/grid.js';
import { bulkWriteInChunks } from './bulk.js';
import { COLLECTIONS } from './collections.js';

export interface Block {
  model: string;
  start: Date;
}

export interface Mark extends Block {
  id: ObjectId;
}

interface MarkDoc {
  _id: ObjectId;
  level: RollupLevel;
  model: string;
  start: Date;
}

export class RollupMarks {
  private readonly marks: Collection<MarkDoc>;

  constructor(db: Db) {
    this.marks = db.collection<MarkDoc>(COLLECTIONS.rollupMarks);
  }

  async add(level: RollupLevel, blocks: Block[]): Promise<void> {
    if (blocks.length === 0) return;
    await this.marks.insertMany(
      blocks.map(({ model, start }) => ({ _id: new ObjectId(), level, model, start })),
      { ordered: false },
    );
  }

  /** The oldest marks of a level (the queue stays small: handled marks are deleted). */
  async next(level: RollupLevel, limit: number): Promise<Mark[]> {
    const docs = await this.marks.find({ level }).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map((d) => ({ id: d._id, model: d.model, start: d.start }));
  }

  async count(): Promise<number> {
    return this.marks.countDocuments({});
  }

  /** Deletes by _id only: the one filter every MongoDB-compatible server answers without a scan. */
  async remove(marks: Mark[]): Promise<void> {
    await bulkWriteInChunks(
      this.marks,
      marks.map((m) => ({ deleteOne: { filter: { _id: m.id } } })),
      { ordered: false },
    );
  }
}
