import { describe, expect, test } from 'vitest';
import { formatSummary, RejectionLog } from '../../server/core/import/summary.js';

describe('RejectionLog', () => {
  test('keeps the lowest line numbers whatever order they come in, and counts them all', () => {
    const log = new RejectionLog(3);
    for (const line of [40, 7, 99, 3, 12, 5]) log.add(line, `bad ${line}`);
    expect(log.count).toBe(6);
    expect(log.first).toEqual([
      { line: 3, message: 'bad 3' },
      { line: 5, message: 'bad 5' },
      { line: 7, message: 'bad 7' },
    ]);
  });
});

describe('formatSummary', () => {
  test('gives totals, each kept rejection with its line, and how many more there are', () => {
    const rejected = new RejectionLog(2);
    for (const line of [9, 4, 6]) rejected.add(line, `reason ${line}`);
    const text = formatSummary('f.csv', {
      lines: 10,
      rejected,
      training: [{ model: 'm', classes: 3 }],
      ignoredColumns: ['note'],
    });
    expect(text.split('\n')).toEqual([
      'f.csv: 10 lines read, 7 accepted, 3 rejected',
      '  ignored columns: "note"',
      '  line 4: reason 4',
      '  line 6: reason 6',
      '  … and 1 more rejected line',
      'training distribution of model "m": 3 classes',
      '',
    ]);
  });
});
