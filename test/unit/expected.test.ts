// The naive expectations of test/support are themselves checked here: against scikit-learn's
// answers (test/fixtures/sklearn/metrics.json) and against cases worked by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedValues, naiveClasses, naiveTally, naiveValues, naiveWilson } from '../support/expected.js';
import { naiveBuckets } from '../support/naive-calendar.js';

interface Cell {
  actual: string;
  predicted: string;
  count: number;
}
interface Averages {
  precision: number;
  recall: number;
  f1: number;
}
interface SklearnCase {
  name: string;
  cells: Cell[];
  rows: number;
  accuracy: number;
  wilson: { low: number; high: number };
  perClass: {
    label: string;
    support: number;
    predicted: number;
    precision: number;
    recall: number;
    f1: number;
    zeroDivision: Record<'precision' | 'recall' | 'f1', boolean>;
  }[];
  macro: Averages;
  weighted: Averages;
}
interface Fixture {
  cases: SklearnCase[];
  wilson: { successes: number; n: number; low: number; high: number }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/sklearn/metrics.json', import.meta.url), 'utf8'),
) as Fixture;
const expand = (cells: Cell[]) =>
  cells.flatMap((c) => Array.from({ length: c.count }, () => ({ actual: c.actual, predicted: c.predicted })));
const pairs = (actual: string, predicted: string) =>
  [...actual].map((a, i) => ({ actual: a, predicted: predicted[i] }));

describe('naive metrics agree with scikit-learn (test/fixtures/sklearn)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, sk) => {
    const rows = expand(sk.cells);
    const classes = new Map(naiveClasses(rows).map((c) => [c.label, c]));
    expect([...classes.keys()].sort()).toEqual(sk.perClass.map((c) => c.label).sort());
    for (const expected of sk.perClass) {
      const mine = classes.get(expected.label)!;
      expect([mine.support, mine.predicted], expected.label).toEqual([expected.support, expected.predicted]);
      for (const key of ['precision', 'recall', 'f1'] as const) {
        if (expected.zeroDivision[key]) expect(mine[key], `${expected.label} ${key}`).toBeNull();
        else expect(mine[key], `${expected.label} ${key}`).toBeCloseTo(expected[key], 12);
      }
    }
    const v = naiveValues(rows, rows.length + 2);
    expect([v.predictions, v.validated]).toEqual([sk.rows + 2, sk.rows]);
    const checks: [number | null, number][] = [
      [v.accuracy, sk.accuracy],
      [v.accuracyLow, sk.wilson.low],
      [v.accuracyHigh, sk.wilson.high],
      [v.precision, sk.macro.precision],
      [v.recall, sk.macro.recall],
      [v.f1, sk.macro.f1],
      [v.weightedPrecision, sk.weighted.precision],
      [v.weightedRecall, sk.weighted.recall],
      [v.weightedF1, sk.weighted.f1],
      // Single-label data: scikit-learn's micro averages all equal accuracy.
      [v.microPrecision, sk.accuracy],
      [v.microRecall, sk.accuracy],
      [v.microF1, sk.accuracy],
    ];
    for (const [mine, theirs] of checks) expect(mine).toBeCloseTo(theirs, 12);
  });

  it('Wilson intervals', () => {
    for (const { successes, n, low, high } of fixture.wilson) {
      expect(naiveWilson(successes, n)?.low, `${successes}/${n}`).toBeCloseTo(low, 12);
      expect(naiveWilson(successes, n)?.high, `${successes}/${n}`).toBeCloseTo(high, 12);
    }
    expect(naiveWilson(0, 0)).toBeNull();
  });
});

