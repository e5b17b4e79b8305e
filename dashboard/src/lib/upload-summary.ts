// Profiles → how many are in each WhyLabs upload state, and the latest reason a failed one gave.
import type { ProfileUploadsQuery, UploadState } from '../gql/graphql.js';

type Profile = ProfileUploadsQuery['profiles'][number];

export const UPLOAD_STATES: readonly UploadState[] = ['UPLOADED', 'PENDING', 'FAILED', 'NOT_CONFIGURED'];

export const UPLOAD_STATE_LABELS: Record<UploadState, string> = {
  UPLOADED: 'Uploaded',
  PENDING: 'Pending (waiting or retrying)',
  FAILED: 'Failed (not retried)',
  NOT_CONFIGURED: 'Kept locally (WhyLabs not configured)',
};

export interface UploadSummary {
  counts: Record<UploadState, number>;
  total: number;
  /** The last reason among failed or retrying profiles (profiles come oldest first). */
  lastError: string | null;
}

export function uploadSummary(profiles: readonly Profile[]): UploadSummary {
  const counts: Record<UploadState, number> = { UPLOADED: 0, PENDING: 0, FAILED: 0, NOT_CONFIGURED: 0 };
  let lastError: string | null = null;
  for (const p of profiles) {
    counts[p.upload]++;
    if (p.uploadError) lastError = p.uploadError;
  }
  return { counts, total: profiles.length, lastError };
}
