// performanceEstimate → what <clara-estimate> draws: estimated accuracy with its band, and the
// realized accuracy where labels exist. Plain arrays, no Chart.js.
import type { Granularity, PerformanceEstimateQuery } from '../gql/graphql.js';
import { formatBucket } from './format.js';

export type EstimatePoint = PerformanceEstimateQuery['performanceEstimate']['series'][number];

export interface EstimateSeries {
  labels: string[];
  /** null where a bucket has no prediction with a confidence (or no calibration exists). */
  estimated: (number | null)[];
  low: (number | null)[];
  high: (number | null)[];
  /** null where a bucket has no validated prediction. */
  realized: (number | null)[];
  /** Buckets with an estimate or a realized value. */
  filled: number;
}

export function estimateSeries(
  series: readonly EstimatePoint[],
  granularity: Granularity,
  timeZone: string,
): EstimateSeries {
  const estimated = series.map((p) => p.estimated?.accuracy ?? null);
  const realized = series.map((p) => p.realized?.accuracy ?? null);
  return {
    labels: series.map((p) => formatBucket(p.start, granularity, timeZone)),
    estimated,
    low: series.map((p) => p.estimated?.accuracyLow ?? null),
    high: series.map((p) => p.estimated?.accuracyHigh ?? null),
    realized,
    filled: series.filter((_, i) => estimated[i] !== null || realized[i] !== null).length,
  };
}
