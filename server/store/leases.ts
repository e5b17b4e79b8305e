// Expiring exclusive leases ("only one process does this now"), built on unique inserts alone.
//
// Why not findOneAndUpdate on one lock document: on FerretDB 1.24 (SQLite) updates are
// read-then-write without isolation, so several processes "win" the same conditional update (we
// measured it; Agenda's own job locking double-runs there). An insert of an _id that exists fails
// atomically on every server, so each lease generation is a new document `<key>#<gen>`: whoever
// inserts generation g+1 holds the lease; the holder alone writes to it afterwards.
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from './server-traits.js';
import { COLLECTIONS } from './collections.js';

interface LeaseDoc {
  _id: string;
  key: string;
  gen: number;
  owner: string;
  acquiredAt: Date;
  heartbeatAt: Date;
  releasedAt: Date | null;
}

export interface LeaseHolder {
  owner: string;
  acquiredAt: Date;
  heartbeatAt: Date;
}

export class Lease {
  constructor(
    private readonly leases: Collection<LeaseDoc>,
    readonly key: string,
    readonly gen: number,
  ) {}

  private get id(): string {
    return `${this.key}#${this.gen}`;
  }

  /** Extends the lease; false when it was lost (it expired and someone else took the next generation). */
  async renew(now = new Date()): Promise<boolean> {
    const newer = await this.leases.findOne({ key: this.key, gen: { $gt: this.gen } }, { projection: { _id: 1 } });
    if (newer) return false;
    const result = await this.leases.updateOne({ _id: this.id, releasedAt: null }, { $set: { heartbeatAt: now } });
    return result.matchedCount === 1;
  }

  async release(now = new Date()): Promise<void> {
    await this.leases.updateOne({ _id: this.id }, { $set: { releasedAt: now } });
  }
}

export class LeaseStore {
  private readonly leases: Collection<LeaseDoc>;

  constructor(db: Db) {
    this.leases = db.collection<LeaseDoc>(COLLECTIONS.leases);
  }

  private latest(key: string): Promise<LeaseDoc | null> {
    return this.leases.find({ key }).sort({ gen: -1 }).limit(1).next();
  }

  private static live(doc: LeaseDoc, lifetimeMs: number, now: Date): boolean {
    return doc.releasedAt === null && now.getTime() - doc.heartbeatAt.getTime() < lifetimeMs;
  }

  /**
   * The lease, or null while someone else holds it (a holder silent for `lifetimeMs` has lost it).
   * With `reclaimOwn`, a live lease of the same owner is taken over: for a caller that never holds
   * the lease twice at once, that is a release that failed (a database error), not a second holder.
   */
  async acquire(
    key: string,
    owner: string,
    lifetimeMs: number,
    options: { now?: Date; reclaimOwn?: boolean } = {},
  ): Promise<Lease | null> {
    const now = options.now ?? new Date();
    const latest = await this.latest(key);
    if (latest && LeaseStore.live(latest, lifetimeMs, now) && !(options.reclaimOwn && latest.owner === owner))
      return null;
    const gen = (latest?.gen ?? 0) + 1;
    try {
      await this.leases.insertOne({
        _id: `${key}#${gen}`,
        key,
        gen,
        owner,
        acquiredAt: now,
        heartbeatAt: now,
        releasedAt: null,
      });
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
    // Older generations are finished or expired; only the newest one matters.
    await this.leases.deleteMany({ key, gen: { $lt: gen } });
    return new Lease(this.leases, key, gen);
  }

  /** Who holds the lease now, if anyone. */
  async holder(key: string, lifetimeMs: number, now = new Date()): Promise<LeaseHolder | null> {
    const latest = await this.latest(key);
    return latest && LeaseStore.live(latest, lifetimeMs, now)
      ? { owner: latest.owner, acquiredAt: latest.acquiredAt, heartbeatAt: latest.heartbeatAt }
      : null;
  }
}