describe('naive metrics, worked by hand', () => {
  it('a 3-class matrix (scikit-learn 1.9.1 gives the same)', () => {
    // actual\pred  a b c
    //   a          3 1 0
    //   b          1 2 1
    //   c          0 0 2      10 validated, 7 right
    const v = naiveValues(pairs('aaaabbbbcc', 'aaababbccc'), 13);
    expect(v.predictions).toBe(13);
    expect(v.validated).toBe(10);
    expect(v.accuracy).toBe(0.7);
    expect(v.precision).toBeCloseTo(25 / 36, 15); // (3/4 + 2/3 + 2/3) / 3
    expect(v.recall).toBeCloseTo(3 / 4, 15); // (3/4 + 2/4 + 2/2) / 3
    expect(v.f1).toBeCloseTo(99 / 140, 15); // (6/8 + 4/7 + 4/5) / 3
    expect(v.weightedPrecision).toBeCloseTo(0.7, 15); // (3/4·4 + 2/3·4 + 2/3·2) / 10
    expect(v.weightedRecall).toBeCloseTo(0.7, 15);
    expect(v.weightedF1).toBeCloseTo(241 / 350, 15); // (6/8·4 + 4/7·4 + 4/5·2) / 10
    expect([v.microPrecision, v.microRecall, v.microF1]).toEqual([0.7, 0.7, 0.7]);
    // Newcombe (1998) style score interval of 7/10 at 95%.
    expect(v.accuracyLow).toBeCloseTo(0.3968, 4);
    expect(v.accuracyHigh).toBeCloseTo(0.8922, 4);
  });

  it('a class only predicted counts 0 in the averages (zero_division=0)', () => {
    // actual a a b b, predicted a c b c: c has no support; its recall is undefined, its precision 0/2.
    const v = naiveValues(pairs('aabb', 'acbc'), 4);
    expect(naiveClasses(pairs('aabb', 'acbc')).find((c) => c.label === 'c')).toMatchObject({
      support: 0,
      predicted: 2,
      precision: 0,
      recall: null,
      f1: 0,
    });
    expect(v.accuracy).toBe(0.5);
    expect(v.precision).toBeCloseTo(2 / 3, 15); // (1 + 1 + 0) / 3
    expect(v.recall).toBeCloseTo(1 / 3, 15); // (1/2 + 1/2 + 0) / 3
    expect(v.f1).toBeCloseTo(4 / 9, 15); // (2/3 + 2/3 + 0) / 3
    expect(v.weightedPrecision).toBe(1);
    expect([v.microPrecision, v.microRecall, v.microF1]).toEqual([0.5, 0.5, 0.5]);
  });

  it('nothing validated is no data: null, not 0', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const v = expectedValues([{ predictedAt: at, predicted: 'a', actual: null }], at, new Date(at.getTime() + 1));
    expect(v).toEqual({
      predictions: 1,
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
  });

  it('expectedValues takes the rows of [start, end) only', () => {
    const t = (iso: string) => new Date(`2026-03-01T${iso}Z`);
    const rows = [
      { predictedAt: t('09:59:59.999'), predicted: 'a', actual: 'b' },
      { predictedAt: t('10:00:00'), predicted: 'a', actual: 'a' },
      { predictedAt: t('10:59:59.999'), predicted: 'b', actual: null },
      { predictedAt: t('11:00:00'), predicted: 'a', actual: 'b' },
    ];
    expect(expectedValues(rows, t('10:00:00'), t('11:00:00'))).toMatchObject({
      predictions: 2,
      validated: 1,
      accuracy: 1,
    });
  });
});

describe('naiveTally, worked by hand', () => {
  it('counts each field of a block from its rows', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute));
    const tally = naiveTally([
      {
        predictedAt: at(5),
        predicted: 'a',
        actual: 'a',
        confidence: 0.905,
        scores: [
          { label: 'a', score: 0.905 },
          { label: 'b', score: 0.095 },
        ],
      },
      { predictedAt: at(1), predicted: 'a', actual: 'b', confidence: 0.9 },
      { predictedAt: at(9), predicted: 'b', actual: null, confidence: 1 },
      { predictedAt: at(3), predicted: 'b', actual: 'b', confidence: null, scores: [{ label: 'a', score: 0.5 }] },
    ]);
    expect(tally).toEqual({
      predictions: 4,
      validated: 3,
      firstAt: at(1),
      lastAt: at(9),
      predicted: new Map([
        ['a', 2],
        ['b', 2],
      ]),
      cells: new Map([
        ['a', new Map([['a', 1]])],
        [
          'b',
          new Map([
            ['a', 1],
            ['b', 1],
          ]),
        ],
      ]),
      // 0.905 and 0.9 share bin 90; a confidence of 1 is in the last bin, 99.
      confidence: new Map([
        [90, 2],
        [99, 1],
      ]),
      reliability: new Map([[90, { validated: 2, correct: 1, confidenceMicros: 905_000 + 900_000 }]]),
      // Scores without a confidence have no bin and are left out.
      scoredBins: new Map([['a', new Map([[90, 1]])]]),
      scoreSums: new Map([['a', new Map([['b', 95_000]])]]),
    });
  });
});

