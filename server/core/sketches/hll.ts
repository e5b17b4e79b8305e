import { ByteSink } from './byte-sink.js';
import { murmur3x64_128 } from './murmur3.js';

/**
 * HyperLogLog distinct-count sketch in DataSketches' compact binary form (what whylogs stores as
 * `cardinality/hll`). Like DataSketches it keeps exact "coupons" (26-bit slot address + 6-bit
 * leading-zero value) while few: a list of up to 7, then a set up to 3/4·2^(lgK-3); past that it
 * becomes an array of 2^lgK one-byte registers (HLL_8). The register form is marked out-of-order
 * so readers use DataSketches' composite estimator rather than a HIP accumulator we do not keep.
 */

const SEED = 9001n; // DataSketches' default hash seed
const SERIAL_VERSION = 1;
const FAMILY = 7;
const FLAG_EMPTY = 4;
const FLAG_COMPACT = 8;
const FLAG_OUT_OF_ORDER = 16;
const MODE_LIST = 0;
const MODE_SET = 1;
const MODE_HLL8 = 2 | (2 << 2); // current mode HLL, target type HLL_8
const LIST_CAPACITY = 8; // a list promotes when its 8th slot fills
const LG_INIT_SET_SIZE = 5;
const KEY_MASK_26 = (1 << 26) - 1;

export class HllSketch {
  readonly lgK: number;
  private readonly coupons = new Set<number>();
  private registers: Uint8Array | null = null;
  private readonly encoder = new TextEncoder();

  constructor(lgK: number) {
    if (!Number.isInteger(lgK) || lgK < 4 || lgK > 21) throw new RangeError(`HLL lgK must be in [4, 21], got ${lgK}`);
    this.lgK = lgK;
  }

  /** Hashes the UTF-8 bytes; the empty string is ignored, as DataSketches does. */
  updateString(value: string): void {
    if (value.length === 0) return;
    this.updateCoupon(coupon(murmur3x64_128(this.encoder.encode(value), SEED)));
  }

  /** Hashes the IEEE-754 bits, with -0 and NaN canonicalized as DataSketches does. */
  updateDouble(value: number): void {
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    if (Number.isNaN(value)) view.setBigUint64(0, 0x7ff8000000000000n, true);
    else view.setFloat64(0, value === 0 ? 0 : value, true);
    this.updateCoupon(coupon(murmur3x64_128(bytes, SEED)));
  }

  serialize(): Uint8Array {
    if (this.registers) return this.serializeRegisters(this.registers);
    const out = new ByteSink();
    const count = this.coupons.size;
    const inList = count < LIST_CAPACITY;
    out
      .u8(inList ? 2 : 3)
      .u8(SERIAL_VERSION)
      .u8(FAMILY)
      .u8(this.lgK);
    out.u8(inList ? 3 : setLgArr(count)).u8(FLAG_COMPACT | (count === 0 ? FLAG_EMPTY : 0));
    out.u8(inList ? count : 0).u8(inList ? MODE_LIST : MODE_SET);
    if (!inList) out.u32(count);
    for (const c of this.coupons) out.u32(c);
    return out.toBytes();
  }

  private updateCoupon(value: number): void {
    if (this.registers) {
      setRegister(this.registers, this.lgK, value);
      return;
    }
    this.coupons.add(value);
    const count = this.coupons.size;
    // lgK < 8 skips the set form; otherwise the set holds up to 3/4 of 2^(lgK-3) slots
    const limit = this.lgK < 8 ? LIST_CAPACITY - 1 : Math.floor((3 * 2 ** (this.lgK - 3)) / 4);
    if (count > limit) {
      const registers = new Uint8Array(2 ** this.lgK);
      for (const c of this.coupons) setRegister(registers, this.lgK, c);
      this.registers = registers;
      this.coupons.clear();
    }
  }

  private serializeRegisters(registers: Uint8Array): Uint8Array {
    let kxq0 = 0; // sum of 2^-value over registers below 32, kept apart for precision
    let kxq1 = 0;
    let zeros = 0;
    for (const value of registers) {
      if (value === 0) zeros += 1;
      if (value < 32) kxq0 += 2 ** -value;
      else kxq1 += 2 ** -value;
    }
    const out = new ByteSink();
    out.u8(10).u8(SERIAL_VERSION).u8(FAMILY).u8(this.lgK).u8(0);
    out
      .u8(FLAG_COMPACT | FLAG_OUT_OF_ORDER)
      .u8(0)
      .u8(MODE_HLL8); // current minimum register: 0
    out.f64(0).f64(kxq0).f64(kxq1).u32(zeros).u32(0);
    return out.bytes(registers).toBytes();
  }
}

function coupon([h1, h2]: [bigint, bigint]): number {
  const address = Number(h1 & BigInt(KEY_MASK_26));
  const leadingZeros = h2 === 0n ? 64 : 64 - h2.toString(2).length;
  return (Math.min(leadingZeros, 62) + 1) * 2 ** 26 + address;
}

function setRegister(registers: Uint8Array, lgK: number, couponValue: number): void {
  const slot = (couponValue % 2 ** 26) & (2 ** lgK - 1);
  const value = Math.floor(couponValue / 2 ** 26);
  if (value > registers[slot]) registers[slot] = value;
}

// the hash-set size DataSketches would have grown to for `count` coupons
function setLgArr(count: number): number {
  let lg = LG_INIT_SET_SIZE;
  while (4 * count > 3 * 2 ** lg) lg += 1;
  return lg;
}
