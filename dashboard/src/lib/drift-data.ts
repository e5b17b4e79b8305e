// Drift query results → what the Drift tab's charts and data tables draw. No Chart.js here: plain data.
import type { DriftQuery, DriftReference, Granularity } from '../gql/graphql.js';
import { formatBucket } from './format.js';

export type DriftPoint = DriftQuery['drift'][number];
export type DriftSettings = DriftQuery['driftSettings'];

export const REFERENCE_LABELS: Record<DriftReference, string> = {
  TRAINING: 'Training distribution',
  BASELINE: 'Previous windows (baseline)',
};

export function isDriftReference(text: string | null | undefined): text is DriftReference {
  return text === 'TRAINING' || text === 'BASELINE';
}

/** One bucket as the charts draw it; null where a side had no data (a gap, never a zero). */
export interface DriftRow {
  label: string;
  psi: number | null;
  js: number | null;
  accuracy: number | null;
  baselineAccuracy: number | null;
  /** Accuracy minus the baseline windows' accuracy, in proportion units. */
  delta: number | null;
  /** Two-proportion z-test p-value of `delta`. */
  p: number | null;
  /** p below the configured level; null without a test. */
  significant: boolean | null;
  predictions: number;
  validated: number;
  /** The rules that fired for this bucket, as the `drift` query evaluates it. */
  psiFired: boolean;
  jsFired: boolean;
  accuracyFired: boolean;
}

export function driftRows(
  points: readonly DriftPoint[],
  settings: Pick<DriftSettings, 'pValue'>,
  granularity: Granularity,
  timeZone: string,
): DriftRow[] {
  return points.map((p) => ({
    label: formatBucket(p.start, granularity, timeZone),
    psi: p.psi,
    js: p.jsDistance,
    accuracy: p.accuracy,
    baselineAccuracy: p.baselineAccuracy,
    delta: p.accuracyDelta,
    p: p.accuracyP,
    significant: p.accuracyDelta === null || p.accuracyP === null ? null : p.accuracyP < settings.pValue,
    predictions: p.predictions,
    validated: p.validated,
    psiFired: p.rules.includes('predicted-psi'),
    jsFired: p.rules.includes('predicted-js'),
    accuracyFired: p.rules.includes('accuracy-drop'),
  }));
}

/** Nothing to draw: no bucket has a distribution or an accuracy comparison. */
export function isEmptyDrift(rows: readonly DriftRow[]): boolean {
  return rows.every((r) => r.psi === null && r.js === null && r.delta === null);
}

/** PSI and JS distance with three decimals (the thresholds are 0.2 and 0.1 by default). */
export function formatStatistic(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

/** A change of a rate in percentage points, signed: "−3.5 pp". */
export function formatPoints(delta: number | null): string {
  if (delta === null) return '—';
  const points = delta * 100;
  if (Math.abs(points) < 0.05) return '±0.0 pp';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pp`;
}

/** A rate in percentage points without float noise: 0.07 → 7. */
export function toPoints(rate: number): number {
  return Number((rate * 100).toPrecision(6));
}

/** p-values: two significant digits, very small ones in exponent form. */
export function formatP(p: number | null): string {
  if (p === null) return '—';
  if (p === 0) return '0';
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

export function yesNo(value: boolean | null): string {
  return value === null ? '—' : value ? 'yes' : 'no';
}
