// Additive counts of a set of predictions: what a rollup stores and what metrics are computed from.
import type { PredictionRow } from './prediction.js';

/** Confidence is kept as a histogram of equal bins over [0, 1]; bin i holds [i/B, (i+1)/B), the last also 1. */
export const CONFIDENCE_BINS = 100;
/**
 * Sums of confidences and scores are kept in whole millionths: integer sums are exact in any
 * order, so a block merged from its children equals the block tallied from its rows.
 */
export const MICROS = 1_000_000;
export const toMicros = (x: number): number => Math.round(x * MICROS);

export interface Tally {
  predictions: number;
  validated: number;
  firstAt: Date | null;
  lastAt: Date | null;
  /** predicted label → predictions (validated or not) */
  predicted: Map<string, number>;
  /** actual label → predicted label → validated predictions */
  cells: Map<string, Map<string, number>>;
  /** sparse histogram: bin → predictions with that confidence */
  confidence: Map<number, number>;
  /** confidence bin → validated predictions with a confidence there: what calibration is fitted on */
  reliability: Map<number, Reliability>;
  /** predicted label → confidence bin → predictions with class scores (expected true positives) */
  scoredBins: Map<string, Map<number, number>>;
  /** predicted label → other class → sum of that class's score in millionths (where the expected errors go) */
  scoreSums: Map<string, Map<string, number>>;
}

/** One confidence bin of validated predictions: how many, how many were right, their confidence summed (millionths). */
export interface Reliability {
  validated: number;
  correct: number;
  confidenceMicros: number;
}

export function emptyTally(): Tally {
  return {
    predictions: 0,
    validated: 0,
    firstAt: null,
    lastAt: null,
    predicted: new Map(),
    cells: new Map(),
    confidence: new Map(),
    reliability: new Map(),
    scoredBins: new Map(),
    scoreSums: new Map(),
  };
}

export function confidenceBin(confidence: number): number {
  return Math.min(CONFIDENCE_BINS - 1, Math.floor(confidence * CONFIDENCE_BINS));
}

// A count taken back to zero (see relabel) is removed, so a tally never differs from the tally of
// its rows by empty entries.
function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

function bumpIn<K, L>(map: Map<K, Map<L, number>>, key: K, inner: L, by: number): void {
  let target = map.get(key);
  if (!target) map.set(key, (target = new Map<L, number>()));
  bump(target, inner, by);
  if (target.size === 0) map.delete(key);
}

function addReliability(map: Map<number, Reliability>, bin: number, r: Reliability): void {
  const seen = map.get(bin);
  if (!seen) map.set(bin, { ...r });
  else if (seen.validated + r.validated === 0) map.delete(bin);
  else
    map.set(bin, {
      validated: seen.validated + r.validated,
      correct: seen.correct + r.correct,
      confidenceMicros: seen.confidenceMicros + r.confidenceMicros,
    });
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a >= b ? a : b;
}

export function addRow(
  tally: Tally,
  row: Pick<PredictionRow, 'predictedAt' | 'predicted' | 'confidence' | 'actual' | 'scores'>,
): void {
  tally.predictions += 1;
  tally.firstAt = earliest(tally.firstAt, row.predictedAt);
  tally.lastAt = latest(tally.lastAt, row.predictedAt);
  bump(tally.predicted, row.predicted, 1);
  if (row.confidence !== null) {
    const bin = confidenceBin(row.confidence);
    bump(tally.confidence, bin, 1);
    if (row.scores) {
      bumpIn(tally.scoredBins, row.predicted, bin, 1);
      for (const s of row.scores)
        if (s.label !== row.predicted && s.score > 0)
          bumpIn(tally.scoreSums, row.predicted, s.label, toMicros(s.score));
    }
  }
  if (row.actual !== null) countValidation(tally, row, row.actual, 1);
}

/** Counts (by 1) or takes back (by -1) a row's validation with label `actual`. */
function countValidation(
  tally: Tally,
  row: Pick<PredictionRow, 'predicted' | 'confidence'>,
  actual: string,
  by: 1 | -1,
): void {
  tally.validated += by;
  bumpIn(tally.cells, actual, row.predicted, by);
  if (row.confidence !== null)
    addReliability(tally.reliability, confidenceBin(row.confidence), {
      validated: by,
      correct: actual === row.predicted ? by : 0,
      confidenceMicros: by * toMicros(row.confidence),
    });
}

/**
 * Changes the label of a row the tally counts (null: not validated), leaving the rest: the result
 * equals the tally of the same rows with that one relabeled. A validation needs no raw row read.
 */
export function relabel(
  tally: Tally,
  row: Pick<PredictionRow, 'predicted' | 'confidence'>,
  from: string | null,
  to: string | null,
): void {
  if (from === to) return;
  if (from !== null) countValidation(tally, row, from, -1);
  if (to !== null) countValidation(tally, row, to, 1);
}

export function tallyRows(rows: Iterable<Parameters<typeof addRow>[1]>): Tally {
  const tally = emptyTally();
  for (const row of rows) addRow(tally, row);
  return tally;
}

/** Adds `from` into `into` (mutates and returns `into`). */
export function mergeInto(into: Tally, from: Tally): Tally {
  into.predictions += from.predictions;
  into.validated += from.validated;
  into.firstAt = earliest(into.firstAt, from.firstAt);
  into.lastAt = latest(into.lastAt, from.lastAt);
  for (const [label, n] of from.predicted) bump(into.predicted, label, n);
  for (const [bin, n] of from.confidence) bump(into.confidence, bin, n);
  for (const [actual, byPredicted] of from.cells)
    for (const [predicted, n] of byPredicted) bumpIn(into.cells, actual, predicted, n);
  for (const [bin, r] of from.reliability) addReliability(into.reliability, bin, r);
  for (const [predicted, bins] of from.scoredBins)
    for (const [bin, n] of bins) bumpIn(into.scoredBins, predicted, bin, n);
  for (const [predicted, sums] of from.scoreSums)
    for (const [label, sum] of sums) bumpIn(into.scoreSums, predicted, label, sum);
  return into;
}

export function mergeAll(tallies: Iterable<Tally>): Tally {
  const total = emptyTally();
  for (const t of tallies) mergeInto(total, t);
  return total;
}

export function tallyCells(tally: Tally): { actual: string; predicted: string; count: number }[] {
  const cells: { actual: string; predicted: string; count: number }[] = [];
  for (const [actual, byPredicted] of tally.cells) {
    for (const [predicted, count] of byPredicted) cells.push({ actual, predicted, count });
  }
  return cells;
}

/** Validated predictions by true class. */
export function actualCounts(tally: Tally): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [actual, byPredicted] of tally.cells) {
    let n = 0;
    for (const c of byPredicted.values()) n += c;
    counts.set(actual, n);
  }
  return counts;
}
