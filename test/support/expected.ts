// Expected values worked out the slow, obvious way from plain rows, from scikit-learn's definitions
// (accuracy_score; precision_recall_fscore_support with zero_division=0, per class, macro,
// weighted and micro). Nothing here calls the server's metric, tally or grid code, so a bug there
// cannot agree with itself; test/unit/expected.test.ts checks this file against scikit-learn.
import { expect } from 'vitest';
import type { MetricValues } from '../../server/core/metrics.js';
import type { Tally } from '../../server/core/tally.js';

export interface PlainRow {
  predictedAt: Date;
  predicted: string;
  actual: string | null;
}

interface Pair {
  actual: string;
  predicted: string;
}

/** scipy.stats.norm.ppf(0.975): the z of a two-sided 95% interval. */
const Z = 1.959963984540054;

/** The Wilson score interval as written in textbooks (Wilson 1927); null without observations. */
export function naiveWilson(successes: number, n: number): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = successes / n;
  const middle = p + (Z * Z) / (2 * n);
  const spread = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  const scale = 1 + (Z * Z) / n;
  return { low: (middle - spread) / scale, high: (middle + spread) / scale };
}

export interface NaiveClass {
  label: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  support: number;
  predicted: number;
  /** null where scikit-learn falls back to zero_division (a zero denominator). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

const divide = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;
const total = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** One class per label seen as actual or predicted (in no particular order), its counts taken row by row. */
export function naiveClasses(pairs: Pair[]): NaiveClass[] {
  const labels = new Set(pairs.flatMap((p) => [p.actual, p.predicted]));
  return [...labels].map((label) => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const p of pairs) {
      if (p.actual === label && p.predicted === label) truePositives++;
      else if (p.predicted === label) falsePositives++;
      else if (p.actual === label) falseNegatives++;
    }
    return {
      label,
      truePositives,
      falsePositives,
      falseNegatives,
      support: truePositives + falseNegatives,
      predicted: truePositives + falsePositives,
      precision: divide(truePositives, truePositives + falsePositives),
      recall: divide(truePositives, truePositives + falseNegatives),
      // scikit-learn's F1 is 2tp / (2tp + fp + fn), not the harmonic mean of rounded P and R.
      f1: divide(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
    };
  });
}

/** The metrics of the rows predicted in [start, end): every value null when none is validated. */
export function expectedValues(rows: PlainRow[], start: Date, end: Date): MetricValues {
  const inside = rows.filter((r) => r.predictedAt >= start && r.predictedAt < end);
  const pairs: Pair[] = inside.flatMap((r) =>
    r.actual === null ? [] : [{ actual: r.actual, predicted: r.predicted }],
  );
  return naiveValues(pairs, inside.length);
}

/** `predictions` counts the unvalidated rows too; `pairs` are the validated ones. */
export function naiveValues(pairs: Pair[], predictions: number): MetricValues {
  const n = pairs.length;
  const classes = naiveClasses(pairs);
  const correct = pairs.filter((p) => p.actual === p.predicted).length;
  const interval = naiveWilson(correct, n);
  // zero_division=0: an undefined class value counts as 0 in every average.
  const macro = (value: (c: NaiveClass) => number | null) =>
    n === 0 ? null : total(classes.map((c) => value(c) ?? 0)) / classes.length;
  const weighted = (value: (c: NaiveClass) => number | null) =>
    n === 0 ? null : total(classes.map((c) => (value(c) ?? 0) * c.support)) / n;
  // Micro: the counts summed over the classes first, then divided.
  const tp = total(classes.map((c) => c.truePositives));
  const fp = total(classes.map((c) => c.falsePositives));
  const fn = total(classes.map((c) => c.falseNegatives));
  return {
    predictions,
    validated: n,
    accuracy: divide(correct, n),
    accuracyLow: interval?.low ?? null,
    accuracyHigh: interval?.high ?? null,
    precision: macro((c) => c.precision),
    recall: macro((c) => c.recall),
    f1: macro((c) => c.f1),
    weightedPrecision: weighted((c) => c.precision),
    weightedRecall: weighted((c) => c.recall),
    weightedF1: weighted((c) => c.f1),
    microPrecision: divide(tp, tp + fp),
    microRecall: divide(tp, tp + fn),
    microF1: divide(2 * tp, 2 * tp + fp + fn),
  };
}

/**
 * Server values against naive ones: counts and nulls exactly, fractions to 12 digits (the two sum
 * in different orders, so the last bits may differ).
 */
export function expectValuesClose(actual: Record<string, number | null>, expected: MetricValues, what: string): void {
  expect(Object.keys(actual).sort(), what).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) {
    if (value === null || key === 'predictions' || key === 'validated')
      expect(actual[key], `${what} ${key}`).toBe(value);
    else expect(actual[key], `${what} ${key}`).toBeCloseTo(value, 12);
  }
}

export interface TallyRow extends PlainRow {
  confidence: number | null;
  scores?: { label: string; score: number }[] | null;
}

/** The storage format's fixed points: 100 equal confidence bins over [0, 1] (1 in the last), sums in millionths. */
const binOf = (confidence: number): number => Math.min(99, Math.floor(confidence * 100));
const micros = (x: number): number => Math.round(x * 1_000_000);

function countInto<K>(map: Map<K, number>, key: K, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function nested<K, L>(map: Map<K, Map<L, number>>, key: K): Map<L, number> {
  const inner = map.get(key) ?? new Map<L, number>();
  map.set(key, inner);
  return inner;
}

/** What a rollup block of these rows must hold, each field taken from its definition in Tally's doc. */
export function naiveTally(rows: TallyRow[]): Tally {
  const times = rows.map((r) => r.predictedAt.getTime());
  const validated = rows.filter((r) => r.actual !== null);
  const tally: Tally = {
    predictions: rows.length,
    validated: validated.length,
    firstAt: rows.length === 0 ? null : new Date(times.reduce((a, b) => Math.min(a, b))),
    lastAt: rows.length === 0 ? null : new Date(times.reduce((a, b) => Math.max(a, b))),
    predicted: new Map(),
    cells: new Map(),
    confidence: new Map(),
    reliability: new Map(),
    scoredBins: new Map(),
    scoreSums: new Map(),
  };
  for (const r of rows) countInto(tally.predicted, r.predicted, 1);
  for (const r of validated) countInto(nested(tally.cells, r.actual), r.predicted, 1);
  for (const r of rows) if (r.confidence !== null) countInto(tally.confidence, binOf(r.confidence), 1);
  for (const r of validated) {
    if (r.confidence === null) continue;
    const bin = binOf(r.confidence);
    const seen = tally.reliability.get(bin) ?? { validated: 0, correct: 0, confidenceMicros: 0 };
    tally.reliability.set(bin, {
      validated: seen.validated + 1,
      correct: seen.correct + (r.actual === r.predicted ? 1 : 0),
      confidenceMicros: seen.confidenceMicros + micros(r.confidence),
    });
  }
  // Scores are only binned with a confidence to bin them by.
  for (const r of rows) {
    if (r.confidence === null || !r.scores) continue;
    countInto(nested(tally.scoredBins, r.predicted), binOf(r.confidence), 1);
    for (const s of r.scores)
      if (s.label !== r.predicted && s.score > 0)
        countInto(nested(tally.scoreSums, r.predicted), s.label, micros(s.score));
  }
  return tally;
}
