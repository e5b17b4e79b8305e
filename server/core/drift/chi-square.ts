import { regularizedGammaQ } from './gamma.js';
import { alignCounts, smoothedProportions, sum, type AlignedCounts, type CategoryCounts } from './categories.js';

export interface ChiSquareResult {
  readonly statistic: number;
  readonly pValue: number;
  /** Number of labels kept (seen in either window) minus one. */
  readonly df: number;
}

/** P(X > x) for X ~ chi-square with df degrees of freedom. */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chi-square needs df > 0, got ${df}`);
  return regularizedGammaQ(df / 2, Math.max(0, x) / 2);
}

/** Goodness-of-fit test on already aligned counts; see chiSquareGoodnessOfFit. */
export function chiSquareOfAligned(aligned: AlignedCounts): ChiSquareResult {
  const expectedShare = smoothedProportions(aligned.reference);
  const total = sum(aligned.current);
  let statistic = 0;
  for (let i = 0; i < expectedShare.length; i++) {
    const expected = expectedShare[i] * total;
    const diff = aligned.current[i] - expected;
    statistic += (diff * diff) / expected;
  }
  const df = aligned.labels.length - 1;
  // A single label cannot move: no test, nothing to flag.
  return { statistic, pValue: df > 0 ? chiSquareSf(statistic, df) : 1, df };
}

/**
 * Pearson chi-square goodness of fit of the current counts against the reference
 * proportions, as scipy.stats.chisquare(f_obs, f_exp) with f_exp scaled to the current total.
 * Labels absent from both windows are dropped; a label absent from the reference only gets
 * the smoothed proportion (PROPORTION_EPSILON, renormalised) instead of an expected count
 * of 0, so a new label yields a large but finite statistic rather than p = 0 from one stray
 * observation.
 */
export function chiSquareGoodnessOfFit(reference: CategoryCounts, current: CategoryCounts): ChiSquareResult {
  return chiSquareOfAligned(alignCounts(reference, current));
}
