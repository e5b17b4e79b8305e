import { ByteSink } from './byte-sink.js';

/**
 * KLL quantiles sketch of doubles (Karnin, Lang, Liberty 2016), following the algorithm and
 * memory layout of DataSketches' C++ `kll_sketch<double>` so the serialized bytes are the state
 * that library would hold. Items live in one array; level 0 fills downward from `levels[0]`,
 * and a full sketch compacts one level (sort, keep every other item at random, promote) before
 * growing.
 *
 * Randomness comes from a seeded generator: the same inputs in the same order give the same bytes.
 */

const M = 8; // minimum level width, serialized as "M"
const FAMILY = 15;
const SERIAL_VERSION_FULL = 1;
const SERIAL_VERSION_SINGLE = 2;
const PREAMBLE_INTS_SHORT = 2;
// whylogs reads sketches with whylogs-sketching, a DataSketches fork that requires 6 preamble
// ints (4 zero bytes after numLevels) for a multi-item doubles sketch; Apache's C++ writes 5.
const PREAMBLE_INTS_DOUBLES = 6;
const FLAG_EMPTY = 1;
const FLAG_SINGLE_ITEM = 4;

export const KLL_DEFAULT_K = 200;

/**
 * DataSketches' empirical 99th-percentile normalized rank error for `k`: single-sided (rank
 * and quantile queries) unless `pmf`.
 */
export function kllNormalizedRankError(k: number, pmf = false): number {
  return pmf ? 2.446 / k ** 0.9433 : 2.296 / k ** 0.9723;
}

export class KllDoublesSketch {
  readonly k: number;
  private count = 0;
  private minValue = Number.NaN;
  private maxValue = Number.NaN;
  private numLevels = 1;
  private levels: number[];
  private items: Float64Array;
  private randomState: number;
  private readonly depthCapacities: number[] = [];

  constructor(k = KLL_DEFAULT_K, seed = 0x9e3779b9) {
    if (!Number.isInteger(k) || k < M || k > 0xffff) {
      throw new RangeError(`KLL k must be an integer in [${M}, 65535], got ${k}`);
    }
    this.k = k;
    this.items = new Float64Array(k); // one level of capacity k
    this.levels = [k, k];
    this.randomState = seed >>> 0 || 1;
  }

