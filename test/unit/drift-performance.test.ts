import { describe, expect, it } from 'vitest';
import { accuracyDrop, twoProportionZTest } from '../../server/core/drift/index.js';
import { expectProbability, expectStatistic, fixtures } from '../fixtures/scipy/drift-fixtures.js';

describe('two-proportion z-test against scipy chi2_contingency (no correction)', () => {
  it.each(fixtures.twoProportion)('$current.correct/$current.total vs $baseline.correct/$baseline.total', (c) => {
    const result = twoProportionZTest(c.current, c.baseline);
    expectStatistic(result.z, c.z);
    expectProbability(result.pValue, c.pValue);
    expect(result.delta).toBeCloseTo(c.current.correct / c.current.total - c.baseline.correct / c.baseline.total, 15);
  });
});

describe('two-proportion z-test by hand', () => {
  it('equal rates give z = 0, p = 1; swapping windows flips the sign only', () => {
    expect(twoProportionZTest({ correct: 80, total: 100 }, { correct: 160, total: 200 })).toEqual({
      z: 0,
      pValue: 1,
      delta: 0,
    });
    const a = twoProportionZTest({ correct: 70, total: 100 }, { correct: 90, total: 120 });
    const b = twoProportionZTest({ correct: 90, total: 120 }, { correct: 70, total: 100 });
    expect(b.z).toBeCloseTo(-a.z, 15);
    expect(b.pValue).toBeCloseTo(a.pValue, 15);
  });

  it('windows without variance (all correct) are not a difference', () => {
    expect(twoProportionZTest({ correct: 50, total: 50 }, { correct: 300, total: 300 })).toEqual({
      z: 0,
      pValue: 1,
      delta: 0,
    });
  });

  it('rejects impossible counts', () => {
    expect(() => twoProportionZTest({ correct: 5, total: 0 }, { correct: 1, total: 2 })).toThrow(RangeError);
    expect(() => twoProportionZTest({ correct: 5, total: 4 }, { correct: 1, total: 2 })).toThrow(RangeError);
    expect(() => twoProportionZTest({ correct: 1.5, total: 4 }, { correct: 1, total: 2 })).toThrow(RangeError);
  });
});

describe('accuracyDrop', () => {
  const baseline = { correct: 900, total: 1000 };

  it('flags a large, significant drop on enough data', () => {
    const result = accuracyDrop({ correct: 800, total: 1000 }, baseline);
    expect(result.drop).toBeCloseTo(0.1, 15);
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.flagged).toBe(true);
  });

  it('does not flag a significant drop smaller than the threshold', () => {
    const result = accuracyDrop({ correct: 86_000, total: 100_000 }, { correct: 90_000, total: 100_000 });
    expect(result.pValue).toBeLessThan(1e-10);
    expect(result.flagged).toBe(false);
    expect(
      accuracyDrop({ correct: 86_000, total: 100_000 }, { correct: 90_000, total: 100_000 }, { threshold: 0.03 })
        .flagged,
    ).toBe(true);
  });

  it('does not flag a large drop that is not significant', () => {
    const result = accuracyDrop({ correct: 94, total: 120 }, { correct: 86, total: 100 });
    expect(result.drop).toBeGreaterThan(0.05);
    expect(result.pValue).toBeGreaterThan(0.05);
    expect(result.flagged).toBe(false);
  });

  it('needs minSamples in both windows (default 100)', () => {
    expect(accuracyDrop({ correct: 50, total: 99 }, baseline).flagged).toBe(false);
    expect(accuracyDrop({ correct: 50, total: 100 }, baseline).flagged).toBe(true);
    expect(accuracyDrop({ correct: 50, total: 100 }, { correct: 90, total: 99 }).flagged).toBe(false);
    expect(accuracyDrop({ correct: 50, total: 99 }, baseline, { minSamples: 50 }).flagged).toBe(true);
  });

  it('never flags an improvement', () => {
    expect(accuracyDrop({ correct: 990, total: 1000 }, baseline).flagged).toBe(false);
  });
});
