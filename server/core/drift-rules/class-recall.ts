// Per-class recall against the baseline: a drop confined to one class hardly moves overall
// accuracy (ten points on a class with a third of the traffic is three overall), so each class
// with enough validated predictions on both sides gets its own two-proportion z-test.
import { twoProportionZTest } from '../drift/index.js';
import type { Tally } from '../tally.js';

export interface ClassRecallDrop {
  label: string;
  recall: number;
  baselineRecall: number;
  /** baselineRecall − recall (positive when the class got worse). */
  drop: number;
  /** Bonferroni-adjusted over the classes tested: min(1, p × classesTested). */
  pValue: number;
  validated: number;
  baselineValidated: number;
  classesTested: number;
  flagged: boolean;
}

function recallCounts(tally: Tally, label: string): { correct: number; total: number } {
  const row = tally.cells.get(label);
  let total = 0;
  if (row) for (const n of row.values()) total += n;
  return { correct: row?.get(label) ?? 0, total };
}

/**
 * The class that fired (the largest flagged drop), else the class with the largest drop; null when
 * no class has `minSamples` validated predictions in both the window and the baseline.
 */
export function classRecallDrop(
  current: Tally,
  baseline: Tally,
  options: { threshold: number; alpha: number; minSamples: number },
): ClassRecallDrop | null {
  const tested = [...current.cells.keys()]
    .map((label) => ({ label, now: recallCounts(current, label), before: recallCounts(baseline, label) }))
    .filter((c) => c.now.total >= options.minSamples && c.before.total >= options.minSamples);
  const k = tested.length;
  const results = tested.map(({ label, now, before }) => {
    const test = twoProportionZTest(now, before);
    const pValue = Math.min(1, test.pValue * k);
    const drop = -test.delta;
    return {
      label,
      recall: now.correct / now.total,
      baselineRecall: before.correct / before.total,
      drop,
      pValue,
      validated: now.total,
      baselineValidated: before.total,
      classesTested: k,
      flagged: drop > options.threshold && pValue < options.alpha,
    };
  });
  const better = (a: ClassRecallDrop, b: ClassRecallDrop) => (a.flagged !== b.flagged ? a.flagged : a.drop > b.drop);
  return results.reduce<ClassRecallDrop | null>((best, r) => (best === null || better(r, best) ? r : best), null);
}
