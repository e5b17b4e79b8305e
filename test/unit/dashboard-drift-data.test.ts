import { expect, test } from 'vitest';
import {
  driftRows,
  formatP,
  formatPoints,
  formatStatistic,
  isDriftReference,
  isEmptyDrift,
  toPoints,
  type DriftPoint,
} from '../../dashboard/src/lib/drift-data.js';

function point(start: string, fields: Partial<DriftPoint> = {}): DriftPoint {
  return {
    start,
    end: start,
    psi: null,
    jsDistance: null,
    accuracy: null,
    baselineAccuracy: null,
    accuracyDelta: null,
    accuracyP: null,
    predictions: 0,
    validated: 0,
    rules: [],
    ...fields,
  };
}

const points = [
  point('2026-01-05T00:00:00Z', {
    psi: 0.01,
    jsDistance: 0.02,
    predictions: 40,
    validated: 40,
    accuracy: 0.9,
    baselineAccuracy: 0.92,
    accuracyDelta: -0.02,
    accuracyP: 0.4,
  }),
  point('2026-01-06T00:00:00Z', { predictions: 0 }),
  point('2026-01-07T00:00:00Z', {
    psi: 4.2,
    jsDistance: 0.8,
    predictions: 40,
    validated: 40,
    accuracyDelta: -0.3,
    accuracyP: 0.004,
    rules: ['predicted-psi', 'accuracy-drop'],
  }),
];

test('one row per bucket, labelled in the zone; buckets without data stay gaps', () => {
  const rows = driftRows(points, { pValue: 0.01 }, 'DAY', 'Asia/Tokyo');
  expect(rows.map((r) => r.label)).toEqual(['5 Jan', '6 Jan', '7 Jan']);
  expect(rows.map((r) => r.psi)).toEqual([0.01, null, 4.2]);
  expect(rows.map((r) => r.js)).toEqual([0.02, null, 0.8]);
  expect(rows.map((r) => r.delta)).toEqual([-0.02, null, -0.3]);
  expect(rows[0]).toMatchObject({ accuracy: 0.9, baselineAccuracy: 0.92, predictions: 40, validated: 40 });
});

test('an accuracy change is significant when its p-value is below the configured level', () => {
  expect(driftRows(points, { pValue: 0.01 }, 'DAY', 'UTC').map((r) => r.significant)).toEqual([false, null, true]);
  expect(driftRows(points, { pValue: 0.5 }, 'DAY', 'UTC').map((r) => r.significant)).toEqual([true, null, true]);
  expect(driftRows(points, { pValue: 0.001 }, 'DAY', 'UTC').map((r) => r.significant)).toEqual([false, null, false]);
});

test('fired markers follow the rules the query reports for each bucket', () => {
  const rows = driftRows(points, { pValue: 0.01 }, 'DAY', 'UTC');
  expect(rows.map((r) => [r.psiFired, r.jsFired, r.accuracyFired])).toEqual([
    [false, false, false],
    [false, false, false],
    [true, false, true],
  ]);
});

test('a range without distributions or accuracy comparisons is empty', () => {
  expect(isEmptyDrift(driftRows([point('2026-01-06T00:00:00Z')], { pValue: 0.01 }, 'DAY', 'UTC'))).toBe(true);
  expect(isEmptyDrift(driftRows(points, { pValue: 0.01 }, 'DAY', 'UTC'))).toBe(false);
  expect(
    isEmptyDrift(driftRows([point('2026-01-06T00:00:00Z', { accuracyDelta: 0 })], { pValue: 0.01 }, 'DAY', 'UTC')),
  ).toBe(false);
});

test('formats: statistics with three decimals, changes in signed points, small p-values in exponent form', () => {
  expect(formatStatistic(0.12345)).toBe('0.123');
  expect(formatStatistic(null)).toBe('—');
  expect(formatPoints(-0.035)).toBe('−3.5 pp');
  expect(formatPoints(0.012)).toBe('+1.2 pp');
  expect(formatPoints(0.0001)).toBe('±0.0 pp');
  expect(formatPoints(null)).toBe('—');
  expect(formatP(0.0123)).toBe('0.012');
  expect(formatP(3.14e-9)).toBe('3.1e-9');
  expect(formatP(0)).toBe('0');
  expect(formatP(null)).toBe('—');
  expect(toPoints(0.07)).toBe(7);
  expect(toPoints(0.055)).toBe(5.5);
});

test('references: TRAINING and BASELINE only', () => {
  expect(isDriftReference('TRAINING')).toBe(true);
  expect(isDriftReference('BASELINE')).toBe(true);
  expect(isDriftReference('training')).toBe(false);
  expect(isDriftReference(null)).toBe(false);
});