  get n(): number {
    return this.count;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  get min(): number {
    return this.minValue;
  }

  get max(): number {
    return this.maxValue;
  }

  get numRetained(): number {
    return this.levels[this.numLevels] - this.levels[0];
  }

  /** Adds one value; NaN is ignored, as DataSketches does. */
  update(value: number): void {
    if (Number.isNaN(value)) return;
    if (this.count === 0) {
      this.minValue = value;
      this.maxValue = value;
    } else {
      if (value < this.minValue) this.minValue = value;
      if (value > this.maxValue) this.maxValue = value;
    }
    if (this.levels[0] === 0) this.compressWhileUpdating();
    this.count += 1;
    this.levels[0] -= 1;
    this.items[this.levels[0]] = value;
  }

  /**
   * Approximate quantile with DataSketches' default (exclusive) rank definition: the smallest
   * retained value whose weight strictly below it reaches floor(rank·n). NaN when empty.
   */
  quantile(rank: number): number {
    if (!(rank >= 0 && rank <= 1)) throw new RangeError(`rank must be in [0, 1], got ${rank}`);
    if (this.count === 0) return Number.NaN;
    if (rank === 0) return this.minValue;
    if (rank === 1) return this.maxValue;
    const { values, weightsBefore } = this.sortedView();
    const target = Math.floor(rank * this.count);
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (weightsBefore[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return values[Math.min(lo, values.length - 1)];
  }

  /** Approximate fraction of the stream strictly below `value`; NaN when empty. */
  rank(value: number): number {
    if (this.count === 0) return Number.NaN;
    let below = 0;
    this.forEachRetained((item, weight) => {
      if (item < value) below += weight;
    });
    return below / this.count;
  }

  /** DataSketches binary form: empty, single-item or full layout. */
  serialize(): Uint8Array {
    const out = new ByteSink();
    if (this.count <= 1) {
      const single = this.count === 1;
      out
        .u8(PREAMBLE_INTS_SHORT)
        .u8(single ? SERIAL_VERSION_SINGLE : SERIAL_VERSION_FULL)
        .u8(FAMILY);
      out
        .u8(single ? FLAG_SINGLE_ITEM : FLAG_EMPTY)
        .u16(this.k)
        .u8(M)
        .u8(0);
      if (single) out.f64(this.items[this.levels[0]]);
      return out.toBytes();
    }
    out.u8(PREAMBLE_INTS_DOUBLES).u8(SERIAL_VERSION_FULL).u8(FAMILY).u8(0).u16(this.k).u8(M).u8(0);
    out.u64(this.count).u16(this.k).u8(this.numLevels).zeros(4).u8(0);
    // the top boundary is implied by the capacity, so only numLevels boundaries are written
    for (let level = 0; level < this.numLevels; level++) out.u32(this.levels[level]);
    out.f64(this.minValue).f64(this.maxValue);
    for (let i = this.levels[0]; i < this.levels[this.numLevels]; i++) out.f64(this.items[i]);
    return out.toBytes();
  }

  private forEachRetained(visit: (item: number, weight: number) => void): void {
    for (let level = 0; level < this.numLevels; level++) {
      const weight = 2 ** level;
      for (let i = this.levels[level]; i < this.levels[level + 1]; i++) visit(this.items[i], weight);
    }
  }

  private sortedView(): { values: Float64Array; weightsBefore: Float64Array } {
    const entries: [number, number][] = [];
    this.forEachRetained((item, weight) => entries.push([item, weight]));
    entries.sort((a, b) => a[0] - b[0]);
    const values = new Float64Array(entries.length);
    const weightsBefore = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([item, weight], i) => {
      values[i] = item;
      weightsBefore[i] = total;
      total += weight;
    });
    return { values, weightsBefore };
  }

  // Only valid when level 0 has just run out of room during an update.
  private compressWhileUpdating(): void {
    const level = this.findLevelToCompact();
    if (level === this.numLevels - 1) this.addEmptyTopLevel();
    const { levels, items } = this;
    const rawBeg = levels[level];
    const rawLim = levels[level + 1];
    const popAbove = levels[level + 2] - rawLim;
    const rawPop = rawLim - rawBeg;
    const oddPop = rawPop % 2 === 1;
    const adjBeg = oddPop ? rawBeg + 1 : rawBeg;
    const adjPop = oddPop ? rawPop - 1 : rawPop;
    const halfAdjPop = adjPop / 2;

    if (level === 0) items.subarray(adjBeg, adjBeg + adjPop).sort();
    if (popAbove === 0) {
      this.halveUp(adjBeg, adjPop);
    } else {
      this.halveDown(adjBeg, adjPop);
      this.mergeInPlace(adjBeg, halfAdjPop, rawLim, popAbove, adjBeg + halfAdjPop);
    }
    levels[level + 1] -= halfAdjPop;
    if (oddPop) {
      levels[level] = levels[level + 1] - 1; // the odd item stays behind on this level
      items[levels[level]] = items[rawBeg];
    } else {
      levels[level] = levels[level + 1];
    }
    // shift the levels below up to hand the freed slots to level 0
    if (level > 0) {
      const amount = rawBeg - levels[0];
      items.copyWithin(levels[0] + halfAdjPop, levels[0], levels[0] + amount);
      for (let lower = 0; lower < level; lower++) levels[lower] += halfAdjPop;
    }
  }

  private findLevelToCompact(): number {
    for (let level = 0; level < this.numLevels; level++) {
      const population = this.levels[level + 1] - this.levels[level];
      if (population >= this.levelCapacity(this.numLevels, level)) return level;
    }
    throw new Error('KLL capacity invariant broken: no level is full');
  }

  private addEmptyTopLevel(): void {
    const currentCapacity = this.levels[this.numLevels];
    const extra = this.levelCapacity(this.numLevels + 1, 0);
    const grown = new Float64Array(currentCapacity + extra);
    grown.set(this.items, extra);
    this.items = grown;
    for (let i = 0; i <= this.numLevels; i++) this.levels[i] += extra;
    this.numLevels += 1;
    this.levels[this.numLevels] = currentCapacity + extra;
  }

  private halveDown(start: number, length: number): void {
    let from = start + this.randomBit();
    for (let to = start; to < start + length / 2; to++, from += 2) this.items[to] = this.items[from];
  }

  private halveUp(start: number, length: number): void {
    let from = start + length - 1 - this.randomBit();
    for (let to = start + length - 1; to >= start + length / 2; to--, from -= 2) this.items[to] = this.items[from];
  }

  // Merges two sorted runs into a destination that starts where run A ends; safe in place
  // because the write index never passes the read index of run B.
  private mergeInPlace(startA: number, lenA: number, startB: number, lenB: number, startC: number): void {
    const items = this.items;
    let a = startA;
    let b = startB;
    const limA = startA + lenA;
    const limB = startB + lenB;
    for (let c = startC; c < startC + lenA + lenB; c++) {
      if (a < limA && (b === limB || items[a] < items[b])) items[c] = items[a++];
      else items[c] = items[b++];
    }
  }

  private levelCapacity(numLevels: number, height: number): number {
    const depth = numLevels - height - 1;
    this.depthCapacities[depth] ??= depthCapacity(this.k, depth);
    return Math.max(M, this.depthCapacities[depth]);
  }

  // xorshift32; the top bit picks which of each pair of items survives a compaction
  private randomBit(): number {
    let x = this.randomState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.randomState = x >>> 0;
    return this.randomState >>> 31;
  }
}

// round(k · (2/3)^depth), in exact integer arithmetic as DataSketches computes it
function depthCapacity(k: number, depth: number): number {
  if (depth > 30) {
    const half = Math.floor(depth / 2);
    return depthCapacity(depthCapacity(k, half), depth - half);
  }
  const scaled = (BigInt(k) << BigInt(depth + 1)) / 3n ** BigInt(depth);
  return Number((scaled + 1n) >> 1n);
}
