// Independent expectations: filter raw rows by instant and count, with no rollups or grid involved.
import { confusionMatrix, metricValues, type MetricValues } from '../../server/core/metrics.js';

export interface PlainRow {
  predictedAt: Date;
  predicted: string;
  actual: string | null;
}

export function expectedValues(rows: PlainRow[], start: Date, end: Date): MetricValues {
  const inside = rows.filter((r) => r.predictedAt >= start && r.predictedAt < end);
  const cells = inside.filter((r) => r.actual !== null).map((r) => ({ actual: r.actual as string, predicted: r.predicted, count: 1 }));
  return metricValues(confusionMatrix(cells), inside.length);
}
