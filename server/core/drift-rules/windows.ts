// Which calendar windows a drift check looks at: the windows themselves plus, before the first,
// the whole windows its baseline is made of.
import { BucketLimitError, calendarBuckets, type Granularity, type Window } from '../buckets.js';
import { emptyTally, mergeInto, type Tally } from '../tally.js';

const NOMINAL_MS: Record<Granularity, number> = {
  HOUR: 3_600_000,
  DAY: 86_400_000,
  WEEK: 7 * 86_400_000,
  MONTH: 31 * 86_400_000,
};

/** Far enough back to hold `count` whole buckets whatever DST or zone changes do to their length. */
const lookback = (granularity: Granularity, count: number) => 2 * (count + 1) * NOMINAL_MS[granularity];

/** The last `count` windows that ended at or before `now`, oldest first. */
export function closedWindows(now: Date, count: number, granularity: Granularity, zone: string): Window[] {
  // Up to now + 1 ms: the bucket holding `now` (or starting at it) is the last and is dropped.
  const buckets = calendarBuckets(
    new Date(now.getTime() - lookback(granularity, count)),
    new Date(now.getTime() + 1),
    granularity,
    zone,
  );
  const closed = buckets.filter((b) => b.end.getTime() <= now.getTime());
  // The first bucket is clipped at the lookback start; it is never among those returned.
  if (closed.length < count + 1)
    throw new Error(`expected ${count + 1} closed ${granularity} windows before ${now.toISOString()} in ${zone}`);
  return closed.slice(-count);
}

export interface RangeWindows {
  /** The range's buckets, clipped to it (as the metrics series). */
  points: Window[];
  /** `context` whole buckets before the first point's bucket, then that bucket unclipped, then the other points. */
  whole: Window[];
}

/** Throws BucketLimitError when the range holds more than `limit` buckets. */
export function rangeWindows(
  range: Window,
  granularity: Granularity,
  zone: string,
  context: number,
  limit: number,
): RangeWindows {
  const extra = 4 * (context + 1) + 8;
  const from = new Date(range.start.getTime() - lookback(granularity, context));
  const buckets = calendarBuckets(from, range.end, granularity, zone, limit + extra);
  const first = buckets.findIndex((b) => b.end.getTime() > range.start.getTime());
  const points = buckets.slice(first).map((b, i) => (i === 0 ? { start: range.start, end: b.end } : b));
  if (points.length > limit) throw new BucketLimitError(points.length, limit);
  return { points, whole: buckets.slice(first - context) };
}

/** baselines[i] merges the `count` tallies before tallies[i] (fewer near the start). */
export function rollingBaselines(tallies: readonly Tally[], count: number): Tally[] {
  return tallies.map((_, i) => {
    const merged = emptyTally();
    for (const t of tallies.slice(Math.max(0, i - count), i)) mergeInto(merged, t);
    return merged;
  });
}
