import { describe, expect, it } from 'vitest';
import type { Window } from '../../server/core/buckets.js';
import { decompose, LEVEL_MS, levelStart, parentStart, type Decomposition } from '../../server/core/grid.js';
import { seeded } from '../support/random.js';

const at = (iso: string): Date => new Date(iso);
const win = (start: string, end: string): Window => ({ start: at(start), end: at(end) });
const MIN = 60_000;
const QUARTER = 15 * MIN;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const countByLevel = (d: Decomposition): Record<string, number> =>
  d.blocks.reduce<Record<string, number>>((acc, b) => ({ ...acc, [b.level]: (acc[b.level] ?? 0) + 1 }), {});

/** Fewest aligned blocks that tile [a, b) (both on the quarter grid), by dynamic programming. */
function fewestBlocks(a: number, b: number): number {
  const n = (b - a) / QUARTER;
  const best = new Array<number>(n + 1).fill(Infinity);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    const t = a + i * QUARTER;
    for (const size of [QUARTER, HOUR, DAY]) {
      const j = i + size / QUARTER;
      if (t % size === 0 && j <= n) best[j] = Math.min(best[j], best[i] + 1);
    }
  }
  return best[n];
}

describe('grid levels', () => {
  it('has 15-minute, hour and day blocks', () => {
    expect(LEVEL_MS).toEqual({ QUARTER: QUARTER, HOUR: HOUR, DAY: DAY });
  });

  it('floors an instant to each UTC grid, before 1970 too', () => {
    const t = at('2024-05-05T13:47:12.345Z');
    expect(levelStart('QUARTER', t).toISOString()).toBe('2024-05-05T13:45:00.000Z');
    expect(levelStart('HOUR', t).toISOString()).toBe('2024-05-05T13:00:00.000Z');
    expect(levelStart('DAY', t).toISOString()).toBe('2024-05-05T00:00:00.000Z');
    expect(levelStart('DAY', at('1969-12-31T23:59:59.999Z')).toISOString()).toBe('1969-12-31T00:00:00.000Z');
    expect(levelStart('QUARTER', at('2024-05-05T13:45:00.000Z')).toISOString()).toBe('2024-05-05T13:45:00.000Z');
  });

  it('names the parent block of a quarter and of an hour', () => {
    expect(parentStart('QUARTER', at('2024-05-05T13:45:00Z'))).toEqual({
      level: 'HOUR',
      start: at('2024-05-05T13:00:00Z'),
    });
    expect(parentStart('HOUR', at('2024-05-05T13:00:00Z'))).toEqual({
      level: 'DAY',
      start: at('2024-05-05T00:00:00Z'),
    });
    expect(parentStart('HOUR', at('1969-12-31T23:00:00Z'))).toEqual({
      level: 'DAY',
      start: at('1969-12-31T00:00:00Z'),
    });
  });

  it('refuses a parent for an instant that does not start a block', () => {
    expect(() => parentStart('QUARTER', at('2024-05-05T13:46:00Z'))).toThrow(RangeError);
    expect(() => parentStart('HOUR', at('2024-05-05T13:45:00Z'))).toThrow(RangeError);
  });
});

