import type { JobDefinition } from './job.js';

export const checkDrift: JobDefinition = {
  name: 'check-drift',
  description:
    'Evaluates the drift rules on the last closed windows of every model, stores the verdicts in drift_results, opens and resolves alerts and notifies the webhooks.',
  every: 3_600_000,
  async run({ drift, rollups }, signal) {
    // A run sees every write acknowledged before it started.
    await rollups.settle();
    const s = await drift.check(signal);
    return `${s.models} models, ${s.windows} windows checked, ${s.firing} rule verdicts firing, ${s.written} results written, ${s.opened} alerts opened, ${s.resolved} resolved, ${s.sent} notifications sent, ${s.failed} failed`;
  },
};
