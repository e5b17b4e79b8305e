// Bounds on what one range argument may ask for: its span, and the rollup blocks it reads.
import type { Window } from './buckets.js';
import { InputError } from './errors.js';
import { countBlocks } from './grid.js';

export interface RangeLimits {
  /** Longest span of one range (CLARA_MAX_RANGE). */
  spanMs: number;
  /** Most rollup blocks one field reads (CLARA_MAX_BLOCKS); a raw sliver counts as one. */
  blocks: number;
}

const DAY_MS = 86_400_000;
const days = (ms: number) => Math.ceil(ms / DAY_MS).toLocaleString('en-US');

/** A valid, ordered range no longer than the limit: checked before anything is computed from it. */
export function checkRange(range: Window, limits: RangeLimits): Window {
  if (Number.isNaN(range.start.getTime())) throw new InputError('range.from', 'is not a valid date');
  if (Number.isNaN(range.end.getTime())) throw new InputError('range.to', 'is not a valid date');
  if (range.start >= range.end)
    throw new InputError('range', '"from" must be before "to" (the range is half-open [from, to))');
  const span = range.end.getTime() - range.start.getTime();
  if (span > limits.spanMs)
    throw new InputError(
      'range',
      `spans ${days(span)} days, more than the limit of ${days(limits.spanMs)} days; ask for a shorter range`,
    );
  return range;
}

/** Blocks (and raw slivers) the windows read together. */
export function blocksOf(windows: readonly Window[]): number {
  let total = 0;
  for (const w of windows) {
    const { blocks, rawEdges } = countBlocks(w);
    total += blocks + rawEdges;
  }
  return total;
}

/** Refuses, before any block is listed or read, windows that would read more blocks than the limit. */
export function checkBlocks(windows: readonly Window[], limits: RangeLimits): void {
  const total = blocksOf(windows);
  if (total > limits.blocks) {
    throw new InputError(
      'range',
      `needs ${total.toLocaleString('en-US')} rollup blocks, more than the limit of ${limits.blocks.toLocaleString('en-US')}; ask for a shorter range or a coarser granularity`,
    );
  }
}