describe('decompose: hand cases', () => {
  it('answers a UTC day with one DAY block', () => {
    expect(decompose(win('2024-01-15T00:00:00Z', '2024-01-16T00:00:00Z'))).toEqual({
      blocks: [{ level: 'DAY', start: at('2024-01-15T00:00:00Z') }],
      rawEdges: [],
    });
  });

  it('answers a Kolkata day (18:30Z to 18:30Z) with hours and quarters only', () => {
    const d = decompose(win('2024-01-14T18:30:00Z', '2024-01-15T18:30:00Z'));
    expect(d.rawEdges).toEqual([]);
    expect(countByLevel(d)).toEqual({ QUARTER: 4, HOUR: 23 });
    expect(d.blocks.slice(0, 3)).toEqual([
      { level: 'QUARTER', start: at('2024-01-14T18:30:00Z') },
      { level: 'QUARTER', start: at('2024-01-14T18:45:00Z') },
      { level: 'HOUR', start: at('2024-01-14T19:00:00Z') },
    ]);
    expect(d.blocks.slice(-3)).toEqual([
      { level: 'HOUR', start: at('2024-01-15T17:00:00Z') },
      { level: 'QUARTER', start: at('2024-01-15T18:00:00Z') },
      { level: 'QUARTER', start: at('2024-01-15T18:15:00Z') },
    ]);
  });

  it('uses raw edges only for the slivers outside the quarter grid', () => {
    const d = decompose(win('2024-01-01T00:07:00Z', '2024-01-03T05:52:00Z'));
    expect(d.rawEdges).toEqual([
      win('2024-01-01T00:07:00Z', '2024-01-01T00:15:00Z'),
      win('2024-01-03T05:45:00Z', '2024-01-03T05:52:00Z'),
    ]);
    // 3 quarters + 23 hours to midnight, Jan 2 whole, then 5 hours + 3 quarters.
    expect(countByLevel(d)).toEqual({ QUARTER: 6, HOUR: 28, DAY: 1 });
    expect(d.blocks.find((b) => b.level === 'DAY')?.start).toEqual(at('2024-01-02T00:00:00Z'));
  });

  it('returns a range inside one quarter as a single raw edge', () => {
    expect(decompose(win('2024-01-01T00:01:00Z', '2024-01-01T00:14:00Z'))).toEqual({
      blocks: [],
      rawEdges: [win('2024-01-01T00:01:00Z', '2024-01-01T00:14:00Z')],
    });
  });

  it('splits a range that straddles a quarter boundary into two raw edges', () => {
    expect(decompose(win('2024-01-01T00:01:00Z', '2024-01-01T00:29:00Z'))).toEqual({
      blocks: [],
      rawEdges: [
        win('2024-01-01T00:01:00Z', '2024-01-01T00:15:00Z'),
        win('2024-01-01T00:15:00Z', '2024-01-01T00:29:00Z'),
      ],
    });
  });

  it('answers a century with one block per whole day and at most 46 hours and 6 quarters', () => {
    const d = decompose(win('2000-01-01T03:15:00Z', '2100-01-01T20:45:00Z'));
    expect(countByLevel(d)).toEqual({ DAY: 36_524, HOUR: 20 + 20, QUARTER: 3 + 3 });
  });

  it('rejects empty and reversed windows', () => {
    expect(() => decompose(win('2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => decompose(win('2024-01-02T00:00:00Z', '2024-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('decompose: properties on seeded random windows', () => {
  const random = seeded(20240515);
  const BASE = Date.UTC(1965, 0, 1);
  // Spans from milliseconds to months, at any millisecond, pre-1970 included.
  const windows = Array.from({ length: 600 }, (_, i) => {
    const from = BASE + Math.floor(random() * 80 * 365 * DAY);
    const scale = [1, MIN, QUARTER, HOUR, DAY, 40 * DAY][i % 6];
    const length = 1 + Math.floor(random() * 3 * scale);
    // Every third window starts or ends on a grid line, where off-by-one errors hide.
    const snap = (t: number): number => (i % 3 === 0 ? Math.floor(t / QUARTER) * QUARTER : t);
    return { from: snap(from), to: Math.max(snap(from + length), snap(from) + 1) };
  });

  it.each(windows.map((w, i) => [i, w] as const))('window %i tiles [from, to) exactly', (_i, { from, to }) => {
    const d = decompose({ start: new Date(from), end: new Date(to) });
    const pieces = [
      ...d.blocks.map((b) => {
        expect(b.start.getTime() % LEVEL_MS[b.level] === 0).toBe(true);
        return [b.start.getTime(), b.start.getTime() + LEVEL_MS[b.level]];
      }),
      ...d.rawEdges.map((e) => {
        expect(e.end.getTime() - e.start.getTime()).toBeLessThan(QUARTER);
        expect(e.start.getTime() === from || e.end.getTime() === to).toBe(true);
        return [e.start.getTime(), e.end.getTime()];
      }),
    ].sort((x, y) => x[0] - y[0]);
    expect(d.rawEdges.length).toBeLessThanOrEqual(2);
    let cursor = from;
    for (const [s, e] of pieces) {
      expect(s).toBe(cursor);
      expect(e).toBeGreaterThan(s);
      cursor = e;
    }
    expect(cursor).toBe(to);
  });

  it('uses the fewest blocks possible (dynamic-programming oracle, windows up to 3 days)', () => {
    for (const { from, to } of windows.filter((w) => w.to - w.from <= 3 * DAY)) {
      const d = decompose({ start: new Date(from), end: new Date(to) });
      const inner = Math.ceil(from / QUARTER) * QUARTER;
      const outer = Math.floor(to / QUARTER) * QUARTER;
      expect(d.blocks.length).toBe(inner < outer ? fewestBlocks(inner, outer) : 0);
    }
  });
});

describe('levelStart and parentStart agree', () => {
  it('the parent of a block contains it', () => {
    const random = seeded(7);
    for (let i = 0; i < 200; i++) {
      const t = new Date(Date.UTC(1960, 0, 1) + Math.floor(random() * 100 * 365 * DAY));
      for (const level of ['QUARTER', 'HOUR'] as const) {
        const start = levelStart(level, t);
        const parent = parentStart(level, start);
        expect(parent.start.getTime()).toBeLessThanOrEqual(start.getTime());
        expect(start.getTime() + LEVEL_MS[level]).toBeLessThanOrEqual(parent.start.getTime() + LEVEL_MS[parent.level]);
        expect(parent.start).toEqual(levelStart(parent.level, t));
      }
    }
  });
});
