import { describe, expect, test } from 'vitest';
import {
  actualCounts,
  addRow,
  confidenceBin,
  emptyTally,
  mergeAll,
  relabel,
  tallyCells,
  tallyRows,
} from '../../server/core/tally.js';

const at = (iso: string) => new Date(iso);

describe('tally', () => {
  test('counts predictions, validations, cells and confidence bins', () => {
    const t = tallyRows([
      { predictedAt: at('2026-01-01T10:00:00Z'), predicted: 'cat', confidence: 0.91, actual: 'cat' },
      { predictedAt: at('2026-01-01T09:00:00Z'), predicted: 'dog', confidence: null, actual: 'cat' },
      { predictedAt: at('2026-01-01T11:00:00Z'), predicted: 'dog', confidence: 1, actual: null },
    ]);
    expect(t.predictions).toBe(3);
    expect(t.validated).toBe(2);
    expect(t.firstAt).toEqual(at('2026-01-01T09:00:00Z'));
    expect(t.lastAt).toEqual(at('2026-01-01T11:00:00Z'));
    expect([...t.predicted]).toEqual([
      ['cat', 1],
      ['dog', 2],
    ]);
    expect(tallyCells(t)).toEqual([
      { actual: 'cat', predicted: 'cat', count: 1 },
      { actual: 'cat', predicted: 'dog', count: 1 },
    ]);
    expect([...actualCounts(t)]).toEqual([['cat', 2]]);
    expect([...t.confidence]).toEqual([
      [91, 1],
      [99, 1],
    ]);
  });

  test('confidence 1.0 falls in the last bin, 0 in the first', () => {
    expect(confidenceBin(1)).toBe(99);
    expect(confidenceBin(0)).toBe(0);
    expect(confidenceBin(0.999)).toBe(99);
    expect(confidenceBin(0.5)).toBe(50);
  });

  test('merging tallies equals tallying all their rows', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      predictedAt: new Date(Date.UTC(2026, 0, 1, i)),
      predicted: ['a', 'b', 'c'][i % 3],
      confidence: (i % 10) / 10,
      actual: i % 4 === 0 ? null : ['a', 'b'][i % 2],
    }));
    const parts = [rows.slice(0, 10), rows.slice(10, 35), rows.slice(35)].map((part) => tallyRows(part));
    expect(mergeAll(parts)).toEqual(tallyRows(rows));
    expect(mergeAll([])).toEqual(emptyTally());
  });

  test('relabeling a counted row equals tallying the rows with its new label, with no empty entries left', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      predictedAt: new Date(Date.UTC(2026, 0, 1, i)),
      predicted: ['a', 'b'][i % 2],
      confidence: i % 5 === 0 ? null : (i % 10) / 10 + 0.05,
      actual: i % 3 === 0 ? null : ['a', 'b', 'c'][i % 3],
    }));
    // Validated, corrected, and un-validated; some take the last row of a cell or of a bin away.
    const changes: [number, string | null][] = [
      [0, 'a'],
      [1, 'c'],
      [2, 'a'],
      [7, null],
      [11, 'zz'],
      [11, 'b'],
      [25, null],
      [30, 'c'],
    ];
    const tally = tallyRows(rows);
    const relabeled = rows.map((r) => ({ ...r }));
    for (const [i, to] of changes) {
      relabel(tally, relabeled[i], relabeled[i].actual, to);
      relabeled[i].actual = to;
    }
    expect(tally).toEqual(tallyRows(relabeled));
    const once = tallyRows([rows[1]]);
    relabel(once, rows[1], rows[1].actual, null);
    expect(once.cells.size + once.reliability.size + once.validated).toBe(0);
  });

  test('keeps what calibration and estimation need: reliability per bin, scored bins, score sums', () => {
    const scores = (x: number) => [
      { label: 'a', score: x },
      { label: 'b', score: 1 - x },
    ];
    const rows = Array.from({ length: 40 }, (_, i) => ({
      predictedAt: new Date(Date.UTC(2026, 0, 1, i)),
      predicted: i % 2 ? 'a' : 'b',
      confidence: 0.5 + (i % 5) / 10,
      scores: i % 4 === 0 ? null : scores(i % 2 ? 0.5 + (i % 5) / 10 : 0.5 - (i % 5) / 10),
      actual: i % 3 === 0 ? null : 'a',
    }));
    const t = tallyRows(rows);
    expect(t.reliability.get(50)).toEqual({ validated: 5, correct: 3, confidenceMicros: 2_500_000 });
    expect(t.scoredBins.get('a')?.get(90)).toBe(4);
    expect(t.scoreSums.get('b')?.get('a')).toBe(3_000_000);
    expect([...(t.scoreSums.get('a')?.keys() ?? [])]).toEqual(['b']);
    // Sums in whole millionths: merging in any order gives exactly the same tally.
    const parts = [rows.slice(0, 7), rows.slice(7, 29), rows.slice(29)].map((part) => tallyRows(part));
    expect(mergeAll(parts.reverse())).toEqual(t);
  });

  test('labels that look like paths or operators are ordinary keys', () => {
    const t = emptyTally();
    for (const label of ['a.b', '$x', '__proto__', 'constructor'])
      addRow(t, { predictedAt: at('2026-01-01T00:00:00Z'), predicted: label, confidence: null, actual: label });
    expect([...t.predicted.keys()]).toEqual(['a.b', '$x', '__proto__', 'constructor']);
    expect(t.validated).toBe(4);
  });
});
