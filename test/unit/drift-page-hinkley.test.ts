import { describe, expect, it } from 'vitest';
import {
  PAGE_HINKLEY_INITIAL_STATE,
  pageHinkleyScan,
  pageHinkleyStep,
  type PageHinkleyState,
} from '../../server/core/drift/index.js';

/** mulberry32: a tiny seeded PRNG so the streams are the same on every run. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function errorStream(seed: number, length: number, rateAt: (i: number) => number): (0 | 1)[] {
  const random = seededRandom(seed);
  return Array.from({ length }, (_, i) => (random() < rateAt(i) ? 1 : 0));
}

const CHANGE_AT = 5000;
const SEEDS = Array.from({ length: 20 }, (_, i) => 1000 + i);
const jump = (seed: number) => errorStream(seed, 10_000, (i) => (i < CHANGE_AT ? 0.1 : 0.3));

describe('Page–Hinkley on error streams', () => {
  // Measured delays over these seeds: 156–330 errors (about λ / (0.3 − 0.1 − δ) ≈ 256 on average).
  it.each(SEEDS)('seed %i: error rate 0.1 → 0.3 at 5000 fires after the change, within 350', (seed) => {
    const { alarms } = pageHinkleyScan(jump(seed));
    const first = alarms[0];
    expect(first).toBeDefined();
    expect(first).toBeGreaterThanOrEqual(CHANGE_AT);
    expect((first as number) - CHANGE_AT).toBeLessThanOrEqual(350);
  });

  it.each(SEEDS)('seed %i: a stationary 0.1 stream of 20,000 fires at most once', (seed) => {
    const { alarms } = pageHinkleyScan(errorStream(seed, 20_000, () => 0.1));
    expect(alarms.length).toBeLessThanOrEqual(1);
  });

  it('does not fire on a drop in error rate', () => {
    const { alarms } = pageHinkleyScan(errorStream(7, 10_000, (i) => (i < CHANGE_AT ? 0.3 : 0.05)));
    expect(alarms).toEqual([]);
  });

  it('resumes from a JSON round-tripped state exactly as one uninterrupted scan', () => {
    const stream = jump(SEEDS[0] as number);
    const whole = pageHinkleyScan(stream);
    let state: PageHinkleyState = PAGE_HINKLEY_INITIAL_STATE;
    const alarms: number[] = [];
    for (let start = 0; start < stream.length; start += 777) {
      const batch = pageHinkleyScan(stream.slice(start, start + 777), {}, state);
      alarms.push(...batch.alarms.map((i) => i + start));
      state = JSON.parse(JSON.stringify(batch.state)) as PageHinkleyState;
    }
    expect(alarms).toEqual(whole.alarms);
    expect(state).toEqual(whole.state);
  });

  it('resets after firing, so the new error rate becomes the baseline', () => {
    const fired = pageHinkleyStep({ count: 500, mean: 0.1, sum: 49.5 }, 1);
    expect(fired.fired).toBe(true);
    expect(fired.state).toEqual(PAGE_HINKLEY_INITIAL_STATE);
    // After the reset, the 0.3 regime alone does not trigger a second alarm.
    const { alarms } = pageHinkleyScan(jump(SEEDS[1] as number));
    expect(alarms).toHaveLength(1);
  });

  it('waits for minInstances and honours custom parameters', () => {
    // 20 right then 20 wrong: the evidence passes 0.5 at the first wrong one (index 20).
    const stream: (0 | 1)[] = Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
    expect(pageHinkleyScan(stream, { lambda: 0.5, minInstances: 1 }).alarms).toEqual([20]);
    expect(pageHinkleyScan(stream, { lambda: 0.5, minInstances: 30 }).alarms).toEqual([29]);
    expect(pageHinkleyScan(stream).alarms).toEqual([]);
  });
});
