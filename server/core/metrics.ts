/**
 * Classification metrics from a confusion matrix, with scikit-learn's semantics:
 * `accuracy_score` and `precision_recall_fscore_support(labels=<actual ∪ predicted>,
 * zero_division=0)` for per-class, macro and support-weighted values.
 * test/fixtures/sklearn/metrics.json holds scikit-learn's own answers these are checked against.
 */

/** A confusion matrix over validated predictions: counts[i][j] = rows with actual labels[i] predicted labels[j]. */
export interface ConfusionMatrix {
  labels: string[];
  counts: number[][];
}

/**
 * One class's values. precision / recall / f1 are null exactly where scikit-learn would fall back
 * to `zero_division`: precision when the class was never predicted, recall when it has no
 * support, F1 when both are zero. The Low/High bounds are 95% Wilson intervals (null with them).
 */
export interface ClassMetrics {
  label: string;
  support: number;
  predicted: number;
  precision: number | null;
  precisionLow: number | null;
  precisionHigh: number | null;
  recall: number | null;
  recallLow: number | null;
  recallHigh: number | null;
  f1: number | null;
}

export interface MetricValues {
  predictions: number;
  validated: number;
  accuracy: number | null;
  accuracyLow: number | null;
  accuracyHigh: number | null;
  /** Macro averages: unweighted mean over the classes. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Averages weighted by each class's support. */
  weightedPrecision: number | null;
  weightedRecall: number | null;
  weightedF1: number | null;
  /**
   * Micro averages (global true positives over global predictions / support), as scikit-learn's
   * average='micro': for single-label data each equals accuracy.
   */
  microPrecision: number | null;
  microRecall: number | null;
  microF1: number | null;
}

/** Two-sided 95% standard normal quantile, as scipy.stats.norm.ppf(0.975) gives it. */
export const Z_95 = 1.959963984540054;

/**
 * Orders labels by Unicode code point, the order Python's sorted() and MongoDB's binary string
 * comparison use. JavaScript's default sort compares UTF-16 code units instead, which puts
 * astral characters (emoji) before U+E000–U+FFFF.
 */
export function compareLabels(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** At the first differing code unit, lifting surrogates above U+E000–U+FFFF yields code-point order. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/**
 * Builds a matrix from (actual, predicted, count) cells; the same pair may appear in several
 * cells and is summed. labels = actual ∪ predicted of the cells with a positive count, sorted by
 * code point (see compareLabels): a zero-count cell adds no label, as scikit-learn never sees a
 * label no row carries. Counts must be non-negative safe integers.
 */
export function confusionMatrix(
  cells: Iterable<{ actual: string; predicted: string; count: number }>,
): ConfusionMatrix {
  // Map keyed by label: labels such as "__proto__" or "a.b" stay plain data.
  const rows = new Map<string, Map<string, number>>();
  const seen = new Set<string>();
  for (const { actual, predicted, count } of cells) {
    checkCount(count, `count of (${JSON.stringify(actual)}, ${JSON.stringify(predicted)})`);
    if (count === 0) continue;
    seen.add(actual).add(predicted);
    const row = rows.get(actual) ?? new Map<string, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + count);
    rows.set(actual, row);
  }
  const labels = [...seen].sort(compareLabels);
  const counts = labels.map((actual) => labels.map((predicted) => rows.get(actual)?.get(predicted) ?? 0));
  return { labels, counts };
}

/** Per-class support, predicted count, precision, recall and F1, in the matrix's label order. */
export function classMetrics(cm: ConfusionMatrix): ClassMetrics[] {
  checkMatrix(cm);
  const predictedTotals = cm.labels.map((_, j) => sum(cm.counts.map((row) => row[j])));
  return cm.labels.map((label, i) => {
    const truePositives = cm.counts[i][i];
    const support = sum(cm.counts[i]);
    const predicted = predictedTotals[i];
    const precision = wilsonInterval(truePositives, predicted);
    const recall = wilsonInterval(truePositives, support);
    return {
      label,
      support,
      predicted,
      precision: ratio(truePositives, predicted),
      precisionLow: precision?.low ?? null,
      precisionHigh: precision?.high ?? null,
      recall: ratio(truePositives, support),
      recallLow: recall?.low ?? null,
      recallHigh: recall?.high ?? null,
      // scikit-learn's form 2·tp / (support + predicted), not 2PR / (P + R): it rounds differently.
      f1: ratio(2 * truePositives, support + predicted),
    };
  });
}

/**
 * predictions = all predictions of the window (validated or not); validated = sum of cm counts.
 * With nothing validated, accuracy and every average are null (no data), never 0.
 */
export function metricValues(cm: ConfusionMatrix, predictions: number): MetricValues {
  const classes = classMetrics(cm);
  const validated = sum(classes.map((c) => c.support));
  checkCount(predictions, 'predictions');
  if (predictions < validated) {
    throw new RangeError(`predictions (${predictions}) is below the validated count (${validated})`);
  }
  const correct = sum(cm.labels.map((_, i) => cm.counts[i][i]));
  const interval = wilsonInterval(correct, validated);
  // Undefined per-class values count as 0 in the averages, as with zero_division=0.
  const macro = (pick: (c: ClassMetrics) => number | null): number | null =>
    validated === 0 ? null : sum(classes.map((c) => pick(c) ?? 0)) / classes.length;
  const weighted = (pick: (c: ClassMetrics) => number | null): number | null =>
    validated === 0 ? null : sum(classes.map((c) => (pick(c) ?? 0) * c.support)) / validated;
  return {
    predictions,
    validated,
    accuracy: ratio(correct, validated),
    accuracyLow: interval?.low ?? null,
    accuracyHigh: interval?.high ?? null,
    precision: macro((c) => c.precision),
    recall: macro((c) => c.recall),
    f1: macro((c) => c.f1),
    weightedPrecision: weighted((c) => c.precision),
    weightedRecall: weighted((c) => c.recall),
    weightedF1: weighted((c) => c.f1),
    // Every validated prediction is one predicted and one true label, so both totals are `validated`.
    microPrecision: ratio(correct, validated),
    microRecall: ratio(correct, validated),
    microF1: ratio(2 * correct, 2 * validated),
  };
}

/**
 * Wilson score interval for a proportion successes / n (statsmodels' proportion_confint
 * method='wilson', same operation order); null when n = 0. The interval touches 0 exactly when
 * successes = 0 and 1 when successes = n; rounding would leave an ulp-sized offset there (e.g.
 * 5.6e-17 for 0 / 7), so those ends are set exactly.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): { low: number; high: number } | null {
  checkCount(n, 'n');
  checkCount(successes, 'successes');
  if (successes > n) throw new RangeError(`successes (${successes}) exceeds n (${n})`);
  if (!(Number.isFinite(z) && z > 0)) throw new RangeError(`z must be a positive finite number, got ${z}`);
  if (n === 0) return null;
  const q = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (q + z2 / (2 * n)) / denom;
  const dist = (z * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n))) / denom;
  return {
    low: successes === 0 ? 0 : center - dist,
    high: successes === n ? 1 : center + dist,
  };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function checkCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
}

function checkMatrix(cm: ConfusionMatrix): void {
  const size = cm.labels.length;
  if (new Set(cm.labels).size !== size) throw new RangeError('confusion matrix labels must be distinct');
  if (cm.counts.length !== size || cm.counts.some((row) => row.length !== size)) {
    throw new RangeError(`confusion matrix counts must be ${size}×${size} to match its labels`);
  }
  cm.counts.forEach((row, i) => row.forEach((c, j) => checkCount(c, `counts[${i}][${j}]`)));
}
