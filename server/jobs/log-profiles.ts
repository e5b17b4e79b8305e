import type { JobDefinition } from './job.js';

export const logProfiles: JobDefinition = {
  name: 'log-profiles',
  description:
    'Writes a whylogs profile for each model and closed one-hour window not yet profiled, and delta profiles for rows that arrived since.',
  every: 3_600_000,
  async run({ profiles, rollups }, signal) {
    // A run sees every write acknowledged before it started.
    await rollups.settle();
    const s = await profiles.logClosedWindows(signal);
    return `${s.windows} windows examined, ${s.rowsRead} rows read, ${s.profiles} profiles written (${s.predictions} predictions, ${s.validations} validations)`;
  },
};
