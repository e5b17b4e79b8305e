import { ByteSink } from './byte-sink.js';

/**
 * DataSketches' frequent-items sketch for strings (Misra–Gries with reverse purge), serialized in
 * the layout of the C++ `frequent_items_sketch<std::string>` that whylogs stores as
 * `frequent_items/frequent_strings`. Counts are exact until more than 3/4·2^lgMaxMapSize distinct
 * items are live; then, like DataSketches, the median count is subtracted from every item,
 * items left at zero are dropped, and the subtracted amount accumulates in `offset` (the maximum
 * error of any estimate).
 */

const SERIAL_VERSION = 1;
const FAMILY = 10;
const PREAMBLE_LONGS_EMPTY = 1;
const PREAMBLE_LONGS_NONEMPTY = 4;
const FLAG_EMPTY = 1;
const LG_MIN_MAP_SIZE = 3;
const LOAD_FACTOR = 0.75;

export class FrequentStringsSketch {
  readonly lgMaxMapSize: number;
  private readonly counts = new Map<string, number>();
  private totalWeight = 0;
  private offset = 0;
  private readonly encoder = new TextEncoder();

  constructor(lgMaxMapSize: number) {
    if (!Number.isInteger(lgMaxMapSize) || lgMaxMapSize < LG_MIN_MAP_SIZE || lgMaxMapSize > 30) {
      throw new RangeError(`lgMaxMapSize must be an integer in [${LG_MIN_MAP_SIZE}, 30], got ${lgMaxMapSize}`);
    }
    this.lgMaxMapSize = lgMaxMapSize;
  }

  get isEmpty(): boolean {
    return this.counts.size === 0;
  }

  update(item: string, weight = 1): void {
    if (!Number.isSafeInteger(weight) || weight < 0) throw new RangeError(`weight must be a non-negative integer`);
    if (weight === 0) return;
    this.totalWeight += weight;
    this.counts.set(item, (this.counts.get(item) ?? 0) + weight);
    if (this.counts.size > capacity(this.lgMaxMapSize)) this.purge();
  }

  serialize(): Uint8Array {
    const out = new ByteSink();
    const empty = this.isEmpty;
    out
      .u8(empty ? PREAMBLE_LONGS_EMPTY : PREAMBLE_LONGS_NONEMPTY)
      .u8(SERIAL_VERSION)
      .u8(FAMILY);
    out
      .u8(this.lgMaxMapSize)
      .u8(this.lgCurMapSize())
      .u8(empty ? FLAG_EMPTY : 0)
      .u16(0);
    if (empty) return out.toBytes();
    out.u32(this.counts.size).u32(0).u64(this.totalWeight).u64(this.offset);
    for (const count of this.counts.values()) out.u64(count);
    for (const item of this.counts.keys()) {
      const utf8 = this.encoder.encode(item);
      out.u32(utf8.length).bytes(utf8);
    }
    return out.toBytes();
  }

  // The deserializer re-inserts every item, so any map size from the minimum up to the maximum
  // is valid; report the one DataSketches would have grown to.
  private lgCurMapSize(): number {
    let lg = LG_MIN_MAP_SIZE;
    while (lg < this.lgMaxMapSize && this.counts.size > capacity(lg)) lg += 1;
    return lg;
  }

  // DataSketches samples up to 1024 counts for the median; at most 3/4·2^lgMax + 1 are live here,
  // which is all of them for whylogs' lgMax of 10.
  private purge(): void {
    const samples = [...this.counts.values()].slice(0, 1024).sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)];
    for (const [item, count] of this.counts) {
      if (count > median) this.counts.set(item, count - median);
      else this.counts.delete(item);
    }
    this.offset += median;
  }
}

function capacity(lgMapSize: number): number {
  return Math.floor(2 ** lgMapSize * LOAD_FACTOR);
}
