// Query results → what the charts and their data tables draw. No Chart.js here: plain arrays.
import type { ClassMetricsQuery, Granularity, MetricSeriesQuery } from '../gql/graphql.js';
import { classColors, NEUTRAL } from './colors.js';
import { formatBucket } from './format.js';

export type SeriesPoint = MetricSeriesQuery['metrics']['series'][number];
export type ClassRow = ClassMetricsQuery['metricsByClass'][number];

export const RATE_METRICS = ['accuracy', 'precision', 'recall', 'f1'] as const;
export const COUNT_METRICS = ['predictions', 'validated'] as const;
export type RateMetric = (typeof RATE_METRICS)[number];
export type Metric = RateMetric | (typeof COUNT_METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
  accuracy: 'Accuracy',
  precision: 'Precision (macro)',
  recall: 'Recall (macro)',
  f1: 'F1 (macro)',
  predictions: 'Predictions',
  validated: 'Validated samples',
};

export function isMetric(text: string): text is Metric {
  return text in METRIC_LABELS;
}

export function isRate(metric: Metric): metric is RateMetric {
  return (RATE_METRICS as readonly string[]).includes(metric);
}

export interface LineSeries {
  labels: string[];
  /** null where the bucket has nothing to measure: drawn as a gap, never as zero. */
  values: (number | null)[];
  /** The 95% Wilson interval, for accuracy only. */
  band: { low: (number | null)[]; high: (number | null)[] } | null;
  /** How many buckets have a value. */
  filled: number;
}

export function lineSeries(
  series: SeriesPoint[],
  metric: Metric,
  granularity: Granularity,
  timeZone: string,
): LineSeries {
  const values = series.map((p) => p.values[metric]);
  return {
    labels: series.map((p) => formatBucket(p.start, granularity, timeZone)),
    values,
    band:
      metric === 'accuracy'
        ? { low: series.map((p) => p.values.accuracyLow), high: series.map((p) => p.values.accuracyHigh) }
        : null,
    // Counts of zero are real values, but a chart of zeros alone says "nothing here" as well.
    filled: values.filter((v) => v !== null && (isRate(metric) || v > 0)).length,
  };
}

export interface Slice {
  label: string;
  count: number;
  share: number;
  color: string;
}

/** Pie slices in the order given (largest first from the API), coloured from the `palette` labels. */
export function slices(
  counts: { label: string; count: number; share: number }[],
  palette: Iterable<string> = counts.map((c) => c.label),
): Slice[] {
  const colors = classColors(palette);
  return counts.map((c) => ({ ...c, color: colors.get(c.label) ?? NEUTRAL }));
}

/** Classes sorted by one metric, best first; classes without a value last, then by label. */
export function sortedByMetric(rows: ClassRow[], metric: 'precision' | 'recall' | 'f1'): ClassRow[] {
  return [...rows].sort((a, b) => {
    const x = a[metric];
    const y = b[metric];
    if (x === null || y === null) return x === y ? a.label.localeCompare(b.label) : x === null ? 1 : -1;
    return y - x || a.label.localeCompare(b.label);
  });
}

export interface HeatCell {
  count: number;
  /** count / row total: the share of a true class predicted as each class (0 when the row is empty). */
  rowShare: number;
  diagonal: boolean;
}

export function heatMap(counts: number[][]): HeatCell[][] {
  return counts.map((row, i) => {
    const total = row.reduce((s, c) => s + c, 0);
    return row.map((count, j) => ({ count, rowShare: total === 0 ? 0 : count / total, diagonal: i === j }));
  });
}
