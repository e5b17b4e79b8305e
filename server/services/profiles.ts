// Writes whylogs profiles per model and closed one-hour window (by prediction time) and serves
// them. Profiles are deltas: a window's first profile holds its predictions and the validations
// known then; later profiles hold only what arrived since (late validations, late predictions),
// so merging all of a window's profiles counts every row once.
import { InputError } from '../core/errors.js';
import { displayReason } from '../core/public-error.js';
import { checkRange, type RangeLimits } from '../core/range-limits.js';
import { LEVEL_MS, levelStart } from '../core/grid.js';
import type { PredictionRow } from '../core/prediction.js';
import { isVersionSeries } from '../core/series.js';
import type { UploadState } from '../core/upload-state.js';
import { encodeProfile } from '../core/whylogs/profile.js';
import type { WhyLabsConfig } from '../config.js';
import type { PredictionStore } from '../store/predictions.js';
import type { Included, ProfileLedger } from '../store/profile-ledger.js';
import type { ProfileRecord, ProfileStore } from '../store/profiles.js';
import type { RollupStore } from '../store/rollups.js';
import { uploadState } from './uploads.js';

const HOUR = LEVEL_MS.HOUR;
/** A batch of windows is read in one range query: at most a day, at most about this many rows. */
const BATCH_SPAN_MS = 24 * HOUR;
const BATCH_ROWS = 50_000;

interface DueWindow {
  start: Date;
  /** Version of the hour's rollup when it was read. */
  v: number;
  /** Predictions in the hour by its rollup, to size batches. */
  rows: number;
}

/** Splits windows (in time order) into batches that are near each other and not too big. */
function batches(windows: DueWindow[]): DueWindow[][] {
  const result: DueWindow[][] = [];
  let rows = 0;
  for (const window of windows) {
    const current = result[result.length - 1];
    if (
      current &&
      window.start.getTime() - current[0].start.getTime() < BATCH_SPAN_MS &&
      rows + window.rows <= BATCH_ROWS
    ) {
      current.push(window);
      rows += window.rows;
    } else {
      result.push([window]);
      rows = window.rows;
    }
  }
  return result;
}

export interface LogSummary {
  windows: number;
  rowsRead: number;
  profiles: number;
  predictions: number;
  validations: number;
}

/** A profile as the API shows it: the upload state says NOT_CONFIGURED when no dataset is set for it. */
export interface ProfileView extends Omit<ProfileRecord, 'upload'> {
  upload: UploadState;
}

/** What profiling reads and writes, each narrowed to what it uses. */
export interface ProfileDeps {
  predictions: Pick<PredictionStore, 'rowsBetween'>;
  rollupStore: Pick<RollupStore, 'models' | 'versions'>;
  store: Pick<ProfileStore, 'bytes' | 'count' | 'insert' | 'list' | 'newId' | 'ofWindows'>;
  ledger: Pick<ProfileLedger, 'dropOrphans' | 'examined' | 'included' | 'setExamined' | 'writeManifest'>;
}

export interface ProfileOptions {
  whylabs: WhyLabsConfig;
  /** Most profiles one `profiles` query may list. */
  maxProfiles: number;
  limits: RangeLimits;
}

export class ProfileService {
  constructor(
    private readonly deps: ProfileDeps,
    private readonly options: ProfileOptions,
  ) {}

  /**
   * Profiles every closed hour that changed since it was last examined. The hour rollups tell what
   * changed (their version moves on every recompute; ingestion and refresh-rollups keep them
   * current, whoever wrote the rows), so the first run after install or an outage covers every
   * hour with data and later runs read only the hours that changed.
   */
  async logClosedWindows(signal: AbortSignal, now = new Date()): Promise<LogSummary> {
    const summary: LogSummary = { windows: 0, rowsRead: 0, profiles: 0, predictions: 0, validations: 0 };
    // A model's profiles cover every version: its version series are not profiled apart.
    for (const model of (await this.deps.rollupStore.models()).filter((name) => !isVersionSeries(name))) {
      const examined = await this.deps.ledger.examined(model);
      const due = (await this.deps.rollupStore.versions('HOUR', model)).filter(
        (w) => w.start.getTime() + HOUR <= now.getTime() && examined.get(w.start.getTime()) !== w.v,
      );
      for (const batch of batches(due)) {
        signal.throwIfAborted();
        await this.profileBatch(model, batch, now, summary);
      }
    }
    return summary;
  }

