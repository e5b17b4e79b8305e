// Estimated accuracy against the calibration's reference: fires before any label of the window
// exists. Both sides are estimated with the same calibration, so its errors largely cancel: only
// the difference in how the two sides spread over the calibration steps carries its uncertainty.
import type { Calibration } from '../calibration.js';
import { normalSf } from '../drift/index.js';
import { accuracyMixture, calibrationVariance } from '../estimate.js';
import type { Tally } from '../tally.js';
import { ruleOutcome, type RuleOutcome } from './evaluate.js';
import type { DriftRuleSettings } from './rules.js';

export interface EstimatedAccuracyDrop {
  estimated: number;
  referenceEstimated: number;
  /** referenceEstimated − estimated: positive when the window looks worse. */
  drop: number;
  /** One-sided: P(a drop this large | no change). */
  pValue: number;
  predictions: number;
  referencePredictions: number;
}

const histogramOf = (calibration: Calibration) =>
  new Map(calibration.steps.map((s) => [s.fromBin, s.predictions] as [number, number]));

/** Null when the window or the reference has no prediction with a confidence. */
export function estimatedAccuracyDrop(current: Tally, calibration: Calibration): EstimatedAccuracyDrop | null {
  const window = accuracyMixture(current.confidence, calibration);
  const reference = accuracyMixture(histogramOf(calibration), calibration);
  if (!window || !reference) return null;
  const shift = window.counts.map((m, k) => m / window.predictions - reference.counts[k] / reference.predictions);
  const variance = window.samplingVariance + reference.samplingVariance + calibrationVariance(calibration, shift);
  const drop = reference.accuracy - window.accuracy;
  const pValue = variance > 0 ? normalSf(drop / Math.sqrt(variance)) : drop > 0 ? 0 : 1;
  return {
    estimated: window.accuracy,
    referenceEstimated: reference.accuracy,
    drop,
    pValue,
    predictions: window.predictions,
    referencePredictions: reference.predictions,
  };
}

export function estimatedAccuracyOutcome(
  current: Tally,
  calibration: Calibration | null,
  settings: DriftRuleSettings,
): RuleOutcome {
  const found = calibration ? estimatedAccuracyDrop(current, calibration) : null;
  const enough =
    found !== null && found.predictions >= settings.minSamples && (calibration?.samples ?? 0) >= settings.minSamples;
  return ruleOutcome(
    'estimated-accuracy-drop',
    {
      value: found?.drop ?? null,
      threshold: settings.estimatedAccuracyDrop,
      pValue: found?.pValue ?? null,
      alpha: settings.pValue,
      reference: 'CALIBRATION',
      samples: { current: found?.predictions ?? 0, reference: found?.referencePredictions ?? 0 },
      fired: enough && found.drop > settings.estimatedAccuracyDrop && found.pValue < settings.pValue,
      details: {
        estimatedAccuracy: found?.estimated ?? null,
        referenceEstimatedAccuracy: found?.referenceEstimated ?? null,
        calibrationSamples: calibration?.samples ?? 0,
        minSamples: settings.minSamples,
      },
    },
    settings,
  );
}
