import type { JobDefinition } from './job.js';

export const uploadProfiles: JobDefinition = {
  name: 'upload-profiles',
  description:
    'Sends pending profiles to WhyLabs when WHYLABS_API_KEY, WHYLABS_DEFAULT_ORG_ID and a dataset id are set.',
  every: 300_000,
  async run({ uploads }, signal) {
    if (!uploads.configured) return 'WhyLabs is not configured; profiles are kept locally';
    const s = await uploads.uploadPending(signal);
    return `${s.uploaded} profiles uploaded, ${s.failed} failed, ${s.retrying} to retry`;
  },
};
