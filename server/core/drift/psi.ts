import { alignCounts, smoothedProportions, type AlignedCounts, type CategoryCounts } from './categories.js';

/** PSI on already aligned counts; see populationStabilityIndex. */
export function psiOfAligned(aligned: AlignedCounts): number {
  const p = smoothedProportions(aligned.reference);
  const q = smoothedProportions(aligned.current);
  let psi = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i];
    const qi = q[i];
    psi += (qi - pi) * Math.log(qi / pi);
  }
  return psi;
}

/**
 * Population stability index Σ (q − p)·ln(q/p) over the union of labels, p = reference and
 * q = current proportions after smoothing (zeros → PROPORTION_EPSILON, renormalised).
 * Symmetric in its arguments and ≥ 0 (every term is); 0 for identical distributions.
 */
export function populationStabilityIndex(reference: CategoryCounts, current: CategoryCounts): number {
  return psiOfAligned(alignCounts(reference, current));
}
