/**
 * The confusion matrix as whylogs' ConfusionMatrix (model_performance_metrics/confusion_matrix.py)
 * holds it: labels in Python's `sorted()` order (Unicode code points) except that the label
 * "None" always goes last, and cells indexed [predicted][actual]. whylogs re-sorts the labels it
 * reads but keeps the cells in file order, so any other order would silently scramble the cells.
 */
import { compareLabels } from '../metrics.js';

/** whylogs refuses a confusion matrix with more labels (MODEL_METRICS_MAX_LABELS). */
export const MAX_CONFUSION_LABELS = 256;
const NONE_LABEL = 'None';

export interface LabelPair {
  actual: string;
  predicted: string;
}

export interface ConfusionMatrix {
  labels: string[];
  /** counts[p][a]: pairs predicted as labels[p] whose actual label is labels[a]. */
  counts: number[][];
}

export function buildConfusionMatrix(pairs: readonly LabelPair[]): ConfusionMatrix {
  const labels = whylogsLabelOrder(pairs.flatMap((pair) => [pair.actual, pair.predicted]));
  if (labels.length > MAX_CONFUSION_LABELS) {
    throw new RangeError(
      `whylogs accepts at most ${MAX_CONFUSION_LABELS} labels in a confusion matrix, got ${labels.length}`,
    );
  }
  const index = new Map(labels.map((label, i) => [label, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const pair of pairs) counts[index.get(pair.predicted)!][index.get(pair.actual)!] += 1;
  return { labels, counts };
}

/** Distinct labels in the order whylogs gives them. */
export function whylogsLabelOrder(labels: Iterable<string>): string[] {
  const distinct = new Set(labels);
  const hasNone = distinct.delete(NONE_LABEL);
  const ordered = [...distinct].sort(compareLabels);
  return hasNone ? [...ordered, NONE_LABEL] : ordered;
}
