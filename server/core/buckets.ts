// A const object, not only a type: the API registers it as its enum, so values pass through as they are.
export const Granularity = { HOUR: 'HOUR', DAY: 'DAY', WEEK: 'WEEK', MONTH: 'MONTH' } as const;
export type Granularity = (typeof Granularity)[keyof typeof Granularity];

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
    super(
      `the range holds ${count} buckets, more than the limit of ${limit}; narrow the range or use a coarser granularity`,
    );
  }
}

/** Maps an instant to the zone's UTC offset in ms at that instant. */
type OffsetOf = (t: number) => number;

// Intl names the offset as "GMT", "GMT+05:45" or, for old local mean times, "GMT-00:44:30".
const OFFSET_NAME = /GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/;

/** Offsets read from Intl: format() with only the offset is several times cheaper than formatToParts. */
function offsetsOf(zone: string): OffsetOf {
  // The default zone: no Intl call per bucket edge.
  if (zone === 'UTC') return () => 0;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  } catch {
    throw new TimeZoneError(`unknown time zone "${zone}": expected an IANA name such as "Europe/Berlin" or "UTC"`);
  }
  return (t) => {
    const text = format.format(t);
    const m = OFFSET_NAME.exec(text);
    if (!m) throw new Error(`cannot read a UTC offset from "${text}"`);
    const [, sign, h = '0', min = '0', sec = '0'] = m;
    return (sign === '-' ? -1 : 1) * ((Number(h) * 60 + Number(min)) * 60 + Number(sec)) * 1000;
  };
}

export function assertTimeZone(zone: string): void {
  offsetsOf(zone);
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Periods counted on the wall clock: "wall" values are ms since 1970-01-01T00:00 local time. */
interface Unit {
  index(wall: number): number;
}
interface CalendarUnit extends Unit {
  startWall(index: number): number;
}

const dayOf = (wall: number): number => Math.floor(wall / DAY_MS);

const HOUR_UNIT: Unit = { index: (w) => Math.floor(w / HOUR_MS) };

const CALENDAR_UNITS: Record<Exclude<Granularity, 'HOUR'>, CalendarUnit> = {
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

function wallAt(offsetAt: OffsetOf, t: number): number {
  return t + offsetAt(t);
}

/** The first instant in (lo, hi] whose offset differs from the one at `lo`, by bisection; the caller
 *  knows the offset at `hi` differs. Only runs at offset changes; about 27 steps over a day. */
function transitionIn(offsetAt: OffsetOf, lo: number, hi: number): number {
  const old = offsetAt(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid) === old) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The earliest instant whose wall clock reads `wall` or later: `wall` itself (its first occurrence
 *  when clocks go back over it) or, when a gap skips it, the end of the gap. Like Temporal, assumes
 *  a zone changes offset at most once within a day either side. */
function firstInstantFrom(offsetAt: OffsetOf, wall: number): number {
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  if (before === after || offsetAt(wall - before) === before) return wall - before;
  if (offsetAt(wall - after) === after) return wall - after;
  return transitionIn(offsetAt, wall - after, wall - before);
}

/** Starts of the days, weeks or months strictly inside (from, to). A period starts at its earliest
 *  instant, so every instant of a local date lands in that date's bucket even when midnight
 *  repeats (America/Havana) or is skipped (America/Santiago). */
function calendarStarts(offsetAt: OffsetOf, unit: CalendarUnit, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let i = unit.index(wallAt(offsetAt, from)) + 1; ; i++) {
    const start = firstInstantFrom(offsetAt, unit.startWall(i));
    if (start >= to) return starts;
    // A skipped date (Pacific/Apia, 2011-12-30) starts where the next date does.
    if (start > from && start !== starts[starts.length - 1]) starts.push(start);
  }
}

/** Starts of the hours strictly inside (from, to). An hour bucket is a clock hour at one UTC
 *  offset: every offset change starts a bucket too, so an hour the clocks go back over is two
 *  buckets, and no bucket is longer than an hour. */
function hourStarts(offsetAt: OffsetOf, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let at = from, offset = offsetAt(from); ;) {
    const mark = (Math.floor((at + offset) / HOUR_MS) + 1) * HOUR_MS - offset; // next hh:00 at this offset
    const markOffset = offsetAt(mark);
    // Offsets never change twice within an hour, so equal offsets at both ends mean no change.
    if (markOffset === offset) {
      at = mark;
    } else {
      at = transitionIn(offsetAt, at, mark);
      offset = at === mark ? markOffset : offsetAt(at);
    }
    if (at >= to) return starts;
    starts.push(at);
  }
}

function checkedTime(d: Date, name: string): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

/** Calendar buckets of `zone` that meet [from, to), each clipped to [from, to), in order, empty
 *  ones included. A bucket starts at local hh:00, midnight, Monday midnight or the 1st; where the
 *  zone skips that wall time, at the first instant after the gap; an HOUR bucket also starts at
 *  every change of UTC offset. Throws RangeError if from >= to,
 *  TimeZoneError for an unknown zone, BucketLimitError when more than `limit` buckets result. */
export function calendarBuckets(
  from: Date,
  to: Date,
  granularity: Granularity,
  zone: string,
  limit?: number,
): Window[] {
  const f = checkedTime(from, 'from');
  const t = checkedTime(to, 'to');
  if (f >= t) throw new RangeError(`from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  const offsetAt = offsetsOf(zone);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  const unit = granularity === 'HOUR' ? HOUR_UNIT : CALENDAR_UNITS[granularity];

  // Wall-clock arithmetic counts exactly except around offset changes, each of which moves the
  // count by a bucket or two; past that margin, refuse before allocating anything.
  const estimate = unit.index(wallAt(offsetAt, t - 1)) - unit.index(wallAt(offsetAt, f)) + 1;
  if (limit !== undefined && estimate > limit + Math.ceil(limit / 100) + 8) {
    throw new BucketLimitError(estimate, limit);
  }

  const starts =
    granularity === 'HOUR' ? hourStarts(offsetAt, f, t) : calendarStarts(offsetAt, CALENDAR_UNITS[granularity], f, t);
  const edges = [f, ...starts, t];
  const buckets = edges.slice(1).map((end, k) => ({ start: new Date(edges[k]), end: new Date(end) }));
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
