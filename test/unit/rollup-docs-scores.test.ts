// The sums calibration and estimation need survive the trip through rollup documents, split or not.
import { expect, test } from 'vitest';
import { tallyRows } from '../../server/core/tally.js';
import { fromDocs, toDocs } from '../../server/store/rollup-docs.js';

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
  const split = toDocs('m', START, tally, 1, 1_000);
  expect(split.length).toBeGreaterThan(5);
  expect(fromDocs(split)).toEqual(tally);
});

test('a block written before these sums existed reads as having none', () => {
  const [doc] = toDocs('m', START, tallyRows([{ predictedAt: START, predicted: 'a', confidence: 0.9, actual: 'a' }]), 1);
  const { reliability: _r, scoredBins: _b, scoreSums: _s, ...old } = doc;
  const tally = fromDocs([old]);
  expect(tally.reliability.size).toBe(0);
  expect(tally.predictions).toBe(1);
});
