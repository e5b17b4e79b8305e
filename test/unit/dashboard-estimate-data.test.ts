import { describe, expect, it } from 'vitest';
import { estimateSeries, type EstimatePoint } from '../../dashboard/src/lib/estimate-data.js';

const point = (start: string, estimated: [number, number, number] | null, realized: number | null): EstimatePoint => ({
  start,
  end: start,
  predictions: 10,
  validated: realized === null ? 0 : 4,
  estimated: estimated && { accuracy: estimated[0], accuracyLow: estimated[1], accuracyHigh: estimated[2] },
  realized: realized === null ? null : { accuracy: realized },
});

describe('estimateSeries', () => {
  it('keeps gaps as null and counts buckets with either value', () => {
    const line = estimateSeries(
      [
        point('2026-01-05T00:00:00Z', [0.8, 0.7, 0.9], null),
        point('2026-01-06T00:00:00Z', [0.75, 0.6, 0.9], 0.5),
        point('2026-01-07T00:00:00Z', null, null),
      ],
      'DAY',
      'UTC',
    );
    expect(line).toEqual({
      labels: ['5 Jan', '6 Jan', '7 Jan'],
      estimated: [0.8, 0.75, null],
      low: [0.7, 0.6, null],
      high: [0.9, 0.9, null],
      realized: [null, 0.5, null],
      filled: 2,
    });
  });
});
