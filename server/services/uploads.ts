// Sends pending profiles to WhyLabs. Each profile is claimed (an exclusive lease) before it is
// sent and marked UPLOADED only after WhyLabs accepted the file, so no two processes send it.
import type { WhyLabsConfig } from '../config.js';
import type { UploadState } from '../core/upload-state.js';
import type { Logger } from '../logger.js';
import type { LeaseStore } from '../store/leases.js';
import type { ProfileRecord, ProfileStore } from '../store/profiles.js';
import { UploadError, type WhyLabsClient } from '../whylabs/client.js';
import { datasetFor } from '../whylabs/targets.js';

export interface UploadSummary {
  uploaded: number;
  failed: number;
  retrying: number;
}

/** After a run's retries are spent, a profile waits this long before the next run tries, doubling up to a cap. */
const RUN_BACKOFF_MS = 60_000;
const MAX_RUN_BACKOFF_MS = 3_600_000;
const PAGE = 200;

/** What the API shows: a pending profile no WhyLabs dataset is configured for stays local. */
export function uploadState(profile: ProfileRecord, config: WhyLabsConfig): UploadState {
  return profile.upload === 'PENDING' && datasetFor(config, profile.model) === null ? 'NOT_CONFIGURED' : profile.upload;
}

export interface UploadDeps {
  store: Pick<ProfileStore, 'bytes' | 'due' | 'get' | 'markFailed' | 'markRetry' | 'markUploaded'>;
  leases: Pick<LeaseStore, 'acquire'>;
  /** null: WhyLabs is not configured. */
  client: WhyLabsClient | null;
  log: Logger;
}

export interface UploadOptions {
  config: WhyLabsConfig;
  /** Names this process in upload claims. */
  owner: string;
  /** How long a claim lasts: longer than the longest upload. */
  claimMs: number;
}

export class UploadService {
  constructor(
    private readonly deps: UploadDeps,
    private readonly options: UploadOptions,
  ) {}

  get configured(): boolean {
    return this.deps.client !== null;
  }

  /** Models whose profiles have a dataset to go to; null: all of them. */
  private uploadableModels(): string[] | null {
    return this.options.config.defaultDatasetId ? null : Object.keys(this.options.config.datasetIds);
  }

  async uploadPending(signal: AbortSignal): Promise<UploadSummary> {
    const summary: UploadSummary = { uploaded: 0, failed: 0, retrying: 0 };
    if (!this.deps.client) return summary;
    const seen = new Set<string>();
    for (;;) {
      const page = (await this.deps.store.due(new Date(), PAGE, this.uploadableModels())).filter(
        (p) => !seen.has(p.id),
      );
      if (page.length === 0) return summary;
      for (const profile of page) {
        signal.throwIfAborted();
        seen.add(profile.id);
        await this.uploadOne(this.deps.client, profile, summary);
      }
    }
  }

  private async uploadOne(client: WhyLabsClient, profile: ProfileRecord, summary: UploadSummary): Promise<void> {
    const dataset = datasetFor(this.options.config, profile.model);
    const claim =
      dataset === null
        ? null
        : await this.deps.leases.acquire(`upload:${profile.id}`, this.options.owner, this.options.claimMs);
    if (dataset === null || !claim) return;
    try {
      // Re-read under the claim: another process may have finished this profile meanwhile.
      const now = new Date();
      const current = await this.deps.store.get(profile.id);
      const bytes = await this.deps.store.bytes(profile.id);
      if (!current || !bytes || current.upload !== 'PENDING' || current.nextAttemptAt > now) return;
      try {
        const uploadId = await client.upload(dataset, current.windowStart, bytes);
        await this.deps.store.markUploaded(current.id, uploadId, new Date());
        summary.uploaded++;
      } catch (error) {
        if (!(error instanceof UploadError)) throw error;
        this.deps.log.warn(
          {
            profile: current.id,
            model: current.model,
            windowStart: current.windowStart,
            permanent: error.permanent,
            reason: error.message,
            detail: error.detail,
          },
          'profile upload failed',
        );
        if (error.permanent) {
          await this.deps.store.markFailed(current.id, error.message);
          summary.failed++;
        } else {
          const attempts = current.attempts + 1;
          const wait = Math.min(RUN_BACKOFF_MS * 2 ** (attempts - 1), MAX_RUN_BACKOFF_MS);
          await this.deps.store.markRetry(current.id, error.message, attempts, new Date(Date.now() + wait));
          summary.retrying++;
        }
      }
    } finally {
      await claim.release();
    }
  }
}
