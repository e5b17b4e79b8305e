import type { JobDefinition } from './job.js';

export const refreshRollups: JobDefinition = {
  name: 'refresh-rollups',
  description: 'Brings the rollups up to date with rows written directly to the predictions collection and with late validations.',
  every: 60_000,
  async run({ rollups }) {
    const { rowsScanned, blocksRecomputed } = await rollups.refresh();
    return `${rowsScanned} rows scanned, ${blocksRecomputed} rollup blocks recomputed`;
  },
};
