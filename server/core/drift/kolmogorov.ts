// Limiting (n → ∞) Kolmogorov distribution of sqrt(n)·D, scipy's `kstwobign`.

// Below this point the alternating tail series converges slowly, while the Jacobi
// theta form of the CDF converges in a handful of terms (both are exact identities).
const CUTOVER = 0.82;
const TOLERANCE = 1e-17;

/** P(K > x) where K follows the Kolmogorov distribution. */
export function kolmogorovSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x < CUTOVER) {
    // CDF(x) = sqrt(2π)/x · Σ_{k≥1} exp(−(2k−1)² π² / (8x²))
    const w = (Math.PI * Math.PI) / (8 * x * x);
    let cdf = 0;
    for (let k = 1; ; k++) {
      const term = Math.exp(-(2 * k - 1) * (2 * k - 1) * w);
      cdf += term;
      if (term <= TOLERANCE * cdf || term === 0) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / x) * cdf;
  }
  // SF(x) = 2 Σ_{k≥1} (−1)^(k−1) exp(−2k²x²)
  let sf = 0;
  for (let k = 1; ; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    sf += k % 2 === 1 ? term : -term;
    if (term <= TOLERANCE * sf || term === 0) break;
  }
  return Math.min(1, Math.max(0, 2 * sf));
}
