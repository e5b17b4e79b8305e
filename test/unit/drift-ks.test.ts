import { describe, expect, it } from 'vitest';
import { ksHistograms, ksTwoSample } from '../../server/core/drift/index.js';
import { expectProbability, expectStatistic, fixtures } from '../fixtures/scipy/drift-fixtures.js';

/** Largest per-bin min(reference mass, current mass): the documented bound on D's binning error. */
function binningErrorBound(reference: readonly number[], current: readonly number[]): number {
  const n = reference.reduce((s, c) => s + c, 0);
  const m = current.reduce((s, c) => s + c, 0);
  return Math.max(...reference.map((c, i) => Math.min(c / n, (current[i] as number) / m)));
}

describe('KS on raw samples against scipy', () => {
  it.each(fixtures.ksSamples)('$name', (c) => {
    const result = ksTwoSample(c.a, c.b);
    expectStatistic(result.statistic, c.statistic);
    expectProbability(result.pValue, c.pValue);
    expect(result.effectiveN).toBeCloseTo((c.a.length * c.b.length) / (c.a.length + c.b.length), 12);
  });

  it.each(fixtures.ksSamples)(
    '$name: limiting p-value is conservative against scipy finite-n asymp, by less than 0.02',
    (c) => {
      const { pValue } = ksTwoSample(c.a, c.b);
      expect(pValue).toBeGreaterThanOrEqual(c.scipyAsympPValue);
      expect(pValue - c.scipyAsympPValue).toBeLessThan(0.02);
    },
  );
});

describe('KS on confidence histograms against scipy', () => {
  it.each(fixtures.ksHistograms)('$name', (c) => {
    const result = ksHistograms(c.reference, c.current);
    expectStatistic(result.statistic, c.statistic);
    expectProbability(result.pValue, c.pValue);
    // Binned D never exceeds D on the raw values and misses it by at most the bound.
    expect(result.statistic).toBeLessThanOrEqual(c.exactStatistic + 1e-12);
    expect(c.exactStatistic - result.statistic).toBeLessThanOrEqual(binningErrorBound(c.reference, c.current) + 1e-12);
  });
});

describe('KS by hand', () => {
  it('identical histograms (any scale): D = 0, p = 1', () => {
    const h = Array.from({ length: 100 }, (_, i) => (i * 7) % 13);
    const result = ksHistograms(
      h,
      h.map((c) => 3 * c),
    );
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBe(1);
  });

  it('disjoint samples: D = 1, and it does not depend on the argument order', () => {
    const low = [0.1, 0.2, 0.3, 0.2];
    const high = [0.6, 0.9, 0.7];
    expect(ksTwoSample(low, high).statistic).toBe(1);
    expect(ksTwoSample(high, low)).toEqual(ksTwoSample(low, high));
  });

  it('counts tied values once per step', () => {
    // CDFs at 1: 2/3 vs 1/3; at 2: 1 vs 2/3; at 3: 1 vs 1 → D = 1/3.
    expect(ksTwoSample([1, 1, 2], [1, 2, 3]).statistic).toBeCloseTo(1 / 3, 15);
  });

  it('rejects empty or mismatched inputs', () => {
    expect(() => ksTwoSample([], [1])).toThrow(RangeError);
    expect(() => ksTwoSample([NaN], [1])).toThrow(RangeError);
    expect(() => ksHistograms([1, 2], [1, 2, 3])).toThrow(/same bins/);
    expect(() => ksHistograms([0, 0], [1, 2])).toThrow(/no observations/);
  });
});
