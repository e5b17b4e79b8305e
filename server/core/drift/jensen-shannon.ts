import { alignCounts, proportions, type AlignedCounts, type CategoryCounts } from './categories.js';

/** Σ p·log2(p/m), with 0·log 0 = 0. */
function relativeEntropyBits(p: readonly number[], m: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    if (pi > 0) total += pi * Math.log2(pi / m[i]);
  }
  return total;
}

/** Jensen–Shannon distance on already aligned counts; see jensenShannonDistance. */
export function jensenShannonOfAligned(aligned: AlignedCounts): number {
  const p = proportions(aligned.reference);
  const q = proportions(aligned.current);
  const m = p.map((pi, i) => (pi + q[i]) / 2);
  const divergence = (relativeEntropyBits(p, m) + relativeEntropyBits(q, m)) / 2;
  // Rounding can leave a divergence of -1e-17 for identical inputs.
  return Math.sqrt(Math.max(0, divergence));
}

/**
 * Jensen–Shannon distance in base 2 (the square root of the divergence), as
 * scipy.spatial.distance.jensenshannon(p, q, base=2). Uses raw proportions — the
 * divergence is finite with zeros, so no smoothing. Symmetric, in [0, 1].
 */
export function jensenShannonDistance(reference: CategoryCounts, current: CategoryCounts): number {
  return jensenShannonOfAligned(alignCounts(reference, current));
}
