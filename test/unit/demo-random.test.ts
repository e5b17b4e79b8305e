import { describe, expect, test } from 'vitest';
import { Random } from '../../server/core/demo/random.js';

const draws = (rng: Random, n: number, f: (r: Random) => number): number[] => Array.from({ length: n }, () => f(rng));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return mean(xs.map((x) => (x - m) ** 2));
};

describe('Random', () => {
  test('the same seed gives the same sequence, another seed another one', () => {
    const a = draws(new Random(7), 50, (r) => r.next());
    expect(draws(new Random(7), 50, (r) => r.next())).toEqual(a);
    expect(draws(new Random(8), 50, (r) => r.next())).not.toEqual(a);
    // Seeds above 2^32 are not truncated to the same state.
    expect(draws(new Random(2 ** 32 + 7), 50, (r) => r.next())).not.toEqual(a);
  });

  test('uniform draws stay in [0, 1) and are evenly spread', () => {
    const xs = draws(new Random(1), 100_000, (r) => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const deciles = new Array<number>(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]++;
    for (const d of deciles) expect(Math.abs(d - 10_000)).toBeLessThan(500);
  });

  test('normal draws have mean 0 and variance 1', () => {
    const xs = draws(new Random(2), 100_000, (r) => r.normal());
    expect(Math.abs(mean(xs))).toBeLessThan(0.02);
    expect(Math.abs(variance(xs) - 1)).toBeLessThan(0.03);
  });

  test.each([0.5, 4, 250])('poisson(%f) has that mean and variance', (lambda) => {
    const xs = draws(new Random(3), 50_000, (r) => r.poisson(lambda));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(Math.abs(mean(xs) - lambda) / lambda).toBeLessThan(0.03);
    expect(Math.abs(variance(xs) - lambda) / lambda).toBeLessThan(0.06);
  });

  test('weighted picks indices in proportion to their weights, never a zero weight', () => {
    const counts = [0, 0, 0, 0];
    const rng = new Random(4);
    for (let i = 0; i < 60_000; i++) counts[rng.weighted([1, 0, 2, 3])]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[0] / 60_000 - 1 / 6)).toBeLessThan(0.01);
    expect(Math.abs(counts[2] / 60_000 - 2 / 6)).toBeLessThan(0.01);
    expect(Math.abs(counts[3] / 60_000 - 3 / 6)).toBeLessThan(0.01);
  });

  test('rejects what has no meaning', () => {
    expect(() => new Random(1.5)).toThrow(RangeError);
    expect(() => new Random(1).weighted([0, 0])).toThrow(RangeError);
    expect(() => new Random(1).poisson(-1)).toThrow(RangeError);
  });
});
