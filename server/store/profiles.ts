// whylogs profiles (collection profiles): the file bytes and their WhyLabs upload state, one
// document per profile. A window's profiles are numbered by `seq`; the unique index on
// (model, windowStart, seq) makes the insert the moment a profile exists.
import { Binary, ObjectId, type Collection, type Db, type Filter } from 'mongodb';
import { isDuplicateKey } from './server-traits.js';
import { COLLECTIONS } from './collections.js';

/** MongoDB refuses documents over 16 MiB; the rest of the document is small. */
export const MAX_PROFILE_BYTES = 15 * 1024 * 1024;

/** Stored state; "not configured" is not stored, it depends on the settings of the moment. */
export type StoredUpload = 'PENDING' | 'UPLOADED' | 'FAILED';

export interface ProfileRecord {
  id: string;
  model: string;
  windowStart: Date;
  windowEnd: Date;
  seq: number;
  rows: number;
  validated: number;
  createdAt: Date;
  size: number;
  upload: StoredUpload;
  attempts: number;
  nextAttemptAt: Date;
  uploadedAt: Date | null;
  uploadError: string | null;
  uploadId: string | null;
}

interface ProfileDoc extends Omit<ProfileRecord, 'id'> {
  _id: ObjectId;
  bytes: Binary;
}

const WITHOUT_BYTES = { projection: { bytes: 0 } } as const;

function fromDoc(doc: Omit<ProfileDoc, 'bytes'>): ProfileRecord {
  const { _id, ...rest } = doc;
  return { id: _id.toHexString(), ...rest };
}

const objectId = (id: string): ObjectId | null => (/^[0-9a-f]{24}$/i.test(id) ? new ObjectId(id) : null);

export class ProfileStore {
  private readonly profiles: Collection<ProfileDoc>;

  constructor(db: Db) {
    this.profiles = db.collection<ProfileDoc>(COLLECTIONS.profiles);
  }

  /** Ids are made before the insert: a profile's manifest is written first and names it. */
  newId(): string {
    return new ObjectId().toHexString();
  }

  /** False when profile `seq` of the window exists already (written by someone else meanwhile). */
  async insert(record: ProfileRecord, bytes: Uint8Array): Promise<boolean> {
    if (bytes.length > MAX_PROFILE_BYTES) {
      throw new Error(
        `the profile of ${record.model} at ${record.windowStart.toISOString()} is ${bytes.length} bytes, more than a document can hold`,
      );
    }
    const { id, ...rest } = record;
    try {
      await this.profiles.insertOne({ _id: new ObjectId(id), ...rest, bytes: new Binary(bytes) });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** The profiles of some windows of a model, by window start (ms). */
  async ofWindows(model: string, starts: Date[]): Promise<Map<number, { id: string; seq: number }[]>> {
    const found = new Map<number, { id: string; seq: number }[]>();
    for await (const doc of this.profiles.find(
      { model, windowStart: { $in: starts } },
      { projection: { windowStart: 1, seq: 1 } },
    )) {
      const at = doc.windowStart.getTime();
      found.set(at, [...(found.get(at) ?? []), { id: doc._id.toHexString(), seq: doc.seq }]); // a handful per window
    }
    return found;
  }

  private rangeFilter(from: Date, to: Date, model: string | null): Filter<ProfileDoc> {
    return { windowStart: { $gte: from, $lt: to }, ...(model === null ? {} : { model }) };
  }

  count(from: Date, to: Date, model: string | null): Promise<number> {
    return this.profiles.countDocuments(this.rangeFilter(from, to, model));
  }

  /** Profiles whose window starts in [from, to), oldest window first. */
  async list(from: Date, to: Date, model: string | null): Promise<ProfileRecord[]> {
    const docs = await this.profiles
      .find(this.rangeFilter(from, to, model), WITHOUT_BYTES)
      .sort({ windowStart: 1, model: 1, seq: 1 })
      .toArray();
    return docs.map(fromDoc);
  }

  async get(id: string): Promise<ProfileRecord | null> {
    const _id = objectId(id);
    const doc = _id && (await this.profiles.findOne({ _id }, WITHOUT_BYTES));
    return doc ? fromDoc(doc) : null;
  }

  async bytes(id: string): Promise<Uint8Array | null> {
    const _id = objectId(id);
    const doc = _id && (await this.profiles.findOne({ _id }, { projection: { bytes: 1 } }));
    return doc ? doc.bytes.value() : null;
  }

  /** Profiles waiting for an upload attempt, oldest window first; `models` null: of every model. */
  async due(now: Date, limit: number, models: string[] | null): Promise<ProfileRecord[]> {
    const filter: Filter<ProfileDoc> = {
      upload: 'PENDING',
      nextAttemptAt: { $lte: now },
      ...(models === null ? {} : { model: { $in: models } }),
    };
    const docs = await this.profiles
      .find(filter, WITHOUT_BYTES)
      .sort({ windowStart: 1, seq: 1 })
      .limit(limit)
      .toArray();
    return docs.map(fromDoc);
  }

  async markUploaded(id: string, uploadId: string, now: Date): Promise<void> {
    await this.profiles.updateOne(
      { _id: new ObjectId(id) },
      { $set: { upload: 'UPLOADED', uploadedAt: now, uploadId, uploadError: null } },
    );
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.profiles.updateOne({ _id: new ObjectId(id) }, { $set: { upload: 'FAILED', uploadError: reason } });
  }

  async markRetry(id: string, reason: string, attempts: number, nextAttemptAt: Date): Promise<void> {
    await this.profiles.updateOne(
      { _id: new ObjectId(id) },
      { $set: { uploadError: reason, attempts, nextAttemptAt } },
    );
  }
}
