import { expect, test } from 'vitest';
import {
  heatMap,
  lineSeries,
  slices,
  sortedByMetric,
  type ClassRow,
  type SeriesPoint,
} from '../../dashboard/src/lib/chart-data.js';
import { classColors } from '../../dashboard/src/lib/colors.js';

function point(start: string, validated: number, accuracy: number | null, predictions = validated): SeriesPoint {
  const band = accuracy === null ? null : { low: accuracy - 0.1, high: accuracy + 0.05 };
  return {
    start,
    end: start,
    values: {
      predictions,
      validated,
      accuracy,
      accuracyLow: band?.low ?? null,
      accuracyHigh: band?.high ?? null,
      precision: accuracy,
      recall: accuracy,
      f1: accuracy,
    },
  };
}

const series = [
  point('2026-01-01T00:00:00Z', 4, 0.75),
  point('2026-01-02T00:00:00Z', 0, null, 3),
  point('2026-01-03T00:00:00Z', 2, 0.5),
];

test('empty buckets are gaps (null), never zeros', () => {
  const line = lineSeries(series, 'f1', 'DAY', 'UTC');
  expect(line.values).toEqual([0.75, null, 0.5]);
  expect(line.filled).toBe(2);
  expect(line.band).toBeNull();
  expect(line.labels).toEqual(['1 Jan', '2 Jan', '3 Jan']);
});

test('accuracy carries its interval, with the same gaps', () => {
  const line = lineSeries(series, 'accuracy', 'DAY', 'UTC');
  expect(line.band?.low).toEqual([0.65, null, 0.4]);
  expect(line.band?.high).toEqual([0.8, null, 0.55]);
});

test('counts are values, zero included; a series of zeros counts as empty', () => {
  expect(lineSeries(series, 'validated', 'DAY', 'UTC').values).toEqual([4, 0, 2]);
  expect(lineSeries([point('2026-01-01T00:00:00Z', 0, null, 0)], 'predictions', 'DAY', 'UTC').filled).toBe(0);
});

test('bucket labels are read in the requested zone', () => {
  expect(lineSeries([point('2026-01-01T23:00:00Z', 1, 1)], 'f1', 'HOUR', 'Europe/Berlin').labels).toEqual([
    '2 Jan, 00:00',
  ]);
  expect(lineSeries([point('2026-01-05T00:00:00Z', 1, 1)], 'f1', 'WEEK', 'UTC').labels).toEqual(['wk 5 Jan']);
  expect(lineSeries([point('2026-02-01T00:00:00Z', 1, 1)], 'f1', 'MONTH', 'UTC').labels).toEqual(['Feb 2026']);
});

test('classes sort best first, those without a value last, ties by label', () => {
  const row = (label: string, f1: number | null): ClassRow => ({
    label,
    f1,
    precision: f1,
    precisionLow: null,
    precisionHigh: null,
    recall: f1,
    recallLow: null,
    recallHigh: null,
    support: 1,
    predicted: 1,
  });
  const sorted = sortedByMetric([row('b', 0.5), row('z', null), row('a', 0.5), row('c', 0.9), row('y', null)], 'f1');
  expect(sorted.map((r) => r.label)).toEqual(['c', 'a', 'b', 'y', 'z']);
});

test('heat-map cells hold their share of the true class (row)', () => {
  const cells = heatMap([
    [3, 1],
    [0, 0],
  ]);
  expect(cells[0].map((c) => c.rowShare)).toEqual([0.75, 0.25]);
  expect(cells[1].map((c) => c.rowShare)).toEqual([0, 0]);
  expect(cells[0][0].diagonal).toBe(true);
  expect(cells[0][1].diagonal).toBe(false);
});

test('slices take their colours from the palette labels, so two pies agree', () => {
  const all = ['cat', 'dog', 'bird'];
  const left = slices([{ label: 'cat', count: 2, share: 1 }], all);
  const right = slices(
    [
      { label: 'dog', count: 1, share: 0.5 },
      { label: 'cat', count: 1, share: 0.5 },
    ],
    all,
  );
  const colors = classColors(all);
  expect(left[0].color).toBe(colors.get('cat'));
  expect(right.map((s) => s.color)).toEqual([colors.get('dog'), colors.get('cat')]);
});
