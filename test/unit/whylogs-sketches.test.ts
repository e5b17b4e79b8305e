import { describe, expect, it } from 'vitest';
import { FrequentStringsSketch } from '../../server/core/sketches/frequent-strings.js';
import { HllSketch } from '../../server/core/sketches/hll.js';
import { runPythonHelper } from '../whylogs/python.js';

// The reference sketches are built by whylogs_sketching from the same values, so agreement
// checks our hashing, coupon forms and layouts against the library whylogs reads with.

interface PythonHll {
  estimate: number;
  referenceEstimate: number;
  referenceHex: string;
  unionEstimate: number;
}

interface PythonFrequent {
  totalWeight: number;
  numActive: number;
  items: [string, number, number, number][];
  referenceItems: [string, number, number, number][];
  referenceTotalWeight: number;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function labels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `label ${i} ｚ😀é`);
}

function hllOfStrings(values: readonly string[]): HllSketch {
  const sketch = new HllSketch(12);
  for (const value of values) sketch.updateString(value);
  return sketch;
}

describe('HllSketch read by whylogs_sketching', () => {
  it('writes the exact bytes of whylogs own sketch in list form, and the same estimate as a set', () => {
    const sizes = [0, 1, 7, 8, 300, 384];
    const requests = sizes.map((size) => ({
      kind: 'hll',
      hex: hex(hllOfStrings(labels(size)).serialize()),
      strings: labels(size),
    }));
    const results = runPythonHelper<PythonHll[]>('inspect_sketches.py', [], JSON.stringify(requests));
    sizes.forEach((size, i) => {
      if (size < 8) expect(requests[i].hex, `${size} values`).toBe(results[i].referenceHex);
      expect(results[i].estimate, `${size} values`).toBe(results[i].referenceEstimate);
      expect(results[i].estimate).toBeCloseTo(size, 0);
      expect(results[i].unionEstimate).toBe(results[i].estimate);
    });
  });

  it('estimates large cardinalities within three standard errors once it uses registers', () => {
    const values = labels(20_000);
    const requests = [{ kind: 'hll', hex: hex(hllOfStrings(values).serialize()), strings: values }];
    const [result] = runPythonHelper<PythonHll[]>('inspect_sketches.py', [], JSON.stringify(requests));
    const threeSigma = 3 * (1.04 / Math.sqrt(4096)) * values.length;
    expect(Math.abs(result.estimate - values.length)).toBeLessThan(threeSigma);
    expect(Math.abs(result.unionEstimate - values.length)).toBeLessThan(threeSigma);
  });

  it('hashes doubles as DataSketches does, with -0 equal to 0, and ignores empty strings', () => {
    const doubles = Array.from({ length: 50 }, (_, i) => i / 7 - 3.5); // never 0
    const sketch = new HllSketch(12);
    for (const value of [...doubles, 0, -0]) sketch.updateDouble(value);
    sketch.updateString('');
    const requests = [{ kind: 'hll', hex: hex(sketch.serialize()), doubles: [...doubles, 0] }];
    const [result] = runPythonHelper<PythonHll[]>('inspect_sketches.py', [], JSON.stringify(requests));
    expect(result.estimate).toBe(result.referenceEstimate);
    expect(result.estimate).toBeCloseTo(51, 0);
  });
});

describe('FrequentStringsSketch read by whylogs_sketching', () => {
  function frequentOf(updates: [string, number][]): FrequentStringsSketch {
    const sketch = new FrequentStringsSketch(10);
    for (const [item, weight] of updates) sketch.update(item, weight);
    return sketch;
  }

  it('keeps exact counts for few items, and purges as DataSketches does past 768 items', () => {
    const few: [string, number][] = labels(40).map((label, i) => [label, 1 + (i % 5)]);
    const many: [string, number][] = labels(3000).map((label, i) => [label, 1 + (i % 7)]);
    const requests = [few, many, []].map((updates) => ({
      kind: 'frequent_strings',
      hex: hex(frequentOf(updates).serialize()),
      updates,
    }));
    const [small, large, empty] = runPythonHelper<PythonFrequent[]>(
      'inspect_sketches.py',
      [],
      JSON.stringify(requests),
    );

    expect(small.numActive).toBe(40);
    type Row = [string, number, number, number];
    const byItem = (a: Row, b: Row): number => (a[0] < b[0] ? -1 : 1);
    const expected = few.map(([item, weight]): Row => [item, weight, weight, weight]);
    expect([...small.items].sort(byItem)).toEqual(expected.sort(byItem));
    expect(large.items).toEqual(large.referenceItems);
    expect(large.numActive).toBeLessThanOrEqual(768);
    expect(large.totalWeight).toBe(large.referenceTotalWeight);
    expect(empty.numActive).toBe(0);
  });
});
