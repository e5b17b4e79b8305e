// What the check-drift job remembers per model between runs (collection drift_state, _id = model):
// the Page–Hinkley checkpoints, the alert slot of each rule, and alerts with notifications to send.
// Only the job writes here, and one run of it at a time (its lease), so whole-document replaces are safe.
import type { Collection, Db } from 'mongodb';
import { EMPTY_MODEL_STATE, type ModelDriftState } from '../core/drift-rules/check.js';
import { COLLECTIONS } from './collections.js';

interface DriftStateDoc extends ModelDriftState {
  _id: string;
  /** Ids of alerts with notifications not yet delivered. */
  outbox: string[];
  updatedAt: Date;
}

export interface StoredDriftState {
  state: ModelDriftState;
  outbox: string[];
}

export class DriftStateStore {
  private readonly docs: Collection<DriftStateDoc>;

  /** The check-anomalies job keeps its own (anomaly_state), keyed by model or job name. */
  constructor(db: Db, collection: string = COLLECTIONS.driftState) {
    this.docs = db.collection<DriftStateDoc>(collection);
  }

  async get(model: string): Promise<StoredDriftState> {
    const doc = await this.docs.findOne({ _id: model });
    if (!doc) return { state: EMPTY_MODEL_STATE, outbox: [] };
    return { state: { pageHinkley: doc.pageHinkley, slots: doc.slots }, outbox: doc.outbox };
  }

  async put(model: string, { state, outbox }: StoredDriftState, now = new Date()): Promise<void> {
    await this.docs.replaceOne(
      { _id: model },
      { pageHinkley: state.pageHinkley, slots: state.slots, outbox, updatedAt: now },
      { upsert: true },
    );
  }
}
