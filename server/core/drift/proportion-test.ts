// Accuracy of a current window against a baseline window: pooled two-proportion z-test.
import { normalSf } from './normal.js';

export interface Proportion {
  /** Correct predictions. */
  readonly correct: number;
  /** Labelled predictions. */
  readonly total: number;
}

export interface ProportionTest {
  readonly z: number;
  /** Two-sided. */
  readonly pValue: number;
  /** Current − baseline accuracy, in proportion units (−0.05 = five points worse). */
  readonly delta: number;
}

function rate(p: Proportion, side: string): number {
  const { correct, total } = p;
  if (!Number.isInteger(correct) || !Number.isInteger(total) || total <= 0 || correct < 0 || correct > total) {
    throw new RangeError(`${side} needs integers 0 <= correct <= total, total > 0 (got ${correct}/${total})`);
  }
  return correct / total;
}

/**
 * Pooled two-proportion z-test, z = (p₁ − p₂) / sqrt(p̂(1 − p̂)(1/n₁ + 1/n₂)) with the pooled
 * rate p̂; z² equals Pearson's chi-square on the 2×2 table without continuity correction.
 * When both windows are all correct (or all wrong) there is no variance and no difference:
 * z = 0, p = 1.
 */
export function twoProportionZTest(current: Proportion, baseline: Proportion): ProportionTest {
  const p1 = rate(current, 'current');
  const p2 = rate(baseline, 'baseline');
  const pooled = (current.correct + baseline.correct) / (current.total + baseline.total);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / current.total + 1 / baseline.total));
  const delta = p1 - p2;
  if (se === 0) return { z: 0, pValue: 1, delta };
  const z = delta / se;
  return { z, pValue: 2 * normalSf(Math.abs(z)), delta };
}

export interface AccuracyDropOptions {
  /** Smallest drop in accuracy (proportion units) worth flagging. */
  readonly threshold: number;
  /** Significance level for the two-sided p-value. */
  readonly alpha: number;
  /** Both windows need at least this many labelled predictions. */
  readonly minSamples: number;
}

export const ACCURACY_DROP_DEFAULTS: AccuracyDropOptions = { threshold: 0.05, alpha: 0.05, minSamples: 100 };

export interface AccuracyDrop extends ProportionTest {
  /** Baseline − current accuracy (positive when accuracy fell). */
  readonly drop: number;
  readonly flagged: boolean;
}

/**
 * Flags an accuracy drop only when it is large (drop > threshold), significant
 * (two-sided p < alpha) and measured on enough data (both totals ≥ minSamples): small
 * windows swing by chance, and a significant drop of 0.1 point is not worth an alert.
 */
export function accuracyDrop(
  current: Proportion,
  baseline: Proportion,
  options: Partial<AccuracyDropOptions> = {},
): AccuracyDrop {
  const { threshold, alpha, minSamples } = { ...ACCURACY_DROP_DEFAULTS, ...options };
  const test = twoProportionZTest(current, baseline);
  const drop = -test.delta;
  const enoughData = current.total >= minSamples && baseline.total >= minSamples;
  return { ...test, drop, flagged: enoughData && drop > threshold && test.pValue < alpha };
}
