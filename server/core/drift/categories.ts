// Category counts of two windows aligned over the union of their labels.
// Labels are arbitrary user strings ("__proto__", "", …), so they live in Maps and
// arrays, never as object keys.

export interface LabelCount {
  readonly label: string;
  readonly count: number;
}

/** Counts per label; in the array form a repeated label has its counts added. */
export type CategoryCounts = ReadonlyMap<string, number> | readonly LabelCount[];

/**
 * Proportion given to a label with zero count on one side before renormalising,
 * so that PSI's ln(p/q) and chi-square's expected counts stay finite.
 */
export const PROPORTION_EPSILON = 1e-4;

export interface AlignedCounts {
  readonly labels: readonly string[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
}

function toMap(counts: CategoryCounts, side: string): Map<string, number> {
  const entries: Iterable<readonly [string, number]> =
    counts instanceof Map
      ? counts.entries()
      : (counts as readonly LabelCount[]).map((c) => [c.label, c.count] as const);
  const map = new Map<string, number>();
  for (const [label, count] of entries) {
    if (!Number.isFinite(count) || count < 0) {
      throw new RangeError(
        `${side} count for label ${JSON.stringify(label)} must be a finite number >= 0, got ${count}`,
      );
    }
    map.set(label, (map.get(label) ?? 0) + count);
  }
  return map;
}

/**
 * Aligns both windows over the labels seen in either (reference order first, then labels
 * new in current). Labels with zero count on both sides are dropped: they carry no
 * information and would otherwise add degrees of freedom to the chi-square test.
 */
export function alignCounts(reference: CategoryCounts, current: CategoryCounts): AlignedCounts {
  const ref = toMap(reference, 'reference');
  const cur = toMap(current, 'current');
  const labels: string[] = [];
  for (const label of new Set([...ref.keys(), ...cur.keys()])) {
    if ((ref.get(label) ?? 0) > 0 || (cur.get(label) ?? 0) > 0) labels.push(label);
  }
  const aligned = {
    labels,
    reference: labels.map((l) => ref.get(l) ?? 0),
    current: labels.map((l) => cur.get(l) ?? 0),
  };
  if (sum(aligned.reference) === 0) throw new RangeError('reference window has no observations');
  if (sum(aligned.current) === 0) throw new RangeError('current window has no observations');
  return aligned;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Raw proportions counts / total. */
export function proportions(counts: readonly number[]): number[] {
  const total = sum(counts);
  return counts.map((c) => c / total);
}

/**
 * Proportions with every zero replaced by PROPORTION_EPSILON, then renormalised to sum 1,
 * so the result is a proper distribution with no zero.
 */
export function smoothedProportions(counts: readonly number[]): number[] {
  const floored = proportions(counts).map((p) => (p === 0 ? PROPORTION_EPSILON : p));
  const total = sum(floored);
  return floored.map((p) => p / total);
}
