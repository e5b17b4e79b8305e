// Rollup documents stay far below MongoDB's 16 MiB limit however many labels a block has, and the
// parts of a revision merge back into exactly the tally that was written.
import { BSON } from 'mongodb';
import { expect, test } from 'vitest';
import { addRow, emptyTally } from '../../server/core/tally.js';
import { fromDocs, NewestRevisions, PART_BYTES, toDocs } from '../../server/store/rollup-docs.js';

const START = new Date('2026-03-01T00:00:00Z');

/** `count` labels, each predicted for `actuals` different true labels. */
function tallyWithLabels(count: number, length: number, actuals = 1) {
  const tally = emptyTally();
  for (let i = 0; i < count; i++) {
    const label = `${i}-`.padEnd(length, 'x');
    for (let k = 1; k <= actuals; k++) {
      const actual = `${(i * 7 + k) % count}-`.padEnd(length, 'y');
      addRow(tally, {
        predictedAt: new Date(START.getTime() + i),
        predicted: label,
        confidence: (i % 100) / 100,
        actual,
      });
    }
  }
  return tally;
}

test('5,400 distinct 256-character labels (over 16 MiB as one document) are split into parts under the limit', () => {
  const tally = tallyWithLabels(5400, 256, 6);
  const docs = toDocs('m', START, tally, 7);
  expect(docs.length).toBeGreaterThan(1);
  for (const doc of docs) expect(BSON.calculateObjectSize(doc)).toBeLessThan(PART_BYTES + 64 * 1024);
  expect(docs.reduce((sum, d) => sum + BSON.calculateObjectSize(d), 0)).toBeGreaterThan(16 * 1024 * 1024);
  expect(fromDocs(docs)).toEqual(tally);
});

test('a small tally is one document; parts keep counts once (scalars only in the first)', () => {
  const tally = tallyWithLabels(40, 10);
  expect(toDocs('m', START, tally, 1)).toHaveLength(1);
  const split = toDocs('m', START, tally, 1, 2_000);
  expect(split.length).toBeGreaterThan(3);
  expect(split.slice(1).every((d) => d.predictions === 0 && d.validated === 0 && d.firstAt === null)).toBe(true);
  expect(fromDocs(split)).toEqual(tally);
});

test('readers keep only the parts of the newest revision of each block', () => {
  const older = tallyWithLabels(30, 10);
  const newer = tallyWithLabels(12, 10);
  const newest = new NewestRevisions();
  for (const doc of [...toDocs('m', START, newer, 9, 1_000), ...toDocs('m', START, older, 8, 1_000)]) newest.add(doc);
  expect(newest.list()).toEqual([{ start: START, v: 9, tally: newer }]);
});
