// Class counts of each model's training set, one document per model.
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from './collections.js';

interface TrainingDoc {
  _id: string;
  counts: { label: string; count: number }[];
  updatedAt: Date;
}

export class TrainingStore {
  private readonly docs: Collection<TrainingDoc>;

  constructor(db: Db) {
    this.docs = db.collection<TrainingDoc>(COLLECTIONS.trainingDistribution);
  }

  async get(model: string): Promise<{ label: string; count: number }[]> {
    return (await this.docs.findOne({ _id: model }))?.counts ?? [];
  }

  /** Replaces the whole distribution: sending the same counts twice changes nothing. */
  async set(model: string, counts: { label: string; count: number }[]): Promise<void> {
    await this.docs.replaceOne({ _id: model }, { counts, updatedAt: new Date() }, { upsert: true });
  }

  async models(): Promise<string[]> {
    return (await this.docs.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
  }
}