  /** Reads what a batch of windows needs in a few queries, then profiles them one by one. */
  private async profileBatch(model: string, batch: DueWindow[], now: Date, summary: LogSummary): Promise<void> {
    const starts = batch.map((w) => w.start);
    const committed = await this.deps.store.ofWindows(model, starts);
    const committedIds = [...committed.values()].flat().map((p) => p.id);
    await this.deps.ledger.dropOrphans(model, starts, committedIds);
    const included = await this.deps.ledger.included(model, starts, committedIds);
    const rows = new Map<number, PredictionRow[]>();
    for (const row of await this.deps.predictions.rowsBetween(
      model,
      starts[0],
      new Date(starts[starts.length - 1].getTime() + HOUR),
    )) {
      const hour = levelStart('HOUR', row.predictedAt).getTime();
      const list = rows.get(hour);
      if (list) list.push(row);
      else rows.set(hour, [row]);
    }
    for (const window of batch) {
      const at = window.start.getTime();
      await this.profileWindow(
        model,
        window,
        rows.get(at) ?? [],
        committed.get(at) ?? [],
        included.get(at),
        now,
        summary,
      );
    }
  }

  /**
   * Every step can be repeated: manifests count only once their profile exists, the profile insert
   * is unique per (model, window, seq), and the window is marked examined last. A run that dies
   * anywhere in here leaves work the next run finishes with the same result.
   */
  private async profileWindow(
    model: string,
    { start: windowStart, v }: DueWindow,
    rows: PredictionRow[],
    committed: { seq: number }[],
    included: Included | undefined,
    now: Date,
    summary: LogSummary,
  ): Promise<void> {
    summary.windows++;
    summary.rowsRead += rows.length;
    const predictions = rows.filter((r) => !included?.predictions.has(r.id));
    const validations = rows.filter(
      (r): r is PredictionRow & { actual: string } => r.actual !== null && !included?.validations.has(r.id),
    );
    if (predictions.length > 0 || validations.length > 0) {
      const id = this.deps.store.newId();
      const bytes = encodeProfile({
        datasetTimestamp: windowStart,
        creationTimestamp: now,
        predictions: predictions.map((r) => ({ predicted: r.predicted, confidence: r.confidence })),
        validations: validations.map((r) => ({ actual: r.actual, predicted: r.predicted })),
        tags: { model },
      });
      await this.deps.ledger.writeManifest(
        id,
        model,
        windowStart,
        predictions.map((r) => r.id),
        validations.map((r) => r.id),
      );
      const written = await this.deps.store.insert(
        {
          id,
          model,
          windowStart,
          windowEnd: new Date(windowStart.getTime() + HOUR),
          seq: Math.max(0, ...committed.map((p) => p.seq)) + 1,
          rows: predictions.length,
          validated: validations.length,
          createdAt: now,
          size: bytes.length,
          upload: 'PENDING',
          attempts: 0,
          nextAttemptAt: now,
          uploadedAt: null,
          uploadError: null,
          uploadId: null,
        },
        bytes,
      );
      // Another run wrote this window's next profile meanwhile: the next run looks at it afresh.
      if (!written) return;
      summary.profiles++;
      summary.predictions += predictions.length;
      summary.validations += validations.length;
    }
    await this.deps.ledger.setExamined(model, windowStart, v);
  }

  /** Profiles whose window starts in [from, to), optionally of one model. */
  async list(from: Date, to: Date, model: string | null): Promise<ProfileView[]> {
    checkRange({ start: from, end: to }, this.options.limits);
    const count = await this.deps.store.count(from, to, model);
    if (count > this.options.maxProfiles)
      throw new InputError(
        'range',
        `holds ${count} profiles, more than the limit of ${this.options.maxProfiles}; ask for a shorter range`,
      );
    const profiles = await this.deps.store.list(from, to, model);
    return profiles.map((p) => ({
      ...p,
      upload: uploadState(p, this.options.whylabs),
      uploadError: displayReason(p.uploadError),
    }));
  }

  /** The profile file, or null when there is no such profile. */
  download(id: string): Promise<Uint8Array | null> {
    return this.deps.store.bytes(id);
  }
}
