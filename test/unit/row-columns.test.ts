import { describe, expect, test } from 'vitest';
import { LEVEL_MS, levelStart } from '../../server/core/grid.js';
import { RowColumns, type CountedRow } from '../../server/core/row-columns.js';
import { inSeries, parseSeries, seriesName, seriesOfRow } from '../../server/core/series.js';
import { tallyRows } from '../../server/core/tally.js';
import { pick, seeded } from '../support/random.js';

const T0 = Date.parse('2026-03-29T00:00:00Z');

function rows(count: number): CountedRow[] {
  const random = seeded(11);
  return Array.from({ length: count }, (): CountedRow => {
    const predicted = pick(random, ['cat', 'dog', 'ñandú']);
    const scored = random() < 0.5;
    return {
      model: pick(random, ['m1', 'm2']),
      version: pick(random, [null, 'v1', 'v2']),
      predictedAt: new Date(T0 + Math.floor(random() * 6 * LEVEL_MS.QUARTER)),
      predicted,
      confidence: random() < 0.2 ? null : Math.round(random() * 1000) / 1000,
      actual: random() < 0.4 ? null : pick(random, ['cat', 'dog', 'ñandú']),
      // A row with an empty score list counts in the scored bins; one without scores does not.
      scores: !scored ? null : random() < 0.1 ? [] : [{ label: 'dog', score: Math.round(random() * 1e6) / 1e6 }],
    };
  });
}

describe('RowColumns', () => {
  test('gives every row back as it was added', () => {
    const given = rows(300);
    const columns = new RowColumns();
    for (const row of given) columns.add(row);
    expect(columns.size).toBe(300);
    expect(given.map((_, i) => columns.row(i))).toEqual(given);
  });

  test("a series' quarter tallies exactly the rows of that series and quarter", () => {
    const given = rows(2000);
    const columns = new RowColumns();
    for (const row of given) columns.add(row);
    const blocks = new Set<string>();
    for (const row of given)
      for (const series of seriesOfRow(row))
        blocks.add(`${series}|${levelStart('QUARTER', row.predictedAt).getTime()}`);
    expect(blocks.size).toBeGreaterThan(30);
    for (const block of blocks) {
      const [series, start] = block.split('|');
      const name = parseSeries(series);
      const mine = given.filter(
        (r) =>
          r.model === name.model &&
          inSeries(name, r) &&
          levelStart('QUARTER', r.predictedAt).getTime() === Number(start),
      );
      expect(columns.quarterTally(series, new Date(Number(start)))).toEqual(tallyRows(mine));
    }
  });

  test('a quarter, model or version it holds no row of tallies empty', () => {
    const columns = new RowColumns();
    for (const row of rows(50)) columns.add(row);
    const empty = tallyRows([]);
    expect(columns.quarterTally('m1', new Date(T0 - LEVEL_MS.QUARTER))).toEqual(empty);
    expect(columns.quarterTally('other', new Date(T0))).toEqual(empty);
    expect(columns.quarterTally(seriesName('m1', 'v9'), new Date(T0))).toEqual(empty);
  });

  test('counts the memory it takes: about 40 bytes a row', () => {
    const columns = new RowColumns();
    for (const row of rows(1000)) columns.add({ ...row, scores: null });
    expect(columns.bytes).toBe(40_000);
  });
});
