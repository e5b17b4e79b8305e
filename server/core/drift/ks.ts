// Two-sample Kolmogorov–Smirnov test on raw samples or on binned confidence histograms.
import { kolmogorovSf } from './kolmogorov.js';

export interface KsResult {
  /** sup |F_reference − F_current|. */
  readonly statistic: number;
  /** Two-sided p-value from the limiting Kolmogorov distribution. */
  readonly pValue: number;
  /** n·m/(n+m), the sample size the p-value is computed for. */
  readonly effectiveN: number;
}

/**
 * P-value from the limiting Kolmogorov distribution at sqrt(en)·D, en = n·m/(n+m).
 * scipy's ks_2samp(method='asymp') uses the finite-n distribution kstwo(round(en)) instead.
 * The limit gives larger, i.e. conservative, p-values: on our fixtures by < 0.01 in absolute
 * terms, though deep in the tail (p ~ 1e-28) the ratio reaches ~1.6.
 */
function result(statistic: number, n: number, m: number): KsResult {
  const effectiveN = (n * m) / (n + m);
  return { statistic, pValue: kolmogorovSf(Math.sqrt(effectiveN) * statistic), effectiveN };
}

function sortedSample(values: readonly number[], side: string): Float64Array {
  if (values.length === 0) throw new RangeError(`${side} sample is empty`);
  for (const v of values) {
    if (Number.isNaN(v)) throw new RangeError(`${side} sample contains NaN`);
  }
  return Float64Array.from(values).sort();
}

/** Two-sample KS test on raw samples; statistic identical to scipy.stats.ks_2samp. */
export function ksTwoSample(a: readonly number[], b: readonly number[]): KsResult {
  const x = sortedSample(a, 'first');
  const y = sortedSample(b, 'second');
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    // Step past every copy of the smallest value in both samples, so ties count once.
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  // Once one sample is exhausted the gap only shrinks toward 0.
  return result(d, x.length, y.length);
}

function histogramTotal(counts: readonly number[], side: string): number {
  let total = 0;
  for (const c of counts) {
    if (!Number.isFinite(c) || c < 0) throw new RangeError(`${side} histogram has an invalid count ${c}`);
    total += c;
  }
  if (total === 0) throw new RangeError(`${side} histogram has no observations`);
  return total;
}

/**
 * KS test on two histograms over the same bins (the rollups keep confidence in 100 equal
 * bins over [0, 1]). D is the largest gap between the empirical CDFs at bin edges. This is
 * an approximation of D on the raw values: it never exceeds it, and falls short by at most
 * the largest per-bin min(reference mass, current mass), since inside a bin only the
 * smaller of the two CDF steps can widen the gap beyond its value at an edge.
 */
export function ksHistograms(reference: readonly number[], current: readonly number[]): KsResult {
  if (reference.length !== current.length) {
    throw new RangeError(`histograms need the same bins (${reference.length} vs ${current.length})`);
  }
  const n = histogramTotal(reference, 'reference');
  const m = histogramTotal(current, 'current');
  let cumRef = 0;
  let cumCur = 0;
  let d = 0;
  for (let i = 0; i < reference.length; i++) {
    cumRef += reference[i];
    cumCur += current[i];
    d = Math.max(d, Math.abs(cumRef / n - cumCur / m));
  }
  return result(d, n, m);
}
