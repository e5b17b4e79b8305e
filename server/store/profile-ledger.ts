// What each profile holds, by prediction id (collection profile_manifests), and which version of
// each hour's rollup the profiler last examined (collection profile_windows).
//
// Per-id manifests rather than time watermarks: validatedAt can be sent in the past and rows
// written directly carry any timestamps, so "validated since T" would miss some; a set of ids
// cannot. A manifest counts only once its profile exists (the profile insert is the commit), so
// manifests left by a run that died before that insert are ignored and later dropped.
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from './collections.js';

/** Keeps each manifest document far below MongoDB's 16 MiB limit, whatever the id lengths. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** BSON cost of one array element besides its characters: type, index key, length, terminators. */
const ELEMENT_OVERHEAD = 16;

interface ManifestDoc {
  _id: string;
  profileId: string;
  model: string;
  windowStart: Date;
  predictions: string[];
  validations: string[];
}

interface WindowDoc {
  _id: string;
  model: string;
  windowStart: Date;
  v: number;
}

export interface Included {
  predictions: Set<string>;
  validations: Set<string>;
}

const windowId = (model: string, windowStart: Date) => `${windowStart.getTime()}:${model}`;

export class ProfileLedger {
  private readonly manifests: Collection<ManifestDoc>;
  private readonly windows: Collection<WindowDoc>;

  constructor(db: Db) {
    this.manifests = db.collection<ManifestDoc>(COLLECTIONS.profileManifests);
    this.windows = db.collection<WindowDoc>(COLLECTIONS.profileWindows);
  }

  async writeManifest(
    profileId: string,
    model: string,
    windowStart: Date,
    predictions: string[],
    validations: string[],
  ): Promise<void> {
    const docs: ManifestDoc[] = [];
    let current: ManifestDoc | null = null;
    let size = 0;
    const add = (list: 'predictions' | 'validations', id: string) => {
      const cost = id.length * 3 + ELEMENT_OVERHEAD; // UTF-8 takes at most 3 bytes per UTF-16 unit
      if (!current || size + cost > CHUNK_BYTES) {
        current = {
          _id: `${profileId}:${docs.length}`,
          profileId,
          model,
          windowStart,
          predictions: [],
          validations: [],
        };
        docs.push(current);
        size = 0;
      }
      current[list].push(id);
      size += cost;
    };
    for (const id of predictions) add('predictions', id);
    for (const id of validations) add('validations', id);
    if (docs.length > 0) await this.manifests.insertMany(docs, { ordered: true });
  }

  /** The ids the given (committed) profiles of these windows hold, by window start (ms). */
  async included(model: string, windowStarts: Date[], profileIds: string[]): Promise<Map<number, Included>> {
    const found = new Map<number, Included>();
    if (profileIds.length === 0) return found;
    for await (const doc of this.manifests.find({
      model,
      windowStart: { $in: windowStarts },
      profileId: { $in: profileIds },
    })) {
      const at = doc.windowStart.getTime();
      let included = found.get(at);
      if (!included) found.set(at, (included = { predictions: new Set(), validations: new Set() }));
      for (const id of doc.predictions) included.predictions.add(id);
      for (const id of doc.validations) included.validations.add(id);
    }
    return found;
  }

  /** Drops manifests of these windows that belong to no committed profile (left by an interrupted run). */
  async dropOrphans(model: string, windowStarts: Date[], committed: string[]): Promise<void> {
    await this.manifests.deleteMany({ model, windowStart: { $in: windowStarts }, profileId: { $nin: committed } });
  }

  /** Rollup version last examined, by window start (ms), for one model. */
  async examined(model: string): Promise<Map<number, number>> {
    const seen = new Map<number, number>();
    for await (const doc of this.windows.find({ model }, { projection: { windowStart: 1, v: 1 } }))
      seen.set(doc.windowStart.getTime(), doc.v);
    return seen;
  }

  async setExamined(model: string, windowStart: Date, v: number): Promise<void> {
    await this.windows.replaceOne({ _id: windowId(model, windowStart) }, { model, windowStart, v }, { upsert: true });
  }
}
