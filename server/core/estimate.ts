// Confidence-based performance estimation (as NannyML's CBPE): with a calibration saying how often
// the model is right at each confidence, a window's expected accuracy is the mean calibrated
// confidence of its predictions, and its expected confusion matrix follows from the class scores.
// Everything here works on tallies, so an estimate costs what reading the window's blocks costs.
import { stepCounts, type Calibration } from './calibration.js';
import { Z_95 } from './metrics.js';
import type { Tally } from './tally.js';

export interface EstimatedValues {
  accuracy: number;
  /** 95% band: the window's own sampling spread plus the calibration's uncertainty. */
  accuracyLow: number;
  accuracyHigh: number;
  /** Its standard error (what the band is built from). */
  standardError: number;
  /** Predictions with a confidence: what the estimate is made of. */
  predictions: number;
  /** Macro averages over the expected confusion matrix; null without class scores. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** A window's estimated accuracy as a mixture of calibrated steps. */
export interface AccuracyMixture {
  accuracy: number;
  /** Predictions per calibration step, and their total. */
  counts: number[];
  predictions: number;
  /** Variance of the realized accuracy around the estimate if the calibration were exact. */
  samplingVariance: number;
}

/** Null when the tally has no prediction with a confidence. */
export function accuracyMixture(
  histogram: ReadonlyMap<number, number>,
  calibration: Calibration,
): AccuracyMixture | null {
  const counts = stepCounts(calibration, histogram);
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  let expected = 0;
  let bernoulli = 0;
  counts.forEach((m, k) => {
    const c = calibration.steps[k].value;
    expected += m * c;
    bernoulli += m * c * (1 - c);
  });
  return { accuracy: expected / n, counts, predictions: n, samplingVariance: bernoulli / (n * n) };
}

/**
 * Variance that calibration error adds to Σ weights[k]·value[k]: each step's value is off by its own
 * (independent) error, which moves every prediction of the step alike, however many there are.
 */
export function calibrationVariance(calibration: Calibration, weights: readonly number[]): number {
  return weights.reduce((sum, w, k) => sum + w * w * calibration.steps[k].variance, 0);
}

export function estimatePerformance(tally: Tally, calibration: Calibration, z = Z_95): EstimatedValues | null {
  const mixture = accuracyMixture(tally.confidence, calibration);
  if (!mixture) return null;
  const weights = mixture.counts.map((m) => m / mixture.predictions);
  const standardError = Math.sqrt(mixture.samplingVariance + calibrationVariance(calibration, weights));
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return {
    accuracy: mixture.accuracy,
    accuracyLow: clamp(mixture.accuracy - z * standardError),
    accuracyHigh: clamp(mixture.accuracy + z * standardError),
    standardError,
    predictions: mixture.predictions,
    ...macroFromScores(tally, calibration),
  };
}

/** A class with fewer expected true members than this and never predicted is not "present". */
const PRESENT = 0.5;

/**
 * Expected confusion matrix of the predictions with scores: the diagonal of predicted class p is
 * its calibrated confidence summed; its expected errors are shared among the other classes in
 * proportion to their summed scores. Macro precision, recall and F1 over the present classes,
 * with scikit-learn's zero_division=0 (an undefined value counts as 0 in the mean).
 */
export function macroFromScores(
  tally: Tally,
  calibration: Calibration,
): { precision: number | null; recall: number | null; f1: number | null } {
  if (tally.scoredBins.size === 0) return { precision: null, recall: null, f1: null };
  const predicted = new Map<string, number>();
  const truePositives = new Map<string, number>();
  const actual = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, by: number) => map.set(key, (map.get(key) ?? 0) + by);
  for (const [label, bins] of tally.scoredBins) {
    const counts = stepCounts(calibration, bins);
    const n = counts.reduce((a, b) => a + b, 0);
    const tp = counts.reduce((sum, m, k) => sum + m * calibration.steps[k].value, 0);
    add(predicted, label, n);
    add(truePositives, label, tp);
    add(actual, label, tp);
    const others = tally.scoreSums.get(label);
    const spread = others ? [...others.values()].reduce((a, b) => a + b, 0) : 0;
    if (others && spread > 0) for (const [other, sum] of others) add(actual, other, ((n - tp) * sum) / spread);
  }
  const labels = [...new Set([...predicted.keys(), ...actual.keys()])].filter(
    (l) => (predicted.get(l) ?? 0) > 0 || (actual.get(l) ?? 0) >= PRESENT,
  );
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  let [precision, recall, f1] = [0, 0, 0];
  for (const label of labels) {
    const tp = truePositives.get(label) ?? 0;
    const p = predicted.get(label) ?? 0;
    const a = actual.get(label) ?? 0;
    precision += ratio(tp, p);
    recall += ratio(tp, a);
    f1 += ratio(2 * tp, p + a);
  }
  const k = labels.length;
  return { precision: precision / k, recall: recall / k, f1: f1 / k };
}
