import { checkAnomalies } from './check-anomalies.js';
import { checkDrift } from './check-drift.js';
import { fitCalibration } from './fit-calibration.js';
import type { JobDefinition } from './job.js';
import { logProfiles } from './log-profiles.js';
import { refreshRollups } from './refresh-rollups.js';
import { uploadProfiles } from './upload-profiles.js';

// Every job the scheduler runs; a new job is a file in this folder and one entry here.
export const JOBS: readonly JobDefinition[] = [
  refreshRollups,
  logProfiles,
  uploadProfiles,
  fitCalibration,
  checkDrift,
  checkAnomalies,
];
