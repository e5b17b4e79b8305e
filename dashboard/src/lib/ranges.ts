// Relative ranges ("24h", "7d" …) resolved to calendar-aligned instants in a time zone.
import type { Granularity } from '../gql/graphql.js';
import { HOUR, ceilToHour, startOfDay } from './time-zone.js';

export interface TimeRange {
  from: Date;
  to: Date;
}

/** The choices offered by the range picker; any `<n>h` or `<n>d` is accepted elsewhere. */
export const PRESETS = ['24h', '7d', '30d', '90d'] as const;
export type Preset = (typeof PRESETS)[number];

const SPEC = /^([1-9]\d{0,3})([hd])$/;

export function isRangeSpec(text: string): boolean {
  return SPEC.test(text);
}

/**
 * `<n>h` ends at the next full hour and `<n>d` at the next local midnight, so buckets are whole:
 * "7d" is today and the six days before it, in `timeZone`.
 */
export function relativeRange(spec: string, now: Date, timeZone: string): TimeRange {
  const m = SPEC.exec(spec);
  if (!m) throw new RangeError(`"${spec}" is not a relative range such as 24h or 30d`);
  const n = Number(m[1]);
  if (m[2] === 'h') {
    const to = ceilToHour(now.getTime() + 1, timeZone);
    return { from: new Date(to - n * HOUR), to: new Date(to) };
  }
  const to = startOfDay(now.getTime(), timeZone, 1);
  return { from: new Date(startOfDay(now.getTime(), timeZone, 1 - n)), to: new Date(to) };
}

/** The preset that gives exactly this range right now, if any. */
export function matchPreset(range: TimeRange, now: Date, timeZone: string): Preset | null {
  for (const p of PRESETS) {
    const r = relativeRange(p, now, timeZone);
    if (r.from.getTime() === range.from.getTime() && r.to.getTime() === range.to.getTime()) return p;
  }
  return null;
}

/** The period of equal length just before `range`, for "change against the previous period". */
export function previousRange(range: TimeRange): TimeRange {
  const length = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - length), to: new Date(range.from) };
}

/** A granularity that gives a readable number of points for the range. */
export function suggestedGranularity(range: TimeRange): Granularity {
  const days = (range.to.getTime() - range.from.getTime()) / (24 * HOUR);
  if (days <= 3) return 'HOUR';
  if (days <= 120) return 'DAY';
  if (days <= 730) return 'WEEK';
  return 'MONTH';
}

export function rangeVariables(range: TimeRange): { from: string; to: string } {
  return { from: range.from.toISOString(), to: range.to.toISOString() };
}
