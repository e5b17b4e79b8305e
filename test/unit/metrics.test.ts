import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classMetrics,
  compareLabels,
  confusionMatrix,
  metricValues,
  wilsonInterval,
  type ClassMetrics,
} from '../../server/core/metrics.js';

type Cell = { actual: string; predicted: string; count: number };

/** Cells for one row per (actual, predicted) pair. */
const rows = (pairs: [string, string][]): Cell[] =>
  pairs.map(([actual, predicted]) => ({ actual, predicted, count: 1 }));

describe('confusionMatrix', () => {
  it('sums repeated pairs, orders labels and skips zero-count cells', () => {
    const cm = confusionMatrix([
      { actual: 'dog', predicted: 'cat', count: 2 },
      { actual: 'cat', predicted: 'cat', count: 5 },
      { actual: 'dog', predicted: 'cat', count: 1 },
      { actual: 'cat', predicted: 'bird', count: 0 },
    ]);
    expect(cm).toEqual({
      labels: ['cat', 'dog'],
      counts: [
        [5, 0],
        [3, 0],
      ],
    });
  });

  it('is empty without cells', () => {
    expect(confusionMatrix([])).toEqual({ labels: [], counts: [] });
  });

  it('keeps arbitrary label strings as plain data, in code-point order', () => {
    const labels = ['🦜', '\uff61', 'ñandú', 'constructor', 'a.b', 'a b', '__proto__', '$x', ''];
    const cm = confusionMatrix(labels.map((label, i) => ({ actual: label, predicted: label, count: i + 1 })));
    // '' < '$'(24) < '_'(5F) < 'a b' (space 20 < '.' 2E) < 'c'(63) < 'ñ'(F1) < U+FF61 < U+1F99C
    expect(cm.labels).toEqual(['', '$x', '__proto__', 'a b', 'a.b', 'constructor', 'ñandú', '\uff61', '🦜']);
    expect(cm.labels.map((label, i) => cm.counts[i][i])).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('rejects counts that are not non-negative integers', () => {
    for (const count of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => confusionMatrix([{ actual: 'a', predicted: 'a', count }])).toThrow(RangeError);
    }
  });
});

describe('compareLabels', () => {
  it('orders by code point where UTF-16 code units disagree', () => {
    // U+FF61 is one unit 0xFF61; U+1F99C is the pair 0xD83E 0xDD9C, which the default sort puts first.
    expect(['🦜', '\uff61'].sort()).toEqual(['🦜', '\uff61']);
    expect(['🦜', '\uff61'].sort(compareLabels)).toEqual(['\uff61', '🦜']);
    expect(['b', 'ab', 'a', 'B', '10', '9'].sort(compareLabels)).toEqual(['10', '9', 'B', 'a', 'ab', 'b']);
    expect(compareLabels('🦜', '🦜')).toBe(0);
    expect(compareLabels('🦜', '🦝')).toBeLessThan(0);
  });
});

describe('classMetrics and metricValues, worked by hand', () => {
  // actual\pred   a  b  c | support
  //   a           3  1  0 |  4
  //   b           1  2  1 |  4
  //   c           0  0  2 |  2
  //   predicted   4  3  3 | 10 rows, 7 correct
  const cm = {
    labels: ['a', 'b', 'c'],
    counts: [
      [3, 1, 0],
      [1, 2, 1],
      [0, 0, 2],
    ],
  };

  it('computes per-class precision, recall and F1 = 2tp / (support + predicted)', () => {
    expect(classMetrics(cm)).toMatchObject<Partial<ClassMetrics>[]>([
      { label: 'a', support: 4, predicted: 4, precision: 3 / 4, recall: 3 / 4, f1: 6 / 8 },
      { label: 'b', support: 4, predicted: 3, precision: 2 / 3, recall: 2 / 4, f1: 4 / 7 },
      { label: 'c', support: 2, predicted: 3, precision: 2 / 3, recall: 2 / 2, f1: 4 / 5 },
    ]);
  });

  it('bounds per-class precision and recall with 95% Wilson intervals', () => {
    const [a, b] = classMetrics(cm);
    // a: precision 3/4, recall 3/4; b: precision 2/3, recall 2/4 (statsmodels proportion_confint, method='wilson').
    expect([a.precisionLow, a.precisionHigh]).toEqual([wilsonInterval(3, 4)!.low, wilsonInterval(3, 4)!.high]);
    expect(a.precisionLow).toBeCloseTo(0.3006, 4);
    expect(a.precisionHigh).toBeCloseTo(0.9544, 4);
    expect([b.recallLow, b.recallHigh]).toEqual([wilsonInterval(2, 4)!.low, wilsonInterval(2, 4)!.high]);
    expect(b.recallLow).toBeCloseTo(0.15, 4);
    expect(b.recallHigh).toBeCloseTo(0.85, 4);
  });

  it('micro averages equal accuracy for single-label data, as scikit-learn computes them', () => {
    const m = metricValues(cm, 13);
    expect([m.microPrecision, m.microRecall, m.microF1]).toEqual([0.7, 0.7, 0.7]);
  });

  it('averages over classes and by support', () => {
    const m = metricValues(cm, 13);
    expect(m.predictions).toBe(13);
    expect(m.validated).toBe(10);
    expect(m.accuracy).toBe(0.7);
    // macro P = (3/4 + 2/3 + 2/3) / 3 = (27 + 24 + 24) / 108 = 25/36
    expect(m.precision).toBeCloseTo(25 / 36, 15);
    // macro R = (3/4 + 1/2 + 1) / 3 = 3/4
    expect(m.recall).toBeCloseTo(3 / 4, 15);
    // macro F1 = (3/4 + 4/7 + 4/5) / 3 = (105 + 80 + 112) / 140 / 3 = 99/140
    expect(m.f1).toBeCloseTo(99 / 140, 15);
    // weighted P = (3/4·4 + 2/3·4 + 2/3·2) / 10 = (3 + 4) / 10
    expect(m.weightedPrecision).toBeCloseTo(0.7, 15);
    // weighted R = (3 + 2 + 2) / 10: always equals accuracy
    expect(m.weightedRecall).toBeCloseTo(0.7, 15);
    // weighted F1 = (3/4·4 + 4/7·4 + 4/5·2) / 10 = (3 + 16/7 + 8/5) / 10 = 241/350
    expect(m.weightedF1).toBeCloseTo(241 / 350, 15);
    // Wilson 7/10 at 95%: 0.3968 – 0.8922
    expect(m.accuracyLow).toBeCloseTo(0.3968, 4);
    expect(m.accuracyHigh).toBeCloseTo(0.8922, 4);
  });

  it('leaves precision null for a class only predicted, yet counts it as 0 in the averages', () => {
    // actual a a b b / predicted a c b c: c has support 0 and 2 predictions, none right.
    const m = confusionMatrix(
      rows([
        ['a', 'a'],
        ['a', 'c'],
        ['b', 'b'],
        ['b', 'c'],
      ]),
    );
    expect(classMetrics(m)).toMatchObject<Partial<ClassMetrics>[]>([
      { label: 'a', support: 2, predicted: 1, precision: 1, recall: 1 / 2, f1: 2 / 3 },
      { label: 'b', support: 2, predicted: 1, precision: 1, recall: 1 / 2, f1: 2 / 3 },
      { label: 'c', support: 0, predicted: 2, precision: 0, recall: null, f1: 0 },
    ]);
    const v = metricValues(m, 4);
    expect(v.accuracy).toBe(0.5);
    expect(v.precision).toBeCloseTo(2 / 3, 15); // (1 + 1 + 0) / 3
    expect(v.recall).toBeCloseTo(1 / 3, 15); // (1/2 + 1/2 + 0) / 3: null recall counts as 0
    expect(v.f1).toBeCloseTo(4 / 9, 15); // (2/3 + 2/3 + 0) / 3
    expect(v.weightedPrecision).toBe(1); // (1·2 + 1·2 + 0·0) / 4
    expect(v.weightedRecall).toBe(0.5);
    expect(v.weightedF1).toBeCloseTo(2 / 3, 15);
  });

  it('leaves precision null for a class never predicted, with recall 0', () => {
    // actual a b c c / predicted a b a b: c was never predicted.
    const m = confusionMatrix(
      rows([
        ['a', 'a'],
        ['b', 'b'],
        ['c', 'a'],
        ['c', 'b'],
      ]),
    );
    expect(classMetrics(m)).toMatchObject<Partial<ClassMetrics>[]>([
      { label: 'a', support: 1, predicted: 2, precision: 1 / 2, recall: 1, f1: 2 / 3 },
      { label: 'b', support: 1, predicted: 2, precision: 1 / 2, recall: 1, f1: 2 / 3 },
      { label: 'c', support: 2, predicted: 0, precision: null, recall: 0, f1: 0 },
    ]);
    const v = metricValues(m, 4);
    expect(v.precision).toBeCloseTo(1 / 3, 15); // (1/2 + 1/2 + 0) / 3
    expect(v.recall).toBeCloseTo(2 / 3, 15); // (1 + 1 + 0) / 3
    expect(v.f1).toBeCloseTo(4 / 9, 15);
    expect(v.weightedPrecision).toBe(0.25); // (1/2·1 + 1/2·1 + 0·2) / 4
    expect(v.weightedRecall).toBe(0.5);
    expect(v.weightedF1).toBeCloseTo(1 / 3, 15); // (2/3 + 2/3) / 4
  });

  it('scores a single class that is always right as perfect', () => {
    const v = metricValues(confusionMatrix([{ actual: 'only', predicted: 'only', count: 5 }]), 5);
    expect(v).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1, weightedF1: 1, accuracyHigh: 1 });
    // Wilson 5/5: low = n / (n + z²) = 5 / 8.8415 = 0.5655
    expect(v.accuracyLow).toBeCloseTo(0.5655, 4);
  });

  it('scores 0, not null, when every prediction is wrong', () => {
    const m = confusionMatrix([{ actual: 'a', predicted: 'b', count: 5 }]);
    expect(classMetrics(m)).toMatchObject<Partial<ClassMetrics>[]>([
      { label: 'a', support: 5, predicted: 0, precision: null, recall: 0, f1: 0 },
      { label: 'b', support: 0, predicted: 5, precision: 0, recall: null, f1: 0 },
    ]);
    expect(metricValues(m, 5)).toMatchObject({
      accuracy: 0,
      precision: 0,
      recall: 0,
      f1: 0,
      weightedPrecision: 0,
      weightedRecall: 0,
      weightedF1: 0,
    });
  });

  it('leaves every value null for a label no row carries, counting it as 0 in macro averages', () => {
    // Only a hand-built matrix can hold such a label; sklearn does the same given labels=['a', 'z'].
    const m = {
      labels: ['a', 'z'],
      counts: [
        [2, 0],
        [0, 0],
      ],
    };
    expect(classMetrics(m)[1]).toEqual({
      label: 'z',
      support: 0,
      predicted: 0,
      precision: null,
      precisionLow: null,
      precisionHigh: null,
      recall: null,
      recallLow: null,
      recallHigh: null,
      f1: null,
    });
    expect(metricValues(m, 2)).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, weightedF1: 1 });
  });

  it('reports no data (null), not 0, when nothing is validated', () => {
    for (const cm0 of [confusionMatrix([]), { labels: ['a'], counts: [[0]] }]) {
      expect(metricValues(cm0, 12)).toEqual({
        predictions: 12,
        validated: 0,
        accuracy: null,
        accuracyLow: null,
        accuracyHigh: null,
        precision: null,
        recall: null,
        f1: null,
        weightedPrecision: null,
        weightedRecall: null,
        weightedF1: null,
        microPrecision: null,
        microRecall: null,
        microF1: null,
      });
    }
  });

  it('rejects inconsistent inputs', () => {
    expect(() => metricValues(cm, 9)).toThrow(/below the validated count/);
    expect(() => metricValues(cm, -1)).toThrow(RangeError);
    expect(() => classMetrics({ labels: ['a', 'b'], counts: [[1, 0]] })).toThrow(/2×2/);
    expect(() =>
      classMetrics({
        labels: ['a', 'a'],
        counts: [
          [1, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/distinct/);
    expect(() => classMetrics({ labels: ['a'], counts: [[-2]] })).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  it("matches Newcombe (1998)'s published score intervals", () => {
    // Newcombe, Statistics in Medicine 17:857–872, Table II, method 3 (score, no continuity correction).
    const table: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [successes, n, low, high] of table) {
      const ci = wilsonInterval(successes, n);
      expect(ci?.low).toBeCloseTo(low, 4);
      expect(ci?.high).toBeCloseTo(high, 4);
    }
  });

  it('is null without observations and stays inside [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(0, 7)?.low).toBe(0);
    expect(wilsonInterval(7, 7)?.high).toBe(1);
  });

  it('mirrors around one half and widens with z', () => {
    const ci = wilsonInterval(3, 11)!;
    const mirror = wilsonInterval(8, 11)!;
    expect(ci.low).toBeCloseTo(1 - mirror.high, 15);
    expect(ci.high).toBeCloseTo(1 - mirror.low, 15);
    const ci99 = wilsonInterval(3, 11, 2.5758293035489004)!;
    expect(ci99.low).toBeLessThan(ci.low);
    expect(ci99.high).toBeGreaterThan(ci.high);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 0)).toThrow(RangeError);
  });
});

