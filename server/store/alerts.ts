// Alerts (collection alerts) and their acknowledgements (collection alert_acks).
// The check-drift job is the only writer of alert documents; people acknowledge by inserting a
// separate document, so an acknowledgement never races with the job's updates (FerretDB runs
// updates as read-then-write without isolation, and one of two concurrent writers would be lost).
import type { Collection, Db, Filter } from 'mongodb';
import type { AlertEvent, AlertRecord } from '../core/alerts/lifecycle.js';
import { isDuplicateKey } from './server-traits.js';
import { COLLECTIONS } from './collections.js';

export type DeliveryState = 'PENDING' | 'DELIVERED' | 'FAILED';

/** One notification of one alert event to one webhook. */
export interface Delivery {
  /** Position of the URL in CLARA_ALERT_WEBHOOKS (the URL itself may be a credential and is not stored). */
  webhook: number;
  /** The URL's origin, to tell webhooks apart. */
  target: string;
  event: AlertEvent;
  state: DeliveryState;
  attempts: number;
  lastStatus: number | null;
  deliveredAt: Date | null;
  lastError: string | null;
}

interface AlertDoc extends Omit<AlertRecord, 'id'> {
  _id: string;
  deliveries: Delivery[];
}

interface AckDoc {
  _id: string;
  acknowledgedAt: Date;
}

export interface StoredAlert extends AlertRecord {
  deliveries: Delivery[];
  acknowledgedAt: Date | null;
}

export class AlertStore {
  private readonly alerts: Collection<AlertDoc>;
  private readonly acks: Collection<AckDoc>;

  constructor(db: Db) {
    this.alerts = db.collection<AlertDoc>(COLLECTIONS.alerts);
    this.acks = db.collection<AckDoc>(COLLECTIONS.alertAcks);
  }

  private async withAcks(docs: AlertDoc[]): Promise<StoredAlert[]> {
    const acked = new Map<string, Date>();
    if (docs.length > 0)
      for await (const ack of this.acks.find({ _id: { $in: docs.map((d) => d._id) } }))
        acked.set(ack._id, ack.acknowledgedAt);
    // FerretDB 1.24 leaves out $setOnInsert on an upsert: an alert never given deliveries has none.
    return docs.map(({ _id, ...rest }) => ({
      id: _id,
      ...rest,
      deliveries: rest.deliveries ?? [],
      acknowledgedAt: acked.get(_id) ?? null,
    }));
  }

  /** Writes the alert's current figures; its deliveries are kept (a new alert starts with none). */
  async save(alert: AlertRecord): Promise<void> {
    const { id, ...fields } = alert;
    await this.alerts.updateOne({ _id: id }, { $set: fields, $setOnInsert: { deliveries: [] } }, { upsert: true });
  }

  async setDeliveries(id: string, deliveries: Delivery[]): Promise<void> {
    await this.alerts.updateOne({ _id: id }, { $set: { deliveries } });
  }

  async get(ids: readonly string[]): Promise<StoredAlert[]> {
    if (ids.length === 0) return [];
    return this.withAcks(await this.alerts.find({ _id: { $in: [...ids] } }).toArray());
  }

  /** Every alert not resolved yet (at most one per model and rule). */
  async unresolved(model: string | null): Promise<StoredAlert[]> {
    const filter: Filter<AlertDoc> = model === null ? { resolvedAt: null } : { resolvedAt: null, model };
    return this.withAcks(await this.alerts.find(filter).toArray());
  }

  /** Resolved alerts, latest resolved first. */
  async resolved(model: string | null, limit: number): Promise<StoredAlert[]> {
    const filter: Filter<AlertDoc> =
      model === null ? { resolvedAt: { $ne: null } } : { resolvedAt: { $ne: null }, model };
    return this.withAcks(await this.alerts.find(filter).sort({ resolvedAt: -1, _id: 1 }).limit(limit).toArray());
  }

  /** Records the acknowledgement once; acknowledging again keeps the first time. */
  async acknowledge(id: string, now: Date): Promise<void> {
    try {
      await this.acks.insertOne({ _id: id, acknowledgedAt: now });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
