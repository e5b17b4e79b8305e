import { describe, expect, it } from 'vitest';
import type { ModelVersionsQuery, VersionReportFragment } from '../../dashboard/src/gql/graphql.js';
import {
  comparisonRows,
  formatChange,
  pickPair,
  versionLines,
  versionsOf,
  type VersionEntry,
} from '../../dashboard/src/lib/version-data.js';

const entry = (name: string, lastPredictedAt: string | null): VersionEntry => ({
  name,
  predictions: 1,
  validated: 0,
  lastPredictedAt,
});

const report = (
  version: string,
  accuracy: (number | null)[],
  overall: Partial<VersionReportFragment['overall']> = {},
): VersionReportFragment => ({
  version,
  timeZone: 'UTC',
  overall: { predictions: 4, validated: 4, accuracy: 0.5, precision: 0.5, recall: 0.5, f1: 0.5, ...overall },
  series: accuracy.map((a, i) => ({
    start: `2026-01-0${i + 5}T00:00:00.000Z`,
    values: { validated: a === null ? 0 : 2, accuracy: a, precision: a, recall: a, f1: a },
  })),
});

describe('versionsOf', () => {
  it("lists the resolved model's versions, the one predicting most recently first", () => {
    const answer: ModelVersionsQuery = {
      models: [
        { name: 'other', versions: [entry('x', '2026-02-01T00:00:00.000Z')] },
        {
          name: 'fleet',
          versions: [
            entry('v1', '2026-01-07T00:00:00.000Z'),
            entry('v0', null),
            entry('v2', '2026-01-08T00:00:00.000Z'),
          ],
        },
      ],
      current: { model: 'fleet' },
    };
    expect(versionsOf(answer).map((v) => v.name)).toEqual(['v2', 'v1', 'v0']);
    expect(versionsOf({ ...answer, current: { model: 'none' } })).toEqual([]);
  });
});

describe('pickPair', () => {
  const versions = [
    entry('v2', '2026-01-08T00:00:00Z'),
    entry('v1', '2026-01-07T00:00:00Z'),
    entry('v0', '2026-01-02T00:00:00Z'),
  ];
  it('defaults to the one before the newest (A) against the newest (B)', () => {
    expect(pickPair(versions, null, null)).toEqual({ a: 'v1', b: 'v2' });
  });
  it('keeps known choices and fills the other with the newest other version', () => {
    expect(pickPair(versions, 'v0', null)).toEqual({ a: 'v0', b: 'v2' });
    expect(pickPair(versions, 'v2', null)).toEqual({ a: 'v2', b: 'v1' });
    expect(pickPair(versions, null, 'v2')).toEqual({ a: 'v1', b: 'v2' });
    expect(pickPair(versions, 'gone', 'v0')).toEqual({ a: 'v2', b: 'v0' });
  });
  it('is null with fewer than two versions', () => {
    expect(pickPair(versions.slice(0, 1), null, null)).toBeNull();
  });
});

describe('comparisonRows and formatChange', () => {
  it('gives each rate of both versions and the change from A to B, null where either is missing', () => {
    const rows = comparisonRows(report('v1', [], { accuracy: 2 / 3, f1: null }), report('v2', [], { accuracy: 0.75 }));
    expect(rows.map((r) => r.metric)).toEqual(['accuracy', 'precision', 'recall', 'f1']);
    expect(rows[0].change).toBeCloseTo(0.75 - 2 / 3, 12);
    expect(rows[3]).toMatchObject({ a: null, b: 0.5, change: null });
    expect([
      formatChange(0.0833333),
      formatChange(-0.1667),
      formatChange(0),
      formatChange(-0.00001),
      formatChange(null),
    ]).toEqual(['+8.3 pp', '−16.7 pp', '+0.0 pp', '+0.0 pp', '—']);
  });
});

describe('versionLines', () => {
  it('puts both versions on the same buckets and counts the buckets either has', () => {
    const line = versionLines(report('v1', [0.75, 0.5, null]), report('v2', [1, null, null]), 'accuracy', 'DAY', 'UTC');
    expect(line).toEqual({ labels: ['5 Jan', '6 Jan', '7 Jan'], a: [0.75, 0.5, null], b: [1, null, null], filled: 2 });
  });
});
