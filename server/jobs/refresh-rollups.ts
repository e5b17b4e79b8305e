import type { JobDefinition } from './job.js';

export const refreshRollups: JobDefinition = {
  name: 'refresh-rollups',
  description:
    'Brings the rollups up to date with the ingest journal and, when CLARA_WATCH_DIRECT_WRITES is on, with rows another application wrote directly to the predictions collection.',
  every: 60_000,
  async run({ rollups }) {
    const summary = await rollups.scheduledRefresh();
    if (!summary) return 'journal drained; no scan for direct writes (CLARA_WATCH_DIRECT_WRITES is off)';
    return `${summary.rowsScanned} rows scanned, ${summary.blocksRecomputed} rollup blocks recomputed`;
  },
};
