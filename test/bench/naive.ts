/**
 * The `metrics` answer computed the naive way, from raw rows on every query, inside the aggregation
 * subset every supported server has (FerretDB 1.24 has no $dateTrunc):
 * - overall: one aggregation, $match on model + range, $group by (actual, predicted) with $sum;
 * - series: one pass over the range's raw rows (find, projected to predictedAt/predicted/actual),
 *   counted into the calendar buckets in JS. One aggregation per bucket would be 365 or 2,160 round
 *   trips, each a scan where the server has no usable index, so this is the kinder baseline.
 */
import type { Collection, Document } from 'mongodb';
import type { Window } from '../../server/core/buckets.js';
import { confusionMatrix, metricValues, type MetricValues } from '../../server/core/metrics.js';
import { addRow, emptyTally, tallyCells, type Tally } from '../../server/core/tally.js';

export interface NaiveAnswer {
  overall: MetricValues;
  series: MetricValues[];
}

const valuesOf = (t: Tally): MetricValues => metricValues(confusionMatrix(tallyCells(t)), t.predictions);

export async function naiveOverall(
  collection: Collection<Document>,
  model: string,
  range: Window,
): Promise<MetricValues> {
  const groups = collection.aggregate<{ _id: { actual?: unknown; predicted?: unknown }; n: number }>([
    { $match: { model, predictedAt: { $gte: range.start, $lt: range.end } } },
    { $group: { _id: { actual: '$actual', predicted: '$predicted' }, n: { $sum: 1 } } },
  ]);
  let predictions = 0;
  const cells: { actual: string; predicted: string; count: number }[] = [];
  for await (const { _id, n } of groups) {
    predictions += n;
    if (typeof _id.actual === 'string' && typeof _id.predicted === 'string')
      cells.push({ actual: _id.actual, predicted: _id.predicted, count: n });
  }
  return metricValues(confusionMatrix(cells), predictions);
}

export async function naiveSeries(
  collection: Collection<Document>,
  model: string,
  buckets: Window[],
): Promise<MetricValues[]> {
  const tallies = buckets.map(() => emptyTally());
  const starts = buckets.map((b) => b.start.getTime());
  const rows = collection.find(
    { model, predictedAt: { $gte: buckets[0].start, $lt: buckets[buckets.length - 1].end } },
    { projection: { _id: 0, predictedAt: 1, predicted: 1, actual: 1 } },
  );
  for await (const doc of rows) {
    const at = doc.predictedAt as Date;
    // Buckets are contiguous and sorted: the last one starting at or before `at` holds it.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at.getTime()) lo = mid;
      else hi = mid - 1;
    }
    addRow(tallies[lo], {
      predictedAt: at,
      predicted: String(doc.predicted),
      confidence: null,
      actual: typeof doc.actual === 'string' ? doc.actual : null,
    });
  }
  return tallies.map(valuesOf);
}

export async function naiveMetrics(
  collection: Collection<Document>,
  model: string,
  range: Window,
  buckets: Window[],
): Promise<NaiveAnswer> {
  return {
    overall: await naiveOverall(collection, model, range),
    series: await naiveSeries(collection, model, buckets),
  };
}
