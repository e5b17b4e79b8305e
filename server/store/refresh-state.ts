// Where the incremental refresh got to: the instant its last completed scan started.
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from './collections.js';

interface StateDoc {
  _id: string;
  scanStartedAt: Date;
}

export class RefreshStateStore {
  private readonly states: Collection<StateDoc>;

  constructor(db: Db) {
    this.states = db.collection<StateDoc>(COLLECTIONS.refreshState);
  }

  async lastScanStart(): Promise<Date | null> {
    return (await this.states.findOne({ _id: 'scan' }))?.scanStartedAt ?? null;
  }

  /** Only moves forward, so an overlapping slower refresh cannot move asOf back. */
  async completed(scanStartedAt: Date): Promise<void> {
    const current = await this.lastScanStart();
    if (current && current >= scanStartedAt) return;
    await this.states.updateOne({ _id: 'scan' }, { $set: { scanStartedAt } }, { upsert: true });
  }
}
