// Standard normal distribution via erfc(t) = Q(1/2, t²), which keeps full relative
// precision deep in the tails (p-values of 1e-80 stay meaningful).
import { regularizedGammaQ } from './gamma.js';

/** Complementary error function. */
export function erfc(t: number): number {
  if (Number.isNaN(t)) return NaN;
  const q = regularizedGammaQ(0.5, t * t);
  return t >= 0 ? q : 2 - q;
}

/** P(Z > z) for Z ~ N(0, 1). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(Z ≤ z) for Z ~ N(0, 1). */
export function normalCdf(z: number): number {
  return normalSf(-z);
}
