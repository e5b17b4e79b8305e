import type { JobDefinition } from './job.js';

export const fitCalibration: JobDefinition = {
  name: 'fit-calibration',
  description:
    "Refits every model's confidence calibration (isotonic, on validated predictions of CLARA_CALIBRATION_REFERENCE or all so far) and stores it for performance estimates and the estimated-accuracy-drop rule.",
  every: 6 * 3_600_000,
  async run({ calibration, rollups }, signal) {
    // A fit sees every validation acknowledged before the run started.
    await rollups.settle();
    const s = await calibration.refit(signal);
    return `${s.models} models, ${s.fitted} calibrations fitted, ${s.without} without validated predictions that have a confidence`;
  },
};
