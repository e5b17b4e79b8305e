import type { JobDefinition } from './job.js';

export const refreshRollups: JobDefinition = {
  name: 'refresh-rollups',
  description:
    'Brings the rollups up to date with the ingest journal and, when CLARA_WATCH_DIRECT_WRITES is on, with rows another application wrote directly to the predictions collection.',
  every: 60_000,
  async run({ rollups }) {
    const summary = await rollups.scheduledRefresh();
    if (!summary) {
      // The drain returns at once when another process holds the rollups: say so rather than "drained".
      const waiting = await rollups.pendingSince();
      const state = waiting ? `writes since ${waiting.toISOString()} still wait for the rollups` : 'journal drained';
      return `${state}; no scan for direct writes (CLARA_WATCH_DIRECT_WRITES is off)`;
    }
    return `${summary.rowsScanned} rows scanned, ${summary.blocksRecomputed} rollup blocks recomputed`;
  },
};
