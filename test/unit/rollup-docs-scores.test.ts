// The sums calibration and estimation need survive the trip through rollup documents, split or not.
import { expect, test } from 'vitest';
import { tallyRows } from '../../server/core/tally.js';
import {
  compactTally,
  docsOf,
  expandTally,
  fromDocs,
  packTally,
  toDocs,
  unpackTally,
  type RollupDoc,
} from '../../server/store/rollup-docs.js';

const START = new Date('2026-03-01T00:00:00Z');

test('reliability, scored bins and score sums round-trip, also across parts', () => {
  const labels = ['a', 'b', 'c'];
  const tally = tallyRows(
    Array.from({ length: 300 }, (_, i) => {
      const predicted = labels[i % 3];
      const confidence = 0.4 + (i % 60) / 100;
      const rest = (1 - confidence) / 2;
      return {
        predictedAt: new Date(START.getTime() + i),
        predicted,
        confidence,
        scores: labels.map((label) => ({ label, score: label === predicted ? confidence : rest })),
        actual: i % 4 === 0 ? null : labels[(i * 7) % 3],
      };
    }),
  );
  expect(tally.reliability.size).toBeGreaterThan(10);
  expect(fromDocs(toDocs('m', START, tally, 1))).toEqual(tally);
  // The journal's form of a batch's tally survives JSON whole.
  expect(expandTally(JSON.parse(JSON.stringify(compactTally(tally))) as ReturnType<typeof compactTally>)).toEqual(
    tally,
  );
  // Packed (how the read cache and a drain pass hold thousands of blocks), and written from that form.
  expect(unpackTally(packTally(tally))).toEqual(tally);
  expect(docsOf('m', START, packTally(tally), 1)).toEqual(toDocs('m', START, tally, 1));
  const split = toDocs('m', START, tally, 1, 1_000);
  expect(split.length).toBeGreaterThan(5);
  expect(fromDocs(split)).toEqual(tally);
});

test('a block written before the counts moved into one string (arrays of objects, no sums) still reads', () => {
  const old: RollupDoc = {
    _id: `${START.getTime()}:m#1`,
    model: 'm',
    start: START,
    v: 1,
    part: 0,
    predictions: 2,
    validated: 1,
    firstAt: START,
    lastAt: START,
    predicted: [{ label: 'a', count: 2 }],
    cells: [{ actual: 'b', predicted: 'a', count: 1 }],
    confidence: [{ bin: 90, count: 2 }],
  };
  const tally = fromDocs([old]);
  expect(tally.predictions).toBe(2);
  expect(tally.predicted.get('a')).toBe(2);
  expect(tally.cells.get('b')?.get('a')).toBe(1);
  expect(tally.confidence.get(90)).toBe(2);
  expect(tally.reliability.size).toBe(0);
  expect(tally.scoredBins.size).toBe(0);
});
