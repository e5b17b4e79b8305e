import { describe, expect, it } from 'vitest';
import {
  categoricalDrift,
  chiSquareGoodnessOfFit,
  jensenShannonDistance,
  populationStabilityIndex,
  PROPORTION_EPSILON,
  type LabelCount,
} from '../../server/core/drift/index.js';
import { expectProbability, expectStatistic, fixtures } from '../fixtures/scipy/drift-fixtures.js';

const counts = (entries: Record<string, number>): LabelCount[] =>
  Object.entries(entries).map(([label, count]) => ({ label, count }));

describe('categorical drift against scipy', () => {
  it('uses the same epsilon as the fixture generator', () => {
    expect(PROPORTION_EPSILON).toBe(fixtures.epsilon);
  });

  it.each(fixtures.categorical)('$name', (c) => {
    const drift = categoricalDrift(c.reference, c.current);
    expectStatistic(drift.psi, c.psi);
    expectStatistic(drift.jensenShannon, c.jensenShannon);
    expectStatistic(drift.chiSquare.statistic, c.chiSquare.statistic);
    expectProbability(drift.chiSquare.pValue, c.chiSquare.pValue);
    expect(drift.chiSquare.df).toBe(c.chiSquare.df);
    // The single-statistic functions agree with the combined one.
    expect(populationStabilityIndex(c.reference, c.current)).toBe(drift.psi);
    expect(jensenShannonDistance(c.reference, c.current)).toBe(drift.jensenShannon);
    expect(chiSquareGoodnessOfFit(c.reference, c.current)).toEqual(drift.chiSquare);
  });
});

const SCIPY_CHI2_SF_4_5 = 0.5494159513527802;

describe('categorical drift by hand', () => {
  const ref = counts({ a: 50, b: 30, c: 20 });

  it('identical distributions: PSI 0, JS 0, chi-square p 1', () => {
    const doubled = counts({ a: 100, b: 60, c: 40 });
    const drift = categoricalDrift(ref, doubled);
    expect(drift.psi).toBe(0);
    expect(drift.jensenShannon).toBe(0);
    expect(drift.chiSquare.statistic).toBeCloseTo(0, 12);
    expect(drift.chiSquare.pValue).toBeCloseTo(1, 12);
    expect(drift.chiSquare.df).toBe(2);
  });

  it('PSI and JS are symmetric; JS stays in [0, 1] and reaches 1 for disjoint supports', () => {
    const cur = counts({ a: 10, b: 30, c: 55, d: 5 });
    expect(populationStabilityIndex(ref, cur)).toBeCloseTo(populationStabilityIndex(cur, ref), 15);
    expect(jensenShannonDistance(ref, cur)).toBeCloseTo(jensenShannonDistance(cur, ref), 15);
    expect(jensenShannonDistance(ref, cur)).toBeGreaterThan(0);
    expect(jensenShannonDistance(ref, cur)).toBeLessThan(1);
    expect(jensenShannonDistance(counts({ x: 5 }), counts({ y: 7 }))).toBeCloseTo(1, 15);
  });

  it('PSI of a two-label shift matches the formula worked by hand', () => {
    // p = (0.5, 0.5), q = (0.8, 0.2): 0.3·ln(1.6) + (−0.3)·ln(0.4)
    const psi = populationStabilityIndex(counts({ a: 5, b: 5 }), counts({ a: 8, b: 2 }));
    expect(psi).toBeCloseTo(0.3 * Math.log(1.6) - 0.3 * Math.log(0.4), 14);
  });

  it('chi-square on a fair-die example worked by hand', () => {
    // Expected 10 per face: Σ(o−e)²/e = (16+4+0+4+0+16)/10 = 4, df = 5.
    const die = counts({ '1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '6': 1 });
    const rolls = counts({ '1': 14, '2': 8, '3': 10, '4': 12, '5': 10, '6': 6 });
    const result = chiSquareGoodnessOfFit(die, rolls);
    expect(result.statistic).toBeCloseTo(4, 12);
    expect(result.df).toBe(5);
    // scipy.stats.chi2.sf(4, 5)
    expect(result.pValue).toBeCloseTo(SCIPY_CHI2_SF_4_5, 12);
  });

  it('treats labels as opaque strings, accepts Maps, and ignores labels empty on both sides', () => {
    const asMap = new Map([
      ['__proto__', 40],
      ['constructor', 60],
      ['never', 0],
    ]);
    const asArray: LabelCount[] = [
      { label: 'constructor', count: 30 },
      { label: '__proto__', count: 70 },
    ];
    const drift = categoricalDrift(asMap, asArray);
    expect(drift.labels).toEqual(['__proto__', 'constructor']);
    expect(drift.chiSquare.df).toBe(1);
    expect(drift.psi).toBeCloseTo(0.3 * Math.log(0.7 / 0.4) - 0.3 * Math.log(0.3 / 0.6), 14);
  });

  it('adds the counts of a label repeated in the array form', () => {
    const split = [
      { label: 'a', count: 20 },
      { label: 'b', count: 30 },
      { label: 'a', count: 30 },
    ];
    const current = counts({ a: 5, b: 5 });
    expect(categoricalDrift(split, current)).toEqual(categoricalDrift(counts({ a: 50, b: 30 }), current));
  });

  it('keeps a label new in the current window finite, and flags it', () => {
    const result = chiSquareGoodnessOfFit(counts({ a: 500, b: 500 }), counts({ a: 480, b: 470, c: 50 }));
    expect(Number.isFinite(result.statistic)).toBe(true);
    expect(result.pValue).toBeLessThan(1e-6);
    expect(Number.isFinite(populationStabilityIndex(counts({ a: 1 }), counts({ b: 1 })))).toBe(true);
  });

  it('rejects empty windows and invalid counts', () => {
    expect(() => categoricalDrift(counts({ a: 0 }), ref)).toThrow(/reference window has no observations/);
    expect(() => categoricalDrift(ref, [])).toThrow(/current window has no observations/);
    expect(() => categoricalDrift(ref, counts({ a: -1, b: 3 }))).toThrow(RangeError);
    expect(() => categoricalDrift(ref, counts({ a: NaN }))).toThrow(RangeError);
  });
});
