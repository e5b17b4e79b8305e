// Two versions of one model side by side: which two to show, their overall values with the change
// from A to B, and one metric per bucket for each. Plain data, no Chart.js.
import type { Granularity, ModelVersionsQuery, VersionReportFragment } from '../gql/graphql.js';
import { METRIC_LABELS, RATE_METRICS, type RateMetric } from './chart-data.js';
import { formatBucket } from './format.js';

export type VersionEntry = ModelVersionsQuery['models'][number]['versions'][number];

/** The versions of the model the server resolved, the one predicting most recently first. */
export function versionsOf(answer: ModelVersionsQuery): VersionEntry[] {
  const model = answer.models.find((m) => m.name === answer.current.model);
  return [...(model?.versions ?? [])].sort(
    (x, y) => (y.lastPredictedAt ?? '').localeCompare(x.lastPredictedAt ?? '') || x.name.localeCompare(y.name),
  );
}

/**
 * The two versions to compare: the chosen ones where they exist; otherwise B is the newest version
 * other than A, and A the newest other than B (so by default the previous version against the
 * newest). Null when the model has fewer than two versions.
 */
export function pickPair(
  versions: readonly VersionEntry[],
  chosenA: string | null,
  chosenB: string | null,
): { a: string; b: string } | null {
  const names = versions.map((v) => v.name);
  if (names.length < 2) return null;
  const known = (name: string | null) => (name !== null && names.includes(name) ? name : null);
  const a0 = known(chosenA);
  const b = known(chosenB) ?? names.find((n) => n !== a0) ?? names[0];
  const a = a0 ?? names.find((n) => n !== b) ?? names[1];
  return { a, b };
}

export interface ComparisonRow {
  metric: RateMetric;
  label: string;
  a: number | null;
  b: number | null;
  /** b − a; null when either is. */
  change: number | null;
}

/** Accuracy and the macro averages of both versions over the whole range. */
export function comparisonRows(a: VersionReportFragment, b: VersionReportFragment): ComparisonRow[] {
  return RATE_METRICS.map((metric) => {
    const [x, y] = [a.overall[metric], b.overall[metric]];
    return { metric, label: METRIC_LABELS[metric], a: x, b: y, change: x === null || y === null ? null : y - x };
  });
}

/** A change in percentage points, signed: "+12.5 pp", "−3.0 pp"; "—" without one. */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  const points = (Math.abs(change) * 100).toFixed(1);
  return `${change < 0 && points !== '0.0' ? '−' : '+'}${points} pp`;
}

export interface VersionLines {
  labels: string[];
  a: (number | null)[];
  b: (number | null)[];
  /** Buckets where either version has a value. */
  filled: number;
}

/** One metric per bucket for each version (both reports cover the same buckets). */
export function versionLines(
  a: VersionReportFragment,
  b: VersionReportFragment,
  metric: RateMetric,
  granularity: Granularity,
  timeZone: string,
): VersionLines {
  const first = a.series.map((p) => p.values[metric]);
  const second = b.series.map((p) => p.values[metric]);
  return {
    labels: a.series.map((p) => formatBucket(p.start, granularity, timeZone)),
    a: first,
    b: second,
    filled: first.filter((v, i) => v !== null || second[i] !== null).length,
  };
}
