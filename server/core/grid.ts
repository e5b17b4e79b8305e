import type { Window } from './buckets.js';

/** Rollup grids, all aligned to UTC midnight: each level's blocks tile the next coarser one. */
export type RollupLevel = 'QUARTER' | 'HOUR' | 'DAY';

export const LEVEL_MS: Record<RollupLevel, number> = {
  QUARTER: 900_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

const COARSEST_FIRST: readonly RollupLevel[] = ['DAY', 'HOUR', 'QUARTER'];

export interface Block {
  level: RollupLevel;
  start: Date;
}

export interface Decomposition {
  blocks: Block[];
  rawEdges: Window[];
}

function floorTo(ms: number, t: number): number {
  return Math.floor(t / ms) * ms;
}

function checkedTime(d: Date, name: string): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

/** Floors `t` to the start of its block on the UTC grid of `level`. */
export function levelStart(level: RollupLevel, t: Date): Date {
  return new Date(floorTo(LEVEL_MS[level], checkedTime(t, 't')));
}

/** Covers [start, end) exactly with the fewest rollup blocks plus at most two raw edges (each
 *  under 15 minutes) at its ends. Greedy is optimal because the grids nest: taking the coarsest
 *  aligned block that fits at each step never splits a block another tiling could use whole. */
export function decompose(w: Window): Decomposition {
  const from = checkedTime(w.start, 'start');
  const to = checkedTime(w.end, 'end');
  if (from >= to) throw new RangeError('window start must be before its end');
  const quarter = LEVEL_MS.QUARTER;
  const inner = Math.ceil(from / quarter) * quarter;
  const outer = floorTo(quarter, to);
  if (inner > outer) return { blocks: [], rawEdges: [{ start: new Date(from), end: new Date(to) }] };

  const rawEdges: Window[] = [];
  if (from < inner) rawEdges.push({ start: new Date(from), end: new Date(inner) });
  const blocks: Block[] = [];
  for (let cursor = inner; cursor < outer;) {
    // QUARTER always fits: cursor and outer both lie on the quarter grid.
    const level = COARSEST_FIRST.find((l) => cursor % LEVEL_MS[l] === 0 && cursor + LEVEL_MS[l] <= outer) ?? 'QUARTER';
    blocks.push({ level, start: new Date(cursor) });
    cursor += LEVEL_MS[level];
  }
  if (outer < to) rawEdges.push({ start: new Date(outer), end: new Date(to) });
  return { blocks, rawEdges };
}

/** The block one level coarser that contains the aligned block (`level`, `start`), e.g. to mark
 *  an hour dirty when one of its quarters changes. */
export function parentStart(level: 'QUARTER' | 'HOUR', start: Date): Block {
  const t = checkedTime(start, 'start');
  if (t % LEVEL_MS[level] !== 0) {
    throw new RangeError(`${start.toISOString()} is not the start of a ${level} block`);
  }
  const parent: RollupLevel = level === 'QUARTER' ? 'HOUR' : 'DAY';
  return { level: parent, start: new Date(floorTo(LEVEL_MS[parent], t)) };
}

/** What decompose() would give, counted without building it: O(1) for any window, so a request
 *  can be priced (and refused) before a huge range allocates millions of blocks. */
export function countBlocks(w: Window): { blocks: number; rawEdges: number } {
  const from = checkedTime(w.start, 'start');
  const to = checkedTime(w.end, 'end');
  if (from >= to) throw new RangeError('window start must be before its end');
  const { QUARTER: q, HOUR: h, DAY: d } = LEVEL_MS;
  const inner = Math.ceil(from / q) * q;
  const outer = floorTo(q, to);
  if (inner > outer) return { blocks: 0, rawEdges: 1 };
  const rawEdges = (from < inner ? 1 : 0) + (outer < to ? 1 : 0);
  // The greedy walk of decompose: quarters up to an hour, hours up to a day, whole days, then
  // hours and quarters down to the end; each run is a division.
  let cursor = inner;
  let blocks = 0;
  const run = (size: number, stop: number) => {
    if (stop > cursor) {
      blocks += (stop - cursor) / size;
      cursor = stop;
    }
  };
  run(q, Math.min(Math.ceil(cursor / h) * h, outer));
  run(h, Math.min(Math.ceil(cursor / d) * d, floorTo(h, outer)));
  if (cursor % d === 0) {
    run(d, floorTo(d, outer));
    run(h, floorTo(h, outer));
  }
  run(q, outer);
  return { blocks, rawEdges };
}
