import { IANAZone } from 'luxon';

export type Granularity = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

/** A half-open interval [start, end). */
export interface Window {
  start: Date;
  end: Date;
}

export class TimeZoneError extends Error {
  override name = 'TimeZoneError';
}

/** A query would produce more buckets than allowed. `count` is exact when it is near the limit,
 *  an estimate from local calendar arithmetic when it is far above it. */
export class BucketLimitError extends Error {
  override name = 'BucketLimitError';
  constructor(
    readonly count: number,
    readonly limit: number,
  ) {
    super(`the range holds ${count} buckets, more than the limit of ${limit}; narrow the range or use a coarser granularity`);
  }
}

export function assertTimeZone(zone: string): void {
  if (!IANAZone.isValidZone(zone)) {
    throw new TimeZoneError(`unknown time zone "${zone}": expected an IANA name such as "Europe/Berlin" or "UTC"`);
  }
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Calendar units counted on the wall clock: "wall" values are ms since 1970-01-01T00:00 local time. */
interface Unit {
  index(wall: number): number;
  startWall(index: number): number;
}

const dayOf = (wall: number): number => Math.floor(wall / DAY_MS);

const UNITS: Record<Granularity, Unit> = {
  HOUR: { index: (w) => Math.floor(w / HOUR_MS), startWall: (i) => i * HOUR_MS },
  DAY: { index: dayOf, startWall: (i) => i * DAY_MS },
  // 1970-01-01 was a Thursday, so the Monday-based week i starts on epoch day 7i - 3.
  WEEK: { index: (w) => Math.floor((dayOf(w) + 3) / 7), startWall: (i) => (i * 7 - 3) * DAY_MS },
  MONTH: {
    index: (w) => {
      const d = new Date(w);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    },
    // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
    startWall: (i) => new Date(0).setUTCFullYear(Math.floor(i / 12), ((i % 12) + 12) % 12, 1),
  },
};

/** UTC offset in ms; luxon reports minutes, fractional for historical offsets with seconds. */
function offsetAt(zone: IANAZone, t: number): number {
  return Math.round(zone.offset(t) * 60_000);
}

function wallAt(zone: IANAZone, t: number): number {
  return t + offsetAt(zone, t);
}

/** Instants whose wall clock reads exactly `wall`, ascending: none in a DST gap, two in an overlap.
 *  Like Temporal, assumes a zone changes its offset at most once within a day either side. */
function instantsAt(zone: IANAZone, wall: number): number[] {
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const offsets = before === after ? [before] : [before, after];
  return offsets
    .map((o) => wall - o)
    .filter((t) => offsetAt(zone, t) === wall - t)
    .sort((a, b) => a - b);
}

/** The first instant after a gap that skips `wall` (the transition itself), by bisection. */
function gapEnd(zone: IANAZone, wall: number): number {
  let lo = wall - offsetAt(zone, wall + DAY_MS); // still on the old offset: reads before `wall`
  let hi = wall - offsetAt(zone, wall - DAY_MS); // already on the new offset: reads after `wall`
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAt(zone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Where buckets starting at local `wall` begin. An hour repeated by a fall-back is two buckets;
 *  a day, week or month starts at its earliest instant, so every instant of a local date lands in
 *  that date's bucket even when midnight repeats (America/Havana). */
function boundariesAt(zone: IANAZone, wall: number, everyOccurrence: boolean): number[] {
  const exact = instantsAt(zone, wall);
  if (exact.length === 0) return [gapEnd(zone, wall)];
  return everyOccurrence ? exact : exact.slice(0, 1);
}

function checkedTime(d: Date, name: string): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

/** Calendar buckets of `zone` that meet [from, to), each clipped to [from, to), in order, empty
 *  ones included. A bucket starts at local hh:00, midnight, Monday midnight or the 1st; where the
 *  zone skips that wall time, at the first instant after the gap. Throws RangeError if from >= to,
 *  TimeZoneError for an unknown zone, BucketLimitError when more than `limit` buckets result. */
export function calendarBuckets(from: Date, to: Date, granularity: Granularity, zone: string, limit?: number): Window[] {
  const f = checkedTime(from, 'from');
  const t = checkedTime(to, 'to');
  if (f >= t) throw new RangeError(`from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  assertTimeZone(zone);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  const tz = IANAZone.create(zone);
  const unit = UNITS[granularity];
  const first = unit.index(wallAt(tz, f));

  // Wall-clock arithmetic counts exactly except around offset changes, each of which moves the
  // count by a bucket or two; past that margin, refuse before allocating anything.
  const estimate = unit.index(wallAt(tz, t - 1)) - first + 1;
  if (limit !== undefined && estimate > limit + Math.ceil(limit / 100) + 8) {
    throw new BucketLimitError(estimate, limit);
  }

  const boundaries: number[] = [];
  for (let i = first; ; i++) {
    const starts = boundariesAt(tz, unit.startWall(i), granularity === 'HOUR');
    boundaries.push(...starts);
    if (starts[0] >= t) break;
  }
  boundaries.sort((a, b) => a - b);

  const buckets: Window[] = [];
  for (let k = 0; k + 1 < boundaries.length; k++) {
    const start = Math.max(boundaries[k], f);
    const end = Math.min(boundaries[k + 1], t);
    // Drops buckets outside [from, to) and the empty span between a gap's duplicate boundaries.
    if (start < end) buckets.push({ start: new Date(start), end: new Date(end) });
  }
  if (limit !== undefined && buckets.length > limit) throw new BucketLimitError(buckets.length, limit);
  return buckets;
}

/** The period of equal length that ends where `w` starts. */
export function previousWindow(w: Window): Window {
  const start = checkedTime(w.start, 'start');
  const length = checkedTime(w.end, 'end') - start;
  if (length <= 0) throw new RangeError('window start must be before its end');
  return { start: new Date(start - length), end: new Date(start) };
}
