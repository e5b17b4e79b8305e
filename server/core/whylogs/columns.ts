import { FrequentStringsSketch } from '../sketches/frequent-strings.js';
import { HllSketch } from '../sketches/hll.js';
import { KllDoublesSketch } from '../sketches/kll.js';

/**
 * What whylogs' standard metrics hold for one column, computed from plain values. Both file
 * formats (WHY1 and v0) are written from this one summary. Sketch sizes are whylogs 1.6.4's
 * defaults (whylogs/core/configs.py), so our sketches merge with whylogs' own like for like.
 */

export const KLL_K = 1024; // kll_k_large, used because large_kll_k defaults to True
export const FREQUENT_ITEMS_LG_MAX_K = 10; // fi_lg_max_k
export const HLL_LG_K = 12; // hll_lg_k

export interface TypeCounts {
  integral: number;
  fractional: number;
  boolean: number;
  string: number;
  object: number;
}

export interface ColumnSummary {
  /** Rows seen, nulls included (whylogs' counts/n). */
  count: number;
  nulls: number;
  types: TypeCounts;
  /** Numeric values only; empty for string columns, as whylogs leaves it. */
  distribution: KllDoublesSketch;
  mean: number;
  /** Sum of squared deviations from the mean (whylogs' distribution/m2). */
  m2: number;
  frequentStrings?: FrequentStringsSketch;
  cardinality: HllSketch;
}

const noTypes: TypeCounts = { integral: 0, fractional: 0, boolean: 0, string: 0, object: 0 };

export function summarizeStrings(values: readonly string[]): ColumnSummary {
  const frequentStrings = new FrequentStringsSketch(FREQUENT_ITEMS_LG_MAX_K);
  const cardinality = new HllSketch(HLL_LG_K);
  const distinct = new Set<string>();
  for (const value of values) {
    frequentStrings.update(value);
    distinct.add(value);
  }
  // hashing is the costly part, and a distinct-count sketch only needs each value once
  for (const value of distinct) cardinality.updateString(value);
  return {
    count: values.length,
    nulls: 0,
    types: { ...noTypes, string: values.length },
    distribution: new KllDoublesSketch(KLL_K),
    mean: 0,
    m2: 0,
    frequentStrings,
    cardinality,
  };
}

/** Finite numbers or null (counted as null); NaN and infinities are rejected. */
export function summarizeFractions(values: readonly (number | null)[]): ColumnSummary {
  const distribution = new KllDoublesSketch(KLL_K);
  const cardinality = new HllSketch(HLL_LG_K);
  const distinct = new Set<number>();
  let nulls = 0;
  let mean = 0;
  let m2 = 0;
  for (const value of values) {
    if (value === null) {
      nulls += 1;
      continue;
    }
    if (!Number.isFinite(value)) throw new RangeError(`expected a finite number or null, got ${value}`);
    distribution.update(value);
    distinct.add(value);
    // Welford's update keeps m2 accurate where sum-of-squares would cancel
    const delta = value - mean;
    mean += delta / distribution.n;
    m2 += delta * (value - mean);
  }
  for (const value of distinct) cardinality.updateDouble(value);
  return {
    count: values.length,
    nulls,
    types: { ...noTypes, fractional: values.length - nulls },
    distribution,
    mean,
    m2,
    cardinality,
  };
}
