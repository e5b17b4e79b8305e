// Every object type implementing AlertEvidence. No field names them (only the interface), so the
// schema lists them explicitly.
import { AccuracyDropEvidence } from './accuracy-drop-evidence.js';
import { ClassRecallDropEvidence } from './class-recall-drop-evidence.js';
import { DistributionEvidence } from './distribution-evidence.js';
import { EstimatedAccuracyDropEvidence } from './estimated-accuracy-drop-evidence.js';
import { JobFailuresEvidence } from './job-failures-evidence.js';
import { PageHinkleyEvidence } from './page-hinkley-evidence.js';
import { PredictionSilenceEvidence } from './prediction-silence-evidence.js';
import { VolumeAnomalyEvidence } from './volume-anomaly-evidence.js';

export const EVIDENCE_TYPES = [
  DistributionEvidence,
  AccuracyDropEvidence,
  ClassRecallDropEvidence,
  PageHinkleyEvidence,
  EstimatedAccuracyDropEvidence,
  VolumeAnomalyEvidence,
  PredictionSilenceEvidence,
  JobFailuresEvidence,
];