interface SklearnClass {
  label: string;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
  zeroDivision: { precision: boolean; recall: boolean; f1: boolean };
}
interface Averages {
  precision: number;
  recall: number;
  f1: number;
}
interface SklearnCase {
  name: string;
  cells: Cell[];
  labels: string[];
  rows: number;
  correct: number;
  accuracy: number;
  wilson: { low: number; high: number };
  perClass: SklearnClass[];
  macro: Averages;
  weighted: Averages;
}
interface Fixture {
  versions: { sklearn: string };
  z: number;
  cases: SklearnCase[];
  wilson: { successes: number; n: number; low: number; high: number }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/sklearn/metrics.json', import.meta.url), 'utf8'),
) as Fixture;
const TOLERANCE_DIGITS = 12; // toBeCloseTo(x, 12): |difference| < 5e-13

describe(`agreement with scikit-learn ${fixture.versions.sklearn} (test/fixtures/sklearn)`, () => {
  it('has the fixture cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, expected) => {
    const cm = confusionMatrix(expected.cells);
    expect(cm.labels).toEqual(expected.labels);

    const classes = classMetrics(cm);
    expect(classes.map((c) => c.label)).toEqual(expected.perClass.map((c) => c.label));
    classes.forEach((actual, i) => {
      const sk = expected.perClass[i];
      expect(actual.support).toBe(sk.support);
      expect(actual.predicted).toBe(sk.predicted);
      for (const key of ['precision', 'recall', 'f1'] as const) {
        if (sk.zeroDivision[key]) expect(actual[key], `${sk.label} ${key}`).toBeNull();
        else expect(actual[key], `${sk.label} ${key}`).toBeCloseTo(sk[key], TOLERANCE_DIGITS);
      }
    });

    const unvalidated = 3;
    const m = metricValues(cm, expected.rows + unvalidated);
    expect(m.predictions).toBe(expected.rows + unvalidated);
    expect(m.validated).toBe(expected.rows);
    const pairs: [number | null, number][] = [
      [m.accuracy, expected.accuracy],
      [m.accuracyLow, expected.wilson.low],
      [m.accuracyHigh, expected.wilson.high],
      [m.precision, expected.macro.precision],
      [m.recall, expected.macro.recall],
      [m.f1, expected.macro.f1],
      [m.weightedPrecision, expected.weighted.precision],
      [m.weightedRecall, expected.weighted.recall],
      [m.weightedF1, expected.weighted.f1],
    ];
    for (const [actual, sk] of pairs) expect(actual).toBeCloseTo(sk, TOLERANCE_DIGITS);
  });

  it('computes the Wilson intervals of the fixture', () => {
    for (const { successes, n, low, high } of fixture.wilson) {
      const ci = wilsonInterval(successes, n, fixture.z);
      expect(ci?.low, `${successes}/${n}`).toBeCloseTo(low, TOLERANCE_DIGITS);
      expect(ci?.high, `${successes}/${n}`).toBeCloseTo(high, TOLERANCE_DIGITS);
    }
  });
});
