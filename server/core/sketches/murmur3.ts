/**
 * MurmurHash3 x64 128-bit (Austin Appleby, public domain) with a 64-bit seed, as DataSketches
 * hashes items for its HLL sketches. BigInt keeps the 64-bit arithmetic exact.
 */

const MASK = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

export function murmur3x64_128(data: Uint8Array, seed: bigint): [bigint, bigint] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let h1 = seed & MASK;
  let h2 = seed & MASK;
  const blocks = data.length >> 4;
  for (let i = 0; i < blocks; i++) {
    h1 ^= mixK1(view.getBigUint64(i * 16, true));
    h1 = (((rotl(h1, 27n) + h2) & MASK) * 5n + 0x52dce729n) & MASK;
    h2 ^= mixK2(view.getBigUint64(i * 16 + 8, true));
    h2 = (((rotl(h2, 31n) + h1) & MASK) * 5n + 0x38495ab5n) & MASK;
  }
  const tailStart = blocks * 16;
  const tailLength = data.length - tailStart;
  if (tailLength > 8) h2 ^= mixK2(littleEndian(data, tailStart + 8, tailLength - 8));
  if (tailLength > 0) h1 ^= mixK1(littleEndian(data, tailStart, Math.min(tailLength, 8)));

  const length = BigInt(data.length);
  h1 ^= length;
  h2 ^= length;
  h1 = (h1 + h2) & MASK;
  h2 = (h2 + h1) & MASK;
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 = (h1 + h2) & MASK;
  h2 = (h2 + h1) & MASK;
  return [h1, h2];
}

function mixK1(k: bigint): bigint {
  return (rotl((k * C1) & MASK, 31n) * C2) & MASK;
}

function mixK2(k: bigint): bigint {
  return (rotl((k * C2) & MASK, 33n) * C1) & MASK;
}

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK;
}

function fmix64(k: bigint): bigint {
  let h = k;
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & MASK;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & MASK;
  h ^= h >> 33n;
  return h;
}

function littleEndian(data: Uint8Array, start: number, length: number): bigint {
  let value = 0n;
  for (let i = length - 1; i >= 0; i--) value = (value << 8n) | BigInt(data[start + i]);
  return value;
}
