// Where the rollups got to, in a few documents (reading them whole is cheap on every server):
// - the instant the incremental refresh's last completed scan started;
// - the drainer's watermark: the highest batch stamp any pass has taken in (services/rollups.ts);
// - stale stamps: batches a row of which was rewritten before the batch itself was drained, so
//   their tallies no longer describe their rows.
import { ObjectId, type Collection, type Db } from 'mongodb';
import { COLLECTIONS } from './collections.js';
import { onlyDuplicateKeys } from './server-traits.js';

interface StateDoc {
  /** 'scan', 'watermark', or 'stale:' and the stamp's hex */
  _id: string;
  scanStartedAt?: Date;
  through?: ObjectId;
}

const WATERMARK = 'watermark';
const STALE = 'stale:';
/** Stale marks of batches never journaled (a crash between their two writes) go after this long. */
const STALE_KEPT_MS = 24 * 3600 * 1000;

export interface StampState {
  watermark: string | null;
  stale: Set<string>;
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

  async stamps(): Promise<StampState> {
    const state: StampState = { watermark: null, stale: new Set() };
    for await (const doc of this.states.find({})) {
      if (doc._id === WATERMARK) state.watermark = doc.through?.toHexString() ?? null;
      else if (doc._id.startsWith(STALE)) state.stale.add(doc._id.slice(STALE.length));
    }
    return state;
  }

  /** Called by the rollups lease holder alone, with a value above the stored one. */
  async raiseWatermark(through: string): Promise<void> {
    await this.states.updateOne({ _id: WATERMARK }, { $set: { through: new ObjectId(through) } }, { upsert: true });
  }

  async markStale(stamps: Iterable<string>): Promise<void> {
    const docs = [...new Set(stamps)].map((hex) => ({ _id: STALE + hex }));
    if (docs.length === 0) return;
    try {
      await this.states.insertMany(docs, { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  /** Drops the marks of batches older than a day: their entries are drained, or never coming. */
  async pruneStale(stale: Set<string>, now = new Date()): Promise<void> {
    const cutoff = ObjectId.createFromTime(Math.floor((now.getTime() - STALE_KEPT_MS) / 1000)).toHexString();
    const old = [...stale].filter((hex) => hex < cutoff).map((hex) => STALE + hex);
    if (old.length > 0) await this.states.deleteMany({ _id: { $in: old } });
  }
}
