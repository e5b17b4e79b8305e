import { describe, expect, it } from 'vitest';
import { chiSquareSf, kolmogorovSf, normalCdf, normalSf } from '../../server/core/drift/index.js';
import { expectProbability, fixtures } from '../fixtures/scipy/drift-fixtures.js';

describe('distribution functions against scipy', () => {
  it.each(fixtures.special.normal)('normal at z=$z', ({ z, cdf, sf }) => {
    expectProbability(normalCdf(z), cdf);
    expectProbability(normalSf(z), sf);
  });

  it.each(fixtures.special.chiSquare)('chi-square tail at x=$x, df=$df', ({ x, df, sf }) => {
    expectProbability(chiSquareSf(x, df), sf);
  });

  it.each(fixtures.special.kolmogorov)('Kolmogorov tail at x=$x', ({ x, sf }) => {
    expectProbability(kolmogorovSf(x), sf);
  });
});

describe('distribution functions by hand', () => {
  it('chi-square with 2 df is an exponential: sf(x) = exp(-x/2)', () => {
    for (const x of [0.1, 1, 7, 60]) expect(chiSquareSf(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
  });

  it('normal cdf and sf add to one and mirror each other', () => {
    for (const z of [-4, -0.3, 0, 1.1, 3]) {
      expect(normalCdf(z) + normalSf(z)).toBeCloseTo(1, 15);
      expect(normalCdf(-z)).toBeCloseTo(normalSf(z), 15);
    }
  });

  it('Kolmogorov tail is 1 at 0, decreasing, and continuous across the series switch', () => {
    expect(kolmogorovSf(0)).toBe(1);
    const xs = [0.3, 0.6, 0.8199999, 0.82, 1.2, 2];
    const values = xs.map(kolmogorovSf);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] as number);
    expect(Math.abs(kolmogorovSf(0.8199999) - kolmogorovSf(0.82))).toBeLessThan(1e-6);
  });

  it('rejects arguments outside the domain', () => {
    expect(() => chiSquareSf(3, 0)).toThrow(RangeError);
  });
});
