// Calibration: how often the model is right at each confidence, fitted on validated predictions
// as an isotonic (monotone non-decreasing) step function over the tally's confidence bins, so that
// applying it to any window needs only that window's confidence histogram.
import { CONFIDENCE_BINS, MICROS, type Reliability } from './tally.js';

/** One step of the fitted function: bins fromBin..toBin (inclusive) share one calibrated value. */
export interface CalibrationStep {
  fromBin: number;
  toBin: number;
  /** Validated predictions pooled into this step, and how many of them were right. */
  validated: number;
  correct: number;
  /** P(right | confidence in this step): correct / validated. */
  value: number;
  /** Variance of `value`: what the estimate's band adds for calibration (see stepVariance). */
  variance: number;
  /** Reference predictions (validated or not) with a confidence in this step. */
  predictions: number;
}

export interface Calibration {
  /** Contiguous, covering bins 0..CONFIDENCE_BINS-1. */
  steps: CalibrationStep[];
  /** Validated predictions with a confidence it was fitted on, and how many were right. */
  samples: number;
  correct: number;
  /** Predictions with a confidence in the reference range (validated or not). */
  predictions: number;
  /** Expected calibration error (10 equal-width confidence ranges) of the raw confidence. */
  errorBefore: number;
  /** The same after calibration, on the data it was fitted on (in-sample). */
  errorAfter: number;
}

/** Confidence ranges of the expected calibration error, as commonly reported. */
const ECE_RANGES = 10;

/**
 * Twice the posterior variance of a proportion (Jeffreys prior). Doubled because the steps are
 * chosen by the same data (pooling happens where the noise made bins disagree): on seeded streams
 * the realized calibration error was 1.2 times the undoubled standard error, with heavier tails.
 */
const INFLATION = 2;
function stepVariance(correct: number, n: number): number {
  const a = correct + 0.5;
  const b = n - correct + 0.5;
  return (INFLATION * a * b) / ((a + b) ** 2 * (a + b + 1));
}

/** Pool-adjacent-violators over the non-empty bins, weighted by validated predictions. */
function poolAdjacentViolators(
  bins: { bin: number; validated: number; correct: number }[],
): { fromBin: number; validated: number; correct: number }[] {
  const pools: { fromBin: number; validated: number; correct: number }[] = [];
  for (const b of bins) {
    pools.push({ fromBin: b.bin, validated: b.validated, correct: b.correct });
    // Merge while the previous pool is right more often than this one (cross-multiplied: no division).
    while (pools.length > 1) {
      const last = pools[pools.length - 1];
      const prev = pools[pools.length - 2];
      if (prev.correct * last.validated <= last.correct * prev.validated) break;
      pools.splice(pools.length - 2, 2, {
        fromBin: prev.fromBin,
        validated: prev.validated + last.validated,
        correct: prev.correct + last.correct,
      });
    }
  }
  return pools;
}

/**
 * Fits the calibration on a reference tally's reliability bins and confidence histogram; null
 * when no validated prediction has a confidence. Empty bins between steps belong to the step
 * below them (the first step also covers the bins below it).
 */
export function fitCalibration(
  reliability: ReadonlyMap<number, Reliability>,
  histogram: ReadonlyMap<number, number>,
): Calibration | null {
  const bins = [...reliability]
    .filter(([, r]) => r.validated > 0)
    .map(([bin, r]) => ({ bin, ...r }))
    .sort((a, b) => a.bin - b.bin);
  if (bins.length === 0) return null;
  const pools = poolAdjacentViolators(bins);
  const steps: CalibrationStep[] = pools.map((p, i) => ({
    fromBin: i === 0 ? 0 : p.fromBin,
    toBin: i === pools.length - 1 ? CONFIDENCE_BINS - 1 : pools[i + 1].fromBin - 1,
    validated: p.validated,
    correct: p.correct,
    value: p.correct / p.validated,
    variance: stepVariance(p.correct, p.validated),
    predictions: 0,
  }));
  const calibration: Calibration = { steps, samples: 0, correct: 0, predictions: 0, errorBefore: 0, errorAfter: 0 };
  for (const [bin, n] of histogram) steps[stepIndex(calibration, bin)].predictions += n;
  calibration.predictions = steps.reduce((sum, s) => sum + s.predictions, 0);
  calibration.samples = steps.reduce((sum, s) => sum + s.validated, 0);
  calibration.correct = steps.reduce((sum, s) => sum + s.correct, 0);
  const error = calibrationError(reliability, calibration);
  return { ...calibration, errorBefore: error.before, errorAfter: error.after };
}

/** Index of the step holding `bin` (binary search: steps are sorted and contiguous). */
export function stepIndex(calibration: Calibration, bin: number): number {
  const { steps } = calibration;
  let [low, high] = [0, steps.length - 1];
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (steps[mid].fromBin <= bin) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A window's predictions per step, from its confidence histogram. */
export function stepCounts(calibration: Calibration, histogram: ReadonlyMap<number, number>): number[] {
  const counts = new Array<number>(calibration.steps.length).fill(0);
  for (const [bin, n] of histogram) counts[stepIndex(calibration, bin)] += n;
  return counts;
}

/**
 * Expected calibration error over 10 equal-width confidence ranges: Σ |right − expected| / N,
 * with expected = the summed raw confidence (before) or the calibrated value (after).
 */
export function calibrationError(
  reliability: ReadonlyMap<number, Reliability>,
  calibration: Calibration,
): { before: number; after: number } {
  const ranges = Array.from({ length: ECE_RANGES }, () => ({ correct: 0, raw: 0, calibrated: 0 }));
  let total = 0;
  for (const [bin, r] of reliability) {
    const range = ranges[Math.floor((bin * ECE_RANGES) / CONFIDENCE_BINS)];
    range.correct += r.correct;
    range.raw += r.confidenceMicros / MICROS;
    range.calibrated += r.validated * calibration.steps[stepIndex(calibration, bin)].value;
    total += r.validated;
  }
  if (total === 0) return { before: 0, after: 0 };
  const sum = (pick: (r: (typeof ranges)[number]) => number) =>
    ranges.reduce((s, r) => s + Math.abs(r.correct - pick(r)), 0) / total;
  return { before: sum((r) => r.raw), after: sum((r) => r.calibrated) };
}
