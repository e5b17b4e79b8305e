import { describe, expect, it } from 'vitest';
import { KllDoublesSketch, kllNormalizedRankError } from '../../server/core/sketches/kll.js';
import { runPythonHelper } from '../whylogs/python.js';

// mulberry32: a small seeded generator so every run sees the same data
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// heavy-tailed with many repeats: exercises ties and a long right tail
function sampleValues(n: number, seed: number): number[] {
  const uniform = seededUniform(seed);
  return Array.from({ length: n }, () => {
    const u = uniform();
    return u < 0.1 ? 0.5 : Math.round(Math.exp(4 * uniform()) * 1000) / 1000;
  });
}

function sketchOf(values: readonly number[], k: number): KllDoublesSketch {
  const sketch = new KllDoublesSketch(k);
  for (const value of values) sketch.update(value);
  return sketch;
}

// fractions of the data strictly below and at-or-below `value`
function exactRanks(sorted: Float64Array, value: number): [number, number] {
  let below = 0;
  let atOrBelow = 0;
  for (const x of sorted) {
    if (x < value) below += 1;
    if (x <= value) atOrBelow += 1;
  }
  return [below / sorted.length, atOrBelow / sorted.length];
}

const RANKS = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

describe('KllDoublesSketch', () => {
  it.each([200, 1024])('answers quantiles and ranks within the normalized rank error (k=%i)', (k) => {
    const values = sampleValues(120_000, k);
    const sketch = sketchOf(values, k);
    const sorted = Float64Array.from(values).sort();
    const epsilon = kllNormalizedRankError(k);

    expect(sketch.numRetained).toBeLessThan(values.length / 10); // it really compacted
    for (const rank of RANKS) {
      const [below, atOrBelow] = exactRanks(sorted, sketch.quantile(rank));
      const distance = rank < below ? below - rank : rank > atOrBelow ? rank - atOrBelow : 0;
      expect(distance, `quantile(${rank})`).toBeLessThanOrEqual(epsilon);

      const value = sorted[Math.floor(rank * sorted.length)];
      expect(Math.abs(sketch.rank(value) - exactRanks(sorted, value)[0]), `rank(${value})`).toBeLessThanOrEqual(
        epsilon,
      );
    }
  });

  it('uses the error bounds DataSketches publishes (k=200: 1.33% single-sided, 1.65% for PMFs)', () => {
    expect(kllNormalizedRankError(200)).toBeCloseTo(0.0133, 4);
    expect(kllNormalizedRankError(200, true)).toBeCloseTo(0.0165, 4);
    expect(kllNormalizedRankError(1024)).toBeCloseTo(0.00272, 5);
  });

  it('is exact until the first compaction', () => {
    const values = sampleValues(150, 7);
    const sketch = sketchOf(values, 200);
    const sorted = [...values].sort((a, b) => a - b);
    expect(sketch.numRetained).toBe(150);
    for (const rank of RANKS) expect(sketch.quantile(rank)).toBe(sorted[Math.floor(rank * values.length)]);
    expect(sketch.quantile(0)).toBe(sorted[0]);
    expect(sketch.quantile(1)).toBe(sorted[149]);
  });

  it('counts values, keeps min and max, and ignores NaN', () => {
    const sketch = sketchOf([3, -2, Number.NaN, 10, 4], 200);
    expect([sketch.n, sketch.min, sketch.max]).toEqual([4, -2, 10]);
    expect(new KllDoublesSketch().quantile(0.5)).toBeNaN();
  });

  it('gives the same bytes for the same input, so profiles are reproducible', () => {
    const values = sampleValues(20_000, 3);
    expect(sketchOf(values, 200).serialize()).toEqual(sketchOf(values, 200).serialize());
  });

  it('rejects invalid k and ranks', () => {
    expect(() => new KllDoublesSketch(7)).toThrow(RangeError);
    expect(() => new KllDoublesSketch(65_536)).toThrow(RangeError);
    expect(() => sketchOf([1], 200).quantile(1.5)).toThrow(RangeError);
  });
});

interface PythonKll {
  n: number;
  k: number;
  isEmpty: boolean;
  numRetained: number;
  min?: number;
  max?: number;
  quantiles?: number[];
  mergedTwiceN?: number;
}

describe('KLL serialization read by whylogs_sketching (whylogs 1.6.4)', () => {
  it('restores the same sketch from the empty, single-item and full layouts', () => {
    const ranks = [0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1];
    const cases = [
      sketchOf([], 200),
      sketchOf([0.25], 1024),
      sketchOf(sampleValues(57, 11), 200),
      sketchOf(sampleValues(50_000, 12), 200),
      sketchOf(sampleValues(200_000, 13), 1024),
    ];
    const requests = cases.map((sketch) => ({
      kind: 'kll',
      hex: Buffer.from(sketch.serialize()).toString('hex'),
      ranks,
    }));
    const results = runPythonHelper<PythonKll[]>('inspect_sketches.py', [], JSON.stringify(requests));

    cases.forEach((sketch, i) => {
      const read = results[i];
      expect({ n: read.n, k: read.k, isEmpty: read.isEmpty, numRetained: read.numRetained }).toEqual({
        n: sketch.n,
        k: sketch.k,
        isEmpty: sketch.isEmpty,
        numRetained: sketch.numRetained,
      });
      if (sketch.isEmpty) return;
      expect([read.min, read.max]).toEqual([sketch.min, sketch.max]);
      expect(read.quantiles).toEqual(ranks.map((rank) => sketch.quantile(rank)));
      expect(read.mergedTwiceN).toBe(2 * sketch.n);
    });
  });
});
