// Additive counts of a set of predictions: what a rollup stores and what metrics are computed from.
import type { PredictionRow } from './prediction.js';

/** Confidence is kept as a histogram of equal bins over [0, 1]; bin i holds [i/B, (i+1)/B), the last also 1. */
export const CONFIDENCE_BINS = 100;

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
}

export function emptyTally(): Tally {
  return { predictions: 0, validated: 0, firstAt: null, lastAt: null, predicted: new Map(), cells: new Map(), confidence: new Map() };
}

export function confidenceBin(confidence: number): number {
  return Math.min(CONFIDENCE_BINS - 1, Math.floor(confidence * CONFIDENCE_BINS));
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
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

export function addRow(tally: Tally, row: Pick<PredictionRow, 'predictedAt' | 'predicted' | 'confidence' | 'actual'>): void {
  tally.predictions += 1;
  tally.firstAt = earliest(tally.firstAt, row.predictedAt);
  tally.lastAt = latest(tally.lastAt, row.predictedAt);
  bump(tally.predicted, row.predicted, 1);
  if (row.confidence !== null) bump(tally.confidence, confidenceBin(row.confidence), 1);
  if (row.actual !== null) {
    tally.validated += 1;
    let byPredicted = tally.cells.get(row.actual);
    if (!byPredicted) tally.cells.set(row.actual, (byPredicted = new Map()));
    bump(byPredicted, row.predicted, 1);
  }
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
  for (const [actual, byPredicted] of from.cells) {
    let target = into.cells.get(actual);
    if (!target) into.cells.set(actual, (target = new Map()));
    for (const [predicted, n] of byPredicted) bump(target, predicted, n);
  }
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
