import type { JobDefinition } from './job.js';

export const checkAnomalies: JobDefinition = {
  name: 'check-anomalies',
  description:
    'Compares each model’s prediction volume of the last closed hours with the same hours of previous weeks, looks for silences (no predictions for CLARA_ANOMALY_SILENCE_MINUTES where there usually are some) and for jobs failing CLARA_ANOMALY_JOB_FAILURES times in a row; opens and resolves alerts and notifies the webhooks.',
  every: 5 * 60_000,
  async run({ anomalies, rollups }, signal) {
    // A run counts every prediction acknowledged before it started.
    await rollups.settle();
    const s = await anomalies.check(signal);
    return `${s.models} models and ${s.jobs} jobs checked, ${s.firing} verdicts firing, ${s.opened} alerts opened, ${s.resolved} resolved, ${s.sent} notifications sent, ${s.failed} failed`;
  },
};
