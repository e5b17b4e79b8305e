import { beforeAll, describe, expect, test } from 'vitest';
import { demoDataset, type DemoDataset } from '../../server/core/demo/generator.js';
import { DEGRADATION, DEMO_CLASSES } from '../../server/core/demo/scenario.js';
import type { PredictionRow } from '../../server/core/prediction.js';
import { naiveClasses } from '../support/expected.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2026-03-15T08:30:00Z');

let demo: DemoDataset;
let rows: PredictionRow[];
beforeAll(() => {
  demo = demoDataset({ now });
  rows = [...demo.rows()];
});

const share = (part: number, whole: number) => part / whole;
const countBy = (items: PredictionRow[], key: (r: PredictionRow) => string | null) => {
  const counts = new Map<string, number>();
  for (const r of items) {
    const k = key(r);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
};
const recallOf = (items: PredictionRow[], label: string): number => {
  const validated = items.flatMap((r) => (r.actual === null ? [] : [{ actual: r.actual, predicted: r.predicted }]));
  const found = naiveClasses(validated).find((c) => c.label === label);
  return found?.recall ?? NaN;
};

describe('demo dataset', () => {
  test('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const small = { now, days: 5, perDay: 400 };
    const a = [...demoDataset({ ...small, seed: 11 }).rows()];
    expect([...demoDataset({ ...small, seed: 11 }).rows()]).toEqual(a);
    expect(demoDataset({ ...small, seed: 11 }).training).toEqual(demoDataset({ ...small, seed: 11 }).training);
    expect([...demoDataset({ ...small, seed: 12 }).rows()]).not.toEqual(a);
  });

  test('covers the days before now in time order, a few thousand a day, with unique ids', () => {
    expect(demo.end).toEqual(now);
    expect(demo.start).toEqual(new Date(now.getTime() - 90 * DAY));
    expect(rows.findIndex((r, i) => i > 0 && r.predictedAt < rows[i - 1].predictedAt)).toBe(-1);
    expect(rows[0].predictedAt >= demo.start).toBe(true);
    expect(rows[rows.length - 1].predictedAt < now).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(Math.abs(rows.length / 90 - 3000) / 3000).toBeLessThan(0.05);
    expect(rows.every((r) => r.model === 'default')).toBe(true);
  });

  test('follows a daily and weekly rhythm', () => {
    const byHour = new Array<number>(24).fill(0);
    const byWeekday = new Array<number>(7).fill(0);
    for (const r of rows) {
      byHour[r.predictedAt.getUTCHours()]++;
      byWeekday[r.predictedAt.getUTCDay()]++;
    }
    const office = byHour.slice(9, 17).reduce((a, b) => a + b, 0) / 8;
    const night = byHour.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
    expect(office / night).toBeGreaterThan(4);
    const weekend = (byWeekday[0] + byWeekday[6]) / 2;
    const weekdays = byWeekday.slice(1, 6).reduce((a, b) => a + b, 0) / 5;
    expect(weekdays / weekend).toBeGreaterThan(1.8);
  });

  test('has six imbalanced classes, and a training distribution close to the first weeks', () => {
    const actual = countBy(rows, (r) => r.actual);
    const validated = [...actual.values()].reduce((a, b) => a + b, 0);
    expect([...actual.keys()].sort()).toEqual(DEMO_CLASSES.map((c) => c.label).sort());
    const shares = [...actual.values()].map((n) => share(n, validated));
    expect(Math.max(...shares) / Math.min(...shares)).toBeGreaterThan(4);
    for (const c of DEMO_CLASSES)
      expect(Math.abs(share(actual.get(c.label) ?? 0, validated) - c.share)).toBeLessThan(0.01);

    const firstWeeks = countBy(
      rows.filter((r) => r.predictedAt.getTime() < demo.start.getTime() + 21 * DAY),
      (r) => r.actual,
    );
    const firstTotal = [...firstWeeks.values()].reduce((a, b) => a + b, 0);
    const trainingTotal = demo.training.reduce((a, c) => a + c.count, 0);
    expect(demo.training.map((c) => c.label).sort()).toEqual([...firstWeeks.keys()].sort());
    for (const c of demo.training)
      expect(Math.abs(share(c.count, trainingTotal) - share(firstWeeks.get(c.label) ?? 0, firstTotal))).toBeLessThan(
        0.02,
      );
  });

  test('most predictions are validated hours to days later, none after now', () => {
    const old = rows.filter((r) => r.predictedAt.getTime() < now.getTime() - 30 * DAY);
    expect(share(old.filter((r) => r.actual !== null).length, old.length)).toBeGreaterThan(0.75);
    const validated = rows.filter((r) => r.validatedAt !== null);
    const delays = validated
      .map((r) => ((r.validatedAt as Date).getTime() - r.predictedAt.getTime()) / HOUR)
      .sort((a, b) => a - b);
    expect(delays[0]).toBeGreaterThan(0);
    expect(delays[Math.floor(delays.length / 2)]).toBeGreaterThan(3);
    expect(delays[Math.floor(delays.length / 2)]).toBeLessThan(72);
    expect(delays[Math.floor(delays.length * 0.95)]).toBeGreaterThan(24);
    expect(validated.every((r) => (r.validatedAt as Date) <= now && r.actual !== null)).toBe(true);
    expect(rows.filter((r) => r.actual === null).every((r) => r.validatedAt === null)).toBe(true);
    // Yesterday's predictions are mostly still waiting for their label.
    const lastDay = rows.filter((r) => r.predictedAt.getTime() >= now.getTime() - DAY);
    expect(share(lastDay.filter((r) => r.actual !== null).length, lastDay.length)).toBeLessThan(0.5);
  });

  test('confidences lie in [0, 1] and are higher when the model is right', () => {
    expect(rows.every((r) => r.confidence !== null && r.confidence >= 0 && r.confidence <= 1)).toBe(true);
    const validated = rows.filter((r) => r.actual !== null);
    const meanOf = (xs: PredictionRow[]) => xs.reduce((a, r) => a + (r.confidence ?? 0), 0) / xs.length;
    expect(
      meanOf(validated.filter((r) => r.actual === r.predicted)) -
        meanOf(validated.filter((r) => r.actual !== r.predicted)),
    ).toBeGreaterThan(0.15);
  });

  test('one class degrades in the last two weeks: its recall drops, the predicted mix shifts a little', () => {
    const cut = now.getTime() - DEGRADATION.lastDays * DAY;
    expect(demo.degradedFrom).toEqual(new Date(cut));
    expect(cut).toBeGreaterThanOrEqual(now.getTime() - 14 * DAY);
    const before = rows.filter((r) => r.predictedAt.getTime() < cut);
    const after = rows.filter((r) => r.predictedAt.getTime() >= cut);
    // The fall takes DEGRADATION.rampDays; after it the class is as bad as it gets.
    const degraded = rows.filter((r) => r.predictedAt.getTime() >= cut + DEGRADATION.rampDays * DAY);
    const label = demo.degradedLabel;
    expect(recallOf(before, label) - recallOf(degraded, label)).toBeGreaterThan(0.2);
    for (const other of DEMO_CLASSES.filter((c) => c.label !== label)) {
      expect(Math.abs(recallOf(before, other.label) - recallOf(after, other.label))).toBeLessThan(0.03);
    }
    const predictedShare = (items: PredictionRow[]) =>
      share(items.filter((r) => r.predicted === label).length, items.length);
    const drop = predictedShare(before) - predictedShare(degraded);
    expect(drop).toBeGreaterThan(0.01);
    expect(drop).toBeLessThan(0.06);
  });
});