describe('naiveBuckets, worked by hand', () => {
  const iso = (buckets: { start: Date; end: Date }[]) =>
    buckets.map((b) => [b.start.toISOString(), b.end.toISOString()]);

  it('New York days around the spring change: 8 March 2026 has 23 hours', () => {
    expect(
      iso(naiveBuckets(new Date('2026-03-07T12:00:00Z'), new Date('2026-03-09T12:00:00Z'), 'DAY', 'America/New_York')),
    ).toEqual([
      ['2026-03-07T12:00:00.000Z', '2026-03-08T05:00:00.000Z'], // midnight EST is 05:00Z
      ['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'], // midnight EDT is 04:00Z
      ['2026-03-09T04:00:00.000Z', '2026-03-09T12:00:00.000Z'],
    ]);
  });

  it('New York hours when clocks go back: 01:00 is two buckets, one per offset', () => {
    // 1 November 2026, 02:00 EDT (06:00Z) becomes 01:00 EST.
    expect(
      iso(naiveBuckets(new Date('2026-11-01T04:30:00Z'), new Date('2026-11-01T07:30:00Z'), 'HOUR', 'America/New_York')),
    ).toEqual([
      ['2026-11-01T04:30:00.000Z', '2026-11-01T05:00:00.000Z'], // 00:30-01:00 EDT
      ['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z'], // 01:00 EDT
      ['2026-11-01T06:00:00.000Z', '2026-11-01T07:00:00.000Z'], // 01:00 EST
      ['2026-11-01T07:00:00.000Z', '2026-11-01T07:30:00.000Z'], // 02:00 EST
    ]);
  });

  it('Kathmandu (+05:45) days start at 18:15Z', () => {
    expect(
      iso(naiveBuckets(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-02T00:00:00Z'), 'DAY', 'Asia/Kathmandu')),
    ).toEqual([
      ['2026-03-01T00:00:00.000Z', '2026-03-01T18:15:00.000Z'],
      ['2026-03-01T18:15:00.000Z', '2026-03-02T00:00:00.000Z'],
    ]);
  });

  it('Berlin weeks start on Monday and months on the 1st, in local time', () => {
    // Sunday 1 March 2026; Monday 2 March 00:00 CET is 1 March 23:00Z; Monday 9 March likewise.
    expect(
      iso(naiveBuckets(new Date('2026-03-01T12:00:00Z'), new Date('2026-03-10T00:00:00Z'), 'WEEK', 'Europe/Berlin')),
    ).toEqual([
      ['2026-03-01T12:00:00.000Z', '2026-03-01T23:00:00.000Z'],
      ['2026-03-01T23:00:00.000Z', '2026-03-08T23:00:00.000Z'],
      ['2026-03-08T23:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ]);
    // Summer time since 29 March: 1 April 00:00 CEST is 31 March 22:00Z.
    expect(
      iso(naiveBuckets(new Date('2026-03-15T00:00:00Z'), new Date('2026-04-15T00:00:00Z'), 'MONTH', 'Europe/Berlin')),
    ).toEqual([
      ['2026-03-15T00:00:00.000Z', '2026-03-31T22:00:00.000Z'],
      ['2026-03-31T22:00:00.000Z', '2026-04-15T00:00:00.000Z'],
    ]);
  });

  it('a range inside one bucket is that bucket, clipped', () => {
    expect(
      iso(naiveBuckets(new Date('2026-03-05T00:00:00.001Z'), new Date('2026-03-05T00:14:59.999Z'), 'HOUR', 'UTC')),
    ).toEqual([['2026-03-05T00:00:00.001Z', '2026-03-05T00:14:59.999Z']]);
  });
});
